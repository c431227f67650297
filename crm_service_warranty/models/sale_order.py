from odoo import models
from odoo.exceptions import UserError


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

    def action_draft(self):
        """A cancelled quotation set back to draft bills its service costs
        again, unless they went on another quotation since."""
        sale_lines = (
            self.filtered(lambda order: order.state == "cancel")
            .order_line.sudo()
            .filtered("service_cost_line_id")
        )
        elsewhere = sale_lines.service_cost_line_id.filtered("sale_line_id")
        if elsewhere:
            raise UserError(
                self.env._(
                    "Quotation %(orders)s cannot be set back to draft: its service "
                    "costs %(lines)s are on quotation %(others)s now. Cancel that "
                    "one first, or make a new quotation.",
                    orders=", ".join(self.mapped("name")),
                    lines=", ".join(elsewhere.mapped("name")),
                    others=", ".join(elsewhere.sale_order_id.mapped("name")),
                )
            )
        result = super().action_draft()
        for sale_line in sale_lines:
            sale_line.service_cost_line_id.sale_line_id = sale_line
        return result
