from collections import defaultdict, namedtuple

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools import check_not_written

# a done move of a serial to (delivery) or from (return) a customer
CustomerMove = namedtuple("CustomerMove", "key day delivery partner")


class StockLot(models.Model):
    _inherit = "stock.lot"

    delivery_date = fields.Date(
        readonly=True,
        copy=False,
        help="Date of the last done delivery of this serial number to a customer.",
    )
    delivery_partner_id = fields.Many2one(
        "res.partner",
        string="Delivered to",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    return_date = fields.Date(
        string="Returned on",
        readonly=True,
        copy=False,
        help="Date the customer sent the serial back, when it has not been "
        "delivered again since: it belongs to no customer.",
    )
    invoice_id = fields.Many2one(
        "account.move",
        string="Sales invoice",
        copy=False,
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted')]",
        help="Invoice of this serial when it was sold without a delivery: "
        "its date starts the warranty.",
    )
    customer_id = fields.Many2one(
        "res.partner",
        compute="_compute_customer_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        copy=False,
        tracking=True,
        help="Customer owning the device: the one it was delivered (or invoiced) "
        "to, until they send it back.",
    )
    warranty_manual_date = fields.Date(
        string="Warranty start (manual)",
        copy=False,
        tracking=True,
        help="Used only when the serial has neither a delivery nor an invoice.",
    )
    warranty_manual_reason = fields.Char(
        string="Reason for the manual date", copy=False, tracking=True
    )
    warranty_manual_user_id = fields.Many2one(
        "res.users", string="Manual date entered by", readonly=True, copy=False
    )
    warranty_source = fields.Selection(
        [
            ("delivery", "Delivery"),
            ("invoice", "Invoice"),
            ("manual", "Entered by hand"),
            ("none", "Unknown"),
        ],
        compute="_compute_warranty",
        store=True,
    )
    warranty_start_date = fields.Date(compute="_compute_warranty", store=True)
    warranty_end_date = fields.Date(
        string="Warranty end",
        compute="_compute_warranty",
        store=True,
        index="btree_not_null",
    )
    extended_warranty_end = fields.Date(
        string="Extended warranty end",
        copy=False,
        tracking=True,
        help="End of an extended warranty sold for this serial number.",
    )
    warranty_effective_end = fields.Date(
        string="Covered until",
        compute="_compute_warranty",
        store=True,
        index="btree_not_null",
        help="The later of the warranty end and the extended warranty end.",
    )
    ticket_ids = fields.One2many("helpdesk.ticket", "lot_id", string="Tickets")
    ticket_count = fields.Integer(compute="_compute_service_figures")
    repair_count = fields.Integer(compute="_compute_service_figures")
    service_cost_total = fields.Monetary(
        string="Our service cost", compute="_compute_service_figures"
    )
    service_billable_total = fields.Monetary(
        string="Customer pays", compute="_compute_service_figures"
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_service_currency")

    # read-only in the forms; set from the moves (SQL) and the warranty only
    _SET_BY_DELIVERIES = (
        "delivery_date",
        "delivery_partner_id",
        "return_date",
        "warranty_manual_user_id",
        "warranty_source",
        "warranty_start_date",
        "warranty_end_date",
        "warranty_effective_end",
    )

    @api.constrains("warranty_manual_date", "warranty_manual_reason")
    def _check_warranty_manual_reason(self):
        for lot in self:
            if (
                lot.warranty_manual_date
                and not (lot.warranty_manual_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Serial number %(serial)s: say why the warranty start date "
                        "is entered by hand.",
                        serial=lot.name,
                    )
                )

    @api.constrains("invoice_id")
    def _check_invoice(self):
        for lot in self:
            invoice = lot.invoice_id
            if invoice and (
                invoice.move_type != "out_invoice" or invoice.state != "posted"
            ):
                raise ValidationError(
                    self.env._(
                        "Serial number %(serial)s: %(invoice)s is not a posted "
                        "customer invoice; only such an invoice starts a warranty.",
                        serial=lot.name,
                        invoice=invoice.display_name,
                    )
                )

    @api.depends("delivery_partner_id", "return_date", "invoice_id.partner_id")
    def _compute_customer_id(self):
        for lot in self:
            if lot.return_date:  # back in our hands: nobody's
                lot.customer_id = False
                continue
            partner = lot.delivery_partner_id or lot._sold_invoice().partner_id
            lot.customer_id = partner.commercial_partner_id or lot.customer_id

    def _sold_invoice(self):
        """The invoice that sold the serial, if it still stands (posted)."""
        self.ensure_one()
        return self.invoice_id.filtered(lambda invoice: invoice.state == "posted")

    @api.depends(
        "delivery_date",
        "return_date",
        "invoice_id.invoice_date",
        "invoice_id.state",
        "warranty_manual_date",
        "extended_warranty_end",
        "product_id.product_tmpl_id.warranty_months",
    )
    def _compute_warranty(self):
        for lot in self:
            if lot.return_date:
                start, source = False, "none"
            elif lot.delivery_date:
                start, source = lot.delivery_date, "delivery"
            elif lot._sold_invoice().invoice_date:
                start, source = lot.invoice_id.invoice_date, "invoice"
            elif lot.warranty_manual_date:
                start, source = lot.warranty_manual_date, "manual"
            else:
                start, source = False, "none"
            months = lot.product_id.product_tmpl_id.warranty_months
            end = start and months and start + relativedelta(months=months)
            lot.warranty_source = source
            lot.warranty_start_date = start
            lot.warranty_end_date = end or False
            # a device back in our stock is covered by nothing until delivered
            ends = [
                d for d in (end, lot.extended_warranty_end) if d and not lot.return_date
            ]
            lot.warranty_effective_end = max(ends) if ends else False

    def _compute_service_currency(self):
        for lot in self:
            lot.currency_id = (lot.company_id or self.env.company).currency_id

    def _compute_service_figures(self):
        tickets = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("lot_id", "in", self.ids)], ["lot_id"], ["__count"]
            )
        )
        repairs = dict(
            self.env["repair.order"]
            .sudo()
            ._read_group([("lot_id", "in", self.ids)], ["lot_id"], ["__count"])
        )
        costs = {
            lot: (cost, billable)
            for lot, cost, billable in self.env[
                "helpdesk.ticket.cost.line"
            ]._read_group(
                [("lot_id", "in", self.ids)],
                ["lot_id"],
                ["cost_total:sum", "billable_total:sum"],
            )
        }
        for lot in self:
            lot.ticket_count = tickets.get(lot, 0)
            lot.repair_count = repairs.get(lot, 0)
            lot.service_cost_total, lot.service_billable_total = costs.get(lot, (0, 0))

    @api.model_create_multi
    def create(self, vals_list):
        check_not_written(self, vals_list, self._SET_BY_DELIVERIES)
        for vals in vals_list:
            if vals.get("warranty_manual_date"):
                vals["warranty_manual_user_id"] = self.env.uid
        return super().create(vals_list)

    def write(self, vals):
        check_not_written(self, [vals], self._SET_BY_DELIVERIES)
        if "warranty_manual_date" in vals:
            vals["warranty_manual_user_id"] = (
                vals["warranty_manual_date"] and self.env.uid
            )
        return super().write(vals)

    @api.model
    def _update_delivery_all(self, batch_size=10000):
        """Update every serial ever delivered to or returned by a customer,
        in batches."""
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ml.lot_id
                  FROM stock_move_line ml
                  JOIN stock_location src ON src.id = ml.location_id
                  JOIN stock_location dest ON dest.id = ml.location_dest_id
                 WHERE ml.lot_id IS NOT NULL
                   AND ml.state = 'done'
                   AND (src.usage = 'customer') != (dest.usage = 'customer')
              ORDER BY ml.lot_id
                """
            )
        )
        lot_ids = [row[0] for row in self.env.cr.fetchall()]
        for start in range(0, len(lot_ids), batch_size):
            self.browse(lot_ids[start : start + batch_size])._update_delivery()
            self.env.invalidate_all()

    def _delivery_tz(self):
        """Timezone of the delivery day: the user's (who validates it), as
        Odoo shows the delivery's date; a delivery at 00:30 in Warsaw is on
        that day, not on the previous one of UTC."""
        tz = self.env.context.get("tz") or self.env.user.tz
        return tz if tz in pytz.all_timezones_set else "UTC"

    def _customer_moves_sql(self):
        """Done move lines of these serials into a customer location
        (deliveries) or out of one (returns), with their day in the user's
        timezone and their customer."""
        self.env["stock.move.line"].flush_model(
            [
                "lot_id",
                "state",
                "date",
                "location_id",
                "location_dest_id",
                "picking_id",
                "move_id",
            ]
        )
        self.env["stock.picking"].flush_model(["partner_id"])
        self.env["stock.move"].flush_model(["partner_id"])
        return SQL(
            """
            SELECT ml.lot_id, ml.id, ml.date,
                   (ml.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS day,
                   dest.usage = 'customer' AS delivery,
                   COALESCE(p.partner_id, m.partner_id) AS partner_id
              FROM stock_move_line ml
              JOIN stock_location src ON src.id = ml.location_id
              JOIN stock_location dest ON dest.id = ml.location_dest_id
              LEFT JOIN stock_picking p ON p.id = ml.picking_id
              LEFT JOIN stock_move m ON m.id = ml.move_id
             WHERE ml.lot_id = ANY(%(ids)s)
               AND ml.state = 'done'
               AND (src.usage = 'customer') != (dest.usage = 'customer')
            """,
            tz=self._delivery_tz(),
            ids=list(self.ids),
        )

    def _update_delivery(self):
        """Set delivery date and customer from the last done delivery of each
        serial, and the return date when the customer sent it back since: one
        indexed UPDATE for all serials; the warranty fields depending on them
        are then recomputed in batch."""
        if not self.ids:
            return
        fnames = ["delivery_date", "delivery_partner_id", "return_date"]
        self.flush_recordset(fnames)
        self.env.cr.execute(
            SQL(
                """
                WITH moves AS (%(moves)s),
                last_delivery AS (
                    SELECT DISTINCT ON (lot_id) lot_id, id, date, day, partner_id
                      FROM moves
                     WHERE delivery
                  ORDER BY lot_id, date DESC, id DESC
                ),
                last_return AS (
                    SELECT DISTINCT ON (lot_id) lot_id, id, date, day
                      FROM moves
                     WHERE NOT delivery
                  ORDER BY lot_id, date DESC, id DESC
                ),
                latest AS (
                    SELECT lots.lot_id, d.day AS delivery_date, d.partner_id,
                           CASE WHEN d.lot_id IS NULL
                                  OR (r.date, r.id) > (d.date, d.id)
                                THEN r.day END AS return_date
                      FROM (SELECT DISTINCT lot_id FROM moves) lots
                      LEFT JOIN last_delivery d ON d.lot_id = lots.lot_id
                      LEFT JOIN last_return r ON r.lot_id = lots.lot_id
                )
                UPDATE stock_lot lot
                   SET delivery_date = x.delivery_date,
                       delivery_partner_id = x.partner_id,
                       return_date = x.return_date,
                       write_date = now() AT TIME ZONE 'UTC',
                       write_uid = %(uid)s
                  FROM latest x
                 WHERE lot.id = x.lot_id
                   AND (lot.delivery_date IS DISTINCT FROM x.delivery_date
                        OR lot.delivery_partner_id IS DISTINCT FROM x.partner_id
                        OR lot.return_date IS DISTINCT FROM x.return_date)
             RETURNING lot.id
                """,
                moves=self._customer_moves_sql(),
                uid=self.env.uid,
            )
        )
        changed = self.browse([row[0] for row in self.env.cr.fetchall()])
        if changed:
            fnames += ["write_date", "write_uid"]
            changed.invalidate_recordset(fnames)
            changed.modified(fnames)
            changed.flush_recordset()

    def _customer_moves(self):
        """{serial id: its deliveries and returns (CustomerMove), oldest first}"""
        moves = defaultdict(list)
        if not self.ids:
            return moves
        self.env.cr.execute(
            SQL("%s ORDER BY ml.lot_id, ml.date, ml.id", self._customer_moves_sql())
        )
        for lot_id, line_id, date, day, delivery, partner_id in self.env.cr.fetchall():
            partner = self.env["res.partner"].browse(partner_id).commercial_partner_id
            moves[lot_id].append(CustomerMove((date, line_id), day, delivery, partner))
        return moves

    def _warranty_period_on(self, day, customer, moves):
        """(start, end) of the warranty that covered this serial for
        ``customer`` (a commercial partner; anybody when empty) on ``day``,
        from its ``moves`` (see ``_customer_moves``): the last delivery up to
        that day (else the invoice, else the manual date), if it was to that
        customer and they had not sent the device back before that day.
        ``(False, False)`` when no warranty of theirs ran on that day."""
        self.ensure_one()
        none = (False, False)
        before = [move for move in moves if move.day <= day]
        deliveries = [move for move in before if move.delivery]
        invoice = self._sold_invoice()
        if deliveries:
            start, owner = deliveries[-1].day, deliveries[-1].partner
            returns = [
                move
                for move in before
                if not move.delivery and move.key > deliveries[-1].key
            ]
        elif invoice.invoice_date and invoice.invoice_date <= day:
            start, owner = invoice.invoice_date, invoice.partner_id
            returns = [move for move in before if move.day >= start]
        elif self.warranty_manual_date and self.warranty_manual_date <= day:
            # the customer of a device with no delivery nor invoice is typed
            start, owner = self.warranty_manual_date, self.customer_id
            returns = [move for move in before if move.day >= start]
        else:
            return none
        owner = owner.commercial_partner_id
        # a device sent back on the day of the report was still theirs that day
        if any(move.day < day for move in returns):
            return none
        if customer and owner != customer:
            return none
        if start == self.warranty_start_date and owner == self.customer_id:
            # the current warranty, with its extension
            return start, self.warranty_effective_end
        months = self.product_id.product_tmpl_id.warranty_months
        return start, (months and start + relativedelta(months=months)) or False

    def get_formview_id(self, access_uid=None):
        """Service staff without Inventory rights open a serial number (from a
        ticket, a cost line, the scan dialog, a message) in the device form:
        the stock form reads moves and quants they may not read."""
        user = self.env["res.users"].browse(access_uid) if access_uid else self.env.user
        if not user.has_group("stock.group_stock_user"):
            return self.env.ref("crm_service_warranty.stock_lot_view_form_device").id
        return super().get_formview_id(access_uid=access_uid)

    @api.readonly
    def action_open_service_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_warranty.crm_service_device_history_action"
        )
        action["domain"] = [("lot_id", "=", self.id)]
        action["context"] = {"default_lot_id": self.id}
        action["display_name"] = self.env._("Service history: %s", self.display_name)
        return action

    @api.readonly
    def action_open_tickets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("lot_id", "=", self.id)]
        action["context"] = {
            "default_lot_id": self.id,
            "default_partner_id": self.customer_id.id,
        }
        return action

    def action_new_ticket(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_lot_id": self.id,
                "default_partner_id": self.customer_id.id,
                "default_name": self.env._("Service: %s", self.display_name),
            },
        }

    @api.readonly
    def action_open_repairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "repair.action_repair_order_tree"
        )
        action["domain"] = [("lot_id", "=", self.id)]
        action["context"] = {"default_lot_id": self.id}
        return action
