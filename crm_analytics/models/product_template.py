from odoo import api, fields, models


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
        counts = self.env["crm.basket.pair"]._crm_suggested_counts(
            "product_tmpl_id", self
        )
        for template in self:
            template.crm_basket_count = counts.get(template, 0)

    @api.readonly
    def action_open_crm_basket_pairs(self):
        self.ensure_one()
        return self.env["crm.basket.pair"]._crm_action_pairs_of(
            "product_tmpl_id", self, self.name
        )
