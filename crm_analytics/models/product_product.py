from odoo import fields, models


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
        counts = dict(
            self.env["crm.basket.pair"]._read_group(
                [("product_id", "in", self.ids), ("suggested", "=", True)],
                ["product_id"],
                ["__count"],
            )
        )
        for product in self:
            product.crm_basket_count = counts.get(product, 0)

    def action_open_crm_basket_pairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_analytics.action_crm_basket_pair"
        )
        action.update(
            {
                "name": self.env._(
                    "Bought together with %(product)s", product=self.display_name
                ),
                "domain": [("product_id", "=", self.id)],
                "context": {"search_default_filter_suggested": 1},
            }
        )
        return action
