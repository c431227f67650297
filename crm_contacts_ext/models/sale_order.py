from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    crm_discount_level_id = fields.Many2one(
        "crm.discount.level",
        string="Discount Level",
        compute="_compute_crm_discount_level_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        help="The customer's discount level: its lines get the level's "
        "discount by themselves.",
    )

    @api.depends("partner_id")
    def _compute_crm_discount_level_id(self):
        for order in self:
            if order.state in ("draft", "sent") or not order.crm_discount_level_id:
                order.crm_discount_level_id = (
                    order.partner_id.commercial_partner_id.crm_discount_level_id
                )
