from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # kept when a cancelled quotation frees the cost line: setting the
    # quotation back to draft bills the line on it again
    service_cost_line_id = fields.Many2one(
        "helpdesk.ticket.cost.line",
        string="Service cost",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
