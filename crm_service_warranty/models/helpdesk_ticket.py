from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import check_not_written


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial number",
        index="btree_not_null",
        tracking=True,
        check_company=True,
    )
    product_id = fields.Many2one(
        "product.product",
        string="Device",
        compute="_compute_product_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
    )
    reported_date = fields.Date(
        # the user's day, else the company's (not UTC's)
        default=lambda self: fields.Date.context_today(
            self.with_context(
                tz=self.env.context.get("tz")
                or self.env.user.tz
                or self.env.company.partner_id.tz
            )
        ),
        required=True,
        tracking=True,
        help="Day the problem was reported: the warranty is checked on this day.",
    )
    under_warranty = fields.Boolean(
        compute="_compute_warranty",
        store=True,
        help="The device was under the customer's warranty on the day the ticket "
        "was reported. Set when the ticket is reported: a later delivery, return "
        "or change of the warranty does not change it, a change of the ticket's "
        "device, customer or reported day does.",
    )
    warranty_effective_end = fields.Date(
        string="Covered until",
        compute="_compute_warranty",
        store=True,
        help="End of the warranty that covered the device for the ticket's "
        "customer on the reported day.",
    )
    source_ref = fields.Reference(
        [("calendar.event", "Call or visit"), ("mail.message", "Message")],
        string="Came from",
        help="The phone call, visit (calendar event) or message this ticket came from.",
    )
    cost_line_ids = fields.One2many(
        "helpdesk.ticket.cost.line", "ticket_id", string="Service costs"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    cost_total = fields.Monetary(
        string="Our cost",
        compute="_compute_cost_totals",
        store=True,
        help="What the parts, labour and travel cost us.",
    )
    warranty_price_total = fields.Monetary(
        string="Free under warranty",
        compute="_compute_cost_totals",
        store=True,
        help="Customer price of the lines the warranty covers: the customer "
        "does not pay it.",
    )
    billable_total = fields.Monetary(
        string="Customer pays",
        compute="_compute_cost_totals",
        store=True,
        help="Customer price of the billable lines.",
    )
    sale_order_count = fields.Integer(compute="_compute_sale_order_count")

    @api.model_create_multi
    def create(self, vals_list):
        check_not_written(self, vals_list, ("under_warranty", "warranty_effective_end"))
        return super().create(vals_list)

    def write(self, vals):
        check_not_written(self, [vals], ("under_warranty", "warranty_effective_end"))
        return super().write(vals)

    @api.depends("lot_id")
    def _compute_product_id(self):
        for ticket in self:
            if ticket.lot_id:
                ticket.product_id = ticket.lot_id.product_id

    # only the ticket's own fields: the warranty of a reported ticket is the one
    # of that day, whatever happens to the device afterwards
    @api.depends("lot_id", "partner_id", "reported_date")
    def _compute_warranty(self):
        moves = self.lot_id._origin._customer_moves()
        for ticket in self:
            lot = ticket.lot_id._origin
            start = end = False
            if lot and ticket.reported_date:
                start, end = lot._warranty_period_on(
                    ticket.reported_date,
                    ticket.partner_id.commercial_partner_id,
                    moves[lot.id],
                )
            ticket.warranty_effective_end = end
            ticket.under_warranty = bool(
                start and end and start <= ticket.reported_date <= end
            )

    @api.depends(
        "cost_line_ids.cost_total",
        "cost_line_ids.price_total",
        "cost_line_ids.billing",
    )
    def _compute_cost_totals(self):
        for ticket in self:
            lines = ticket.cost_line_ids
            ticket.cost_total = sum(lines.mapped("cost_total"))
            ticket.warranty_price_total = sum(
                lines.filtered(lambda line: line.billing == "warranty").mapped(
                    "price_total"
                )
            )
            ticket.billable_total = sum(lines.mapped("billable_total"))

    def _compute_sale_order_count(self):
        for ticket in self:
            ticket.sale_order_count = len(ticket.cost_line_ids.sale_line_id.order_id)

    @api.constrains("lot_id", "product_id")
    def _check_lot_product(self):
        for ticket in self:
            if ticket.lot_id and ticket.lot_id.product_id != ticket.product_id:
                raise ValidationError(
                    self.env._(
                        "Ticket %(ticket)s: serial number %(serial)s belongs to "
                        "product %(lot_product)s, not to %(product)s.",
                        ticket=ticket.display_name,
                        serial=ticket.lot_id.name,
                        lot_product=ticket.lot_id.product_id.display_name,
                        product=ticket.product_id.display_name,
                    )
                )

    @api.onchange("lot_id")
    def _onchange_lot_id_customer(self):
        lot = self.lot_id
        if not lot or not lot.customer_id:
            return None
        if not self.partner_id:
            self.partner_id = lot.customer_id
            return None
        if self.partner_id.commercial_partner_id != lot.customer_id:
            return {
                "warning": {
                    "title": self.env._("Device of another customer"),
                    "message": self.env._(
                        "Serial number %(serial)s was delivered to %(owner)s, "
                        "not to %(partner)s. Check the serial number or the customer.",
                        serial=lot.name,
                        owner=lot.customer_id.display_name,
                        partner=self.partner_id.display_name,
                    ),
                }
            }
        return None

    @api.readonly
    def action_open_device_history(self):
        self.ensure_one()
        if not self.lot_id:
            raise UserError(
                self.env._("Ticket %s has no serial number.", self.display_name)
            )
        return self.lot_id.action_open_service_history()

    def action_create_quotation(self):
        """Turn the billable cost lines not billed yet into one quotation."""
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id
        if not partner:
            raise UserError(
                self.env._(
                    "Ticket %s has no customer: set one before creating a quotation.",
                    self.display_name,
                )
            )
        lines = self.cost_line_ids.filtered(lambda line: line.billing == "billable")
        if lines:
            # lock the lines so that two users cannot bill them at the same time
            self.env.cr.execute(
                "SELECT id FROM helpdesk_ticket_cost_line "
                "WHERE id = ANY(%s) FOR UPDATE",
                [lines.ids],
            )
            lines.invalidate_recordset(["sale_line_id"])
            lines = lines.filtered(lambda line: not line.sale_line_id)
        if not lines:
            raise UserError(
                self.env._(
                    "Ticket %s has no billable cost lines that are not billed yet.",
                    self.display_name,
                )
            )
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "origin": self.number,
                "company_id": self.company_id.id,
            }
        )
        # the order is in the currency of the customer's pricelist: the lines'
        # prices (company currency) are converted into it
        order.order_line = [
            fields.Command.create(line._prepare_sale_line_vals(order)) for line in lines
        ]
        for line, sale_line in zip(lines, order.order_line, strict=True):
            # sudo: the link is the application's to set, never the user's
            line.sudo().sale_line_id = sale_line
        self.message_post(
            body=self.env._("Quotation %s created from the billable costs.", order.name)
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.readonly
    def action_view_sale_orders(self):
        self.ensure_one()
        orders = self.cost_line_ids.sale_line_id.order_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Quotations"),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", orders.ids)],
        }

    @api.model
    def _crm_demo_create_service(self):
        """Demo data: two devices of the demo portal user's company, one in
        warranty and one out of it, each with a ticket of the demo salesperson
        and its service costs; the repair out of warranty is quoted."""
        contact = self.env.ref("base.partner_demo_portal")
        customer = contact.commercial_partner_id
        today = fields.Date.context_today(self)
        espresso, purifier = (
            self.env.ref("crm_service_warranty.product_espresso_machine"),
            self.env.ref("crm_service_warranty.product_air_purifier"),
        )
        reason = "Kupione przed wdrożeniem systemu; data z faktury klienta"
        in_warranty, out_of_warranty = self.env["stock.lot"].create(
            [
                {
                    "name": "EX200-0101",
                    "product_id": espresso.id,
                    "customer_id": customer.id,
                    "warranty_manual_date": today - relativedelta(months=8),
                    "warranty_manual_reason": reason,
                },
                {
                    "name": "AP10-1101",
                    "product_id": purifier.id,
                    "customer_id": customer.id,
                    "warranty_manual_date": today - relativedelta(months=20),
                    "warranty_manual_reason": reason,
                },
            ]
        )
        labour = self.env.ref("crm_service_warranty.product_service_labour")
        seal_kit = self.env.ref("crm_service_warranty.product_pump_seal_kit")
        travel = self.env.ref("crm_service_warranty.product_service_travel")
        user = self.env.ref("base.user_demo")
        tickets = self.create(
            [
                {
                    "name": "Ekspres nie podgrzewa wody",
                    "description": "<p>Od wtorku ekspres w biurze jest zimny.</p>",
                    "partner_id": contact.id,
                    "user_id": user.id,
                    "lot_id": in_warranty.id,
                    "reported_date": today - timedelta(days=4),
                    "cost_line_ids": [
                        Command.create(
                            {"cost_type": "part", "product_id": seal_kit.id}
                        ),
                        Command.create(
                            {
                                "cost_type": "labour",
                                "product_id": labour.id,
                                "quantity": 1.5,
                            }
                        ),
                    ],
                },
                {
                    "name": "Oczyszczacz powietrza głośno pracuje",
                    "description": "<p>Wentylator hałasuje na każdym biegu.</p>",
                    "partner_id": contact.id,
                    "user_id": user.id,
                    "lot_id": out_of_warranty.id,
                    "reported_date": today - timedelta(days=2),
                    "cost_line_ids": [
                        Command.create(
                            {
                                "cost_type": "labour",
                                "product_id": labour.id,
                                "quantity": 2,
                            }
                        ),
                        Command.create(
                            {"cost_type": "travel", "product_id": travel.id}
                        ),
                    ],
                },
            ]
        )
        tickets[1].with_user(user).action_create_quotation()
        return True
