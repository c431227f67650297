from odoo import api, fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    # the variant's own pairs, not the template's
    crm_basket_pair_ids = fields.One2many(
        "crm.basket.pair",
        "product_id",
        string="Bought together with",
        domain=[("suggested", "=", True)],
        groups="sales_team.group_sale_salesman",
    )
    crm_basket_count = fields.Integer(
        string="Bought together",
        compute="_compute_crm_basket_count",
        groups="sales_team.group_sale_salesman",
    )

    def _compute_crm_basket_count(self):
        counts = self.env["crm.basket.pair"]._crm_suggested_counts("product_id", self)
        for product in self:
            product.crm_basket_count = counts.get(product, 0)

    @api.readonly
    def action_open_crm_basket_pairs(self):
        self.ensure_one()
        return self.env["crm.basket.pair"]._crm_action_pairs_of(
            "product_id", self, self.display_name
        )
