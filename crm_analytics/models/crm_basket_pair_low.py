from odoo import fields, models


class CrmBasketPairLow(models.Model):
    """Pairs of products seen together in fewer orders of the analysis period
    than the company's minimum (once per pair, product_id < other_product_id;
    written in SQL by the refresh): an incremental refresh adds new orders to
    these counts, so that a pair reaching the minimum is known without
    counting its orders again."""

    _name = "crm.basket.pair.low"
    _description = "Products bought together: pairs below the minimum"
    _log_access = False

    # plain ids like the pair counts (see crm.basket.pair.count)
    company_id = fields.Integer(required=True, readonly=True)
    product_id = fields.Integer(required=True, readonly=True)
    other_product_id = fields.Integer(required=True, readonly=True)
    pair_count = fields.Integer(required=True, readonly=True)

    _company_product_other_unique = models.UniqueIndex(
        "(company_id, product_id, other_product_id)"
    )

    def init(self):
        self.env.cr.execute("ALTER TABLE crm_basket_pair_low SET (fillfactor = 80)")
