from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    offer_line_id = fields.Many2one(
        "crm.offer.variant.line",
        string="Offer Line",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
