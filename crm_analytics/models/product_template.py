from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    crm_basket_pair_ids = fields.One2many(
        "crm.basket.pair",
        "product_tmpl_id",
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
                [("product_tmpl_id", "in", self.ids), ("suggested", "=", True)],
                ["product_tmpl_id"],
                ["other_product_id:count_distinct"],
            )
        )
        for template in self:
            template.crm_basket_count = counts.get(template, 0)

    def action_open_crm_basket_pairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_analytics.action_crm_basket_pair"
        )
        action.update(
            {
                "name": self.env._(
                    "Bought together with %(product)s", product=self.name
                ),
                "domain": [("product_tmpl_id", "=", self.id)],
                "context": {"search_default_filter_suggested": 1},
            }
        )
        return action
