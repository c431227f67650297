from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_cancel(self):
        result = super()._action_cancel()
        # the service cost lines of a cancelled quotation can be billed again;
        # sudo: a salesperson cancels orders without rights on the service costs
        cost_lines = (
            self.env["helpdesk.ticket.cost.line"]
            .sudo()
            .search([("sale_line_id", "in", self.order_line.ids)])
        )
        released = {
            ticket: cost_lines.filtered(
                lambda line, ticket=ticket: line.ticket_id == ticket
            ).sale_order_id
            for ticket in cost_lines.ticket_id
        }
        cost_lines.sale_line_id = False
        for ticket, orders in released.items():
            ticket.message_post(
                body=self.env._(
                    "Quotation %s cancelled: its service costs can be billed again.",
                    ", ".join(orders.mapped("name")),
                )
            )
        return result
