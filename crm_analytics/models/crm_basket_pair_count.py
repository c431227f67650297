from odoo import fields, models


class CrmBasketPairCount(models.Model):
    """How many orders of the analysis period contain both products, per
    ordered pair (A, B) seen together at least the company's minimum number of
    times (written in SQL by the refresh; ``crm.basket.pair`` shows it with the
    figures derived from it)."""

    _name = "crm.basket.pair.count"
    _description = "Products bought together: orders with both"
    _log_access = False

    # plain ids, no foreign keys: a full refresh writes every pair of the
    # period and a key check per column would cost more than the counting;
    # the order lines keep the products and companies from being deleted
    company_id = fields.Integer(required=True, readonly=True)
    product_id = fields.Integer(required=True, readonly=True)
    other_product_id = fields.Integer(required=True, readonly=True)
    # the only column a refresh rewrites: not indexed, so the update of a
    # pair stays on its page (HOT) in the free space the fillfactor leaves
    pair_count = fields.Integer(required=True, readonly=True)

    _product_other_differ = models.Constraint(
        "CHECK (product_id <> other_product_id)",
        "A product cannot be paired with itself.",
    )
    _company_product_other_unique = models.UniqueIndex(
        "(company_id, product_id, other_product_id)"
    )

    def init(self):
        cr = self.env.cr
        cr.execute("ALTER TABLE crm_basket_pair_count SET (fillfactor = 80)")
