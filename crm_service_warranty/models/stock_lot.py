import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
        string="Customer",
        compute="_compute_customer_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        copy=False,
        tracking=True,
        help="Customer owning the device: the one it was delivered (or invoiced) to.",
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
        string="Service cost", compute="_compute_service_figures"
    )
    service_billable_total = fields.Monetary(
        string="Billable", compute="_compute_service_figures"
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_service_currency")

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

    @api.depends("delivery_partner_id", "invoice_id.partner_id")
    def _compute_customer_id(self):
        for lot in self:
            partner = lot.delivery_partner_id or lot.invoice_id.partner_id
            lot.customer_id = partner.commercial_partner_id or lot.customer_id

    @api.depends(
        "delivery_date",
        "invoice_id.invoice_date",
        "warranty_manual_date",
        "extended_warranty_end",
        "product_id.product_tmpl_id.warranty_months",
    )
    def _compute_warranty(self):
        for lot in self:
            if lot.delivery_date:
                start, source = lot.delivery_date, "delivery"
            elif lot.invoice_id.invoice_date:
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
            ends = [d for d in (end, lot.extended_warranty_end) if d]
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
        for vals in vals_list:
            if vals.get("warranty_manual_date"):
                vals["warranty_manual_user_id"] = self.env.uid
        return super().create(vals_list)

    def write(self, vals):
        if "warranty_manual_date" in vals:
            vals["warranty_manual_user_id"] = (
                vals["warranty_manual_date"] and self.env.uid
            )
        return super().write(vals)

    @api.model
    def _update_delivery_all(self, batch_size=10000):
        """Update every serial ever delivered to a customer, in batches."""
        self.env.cr.execute(
            """
            SELECT DISTINCT ml.lot_id
              FROM stock_move_line ml
              JOIN stock_location dest ON dest.id = ml.location_dest_id
             WHERE ml.lot_id IS NOT NULL
               AND ml.state = 'done'
               AND dest.usage = 'customer'
          ORDER BY ml.lot_id
            """
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

    def _update_delivery(self):
        """Set delivery date and customer from the last done move of each serial
        into a customer location: one indexed UPDATE for all serials; the
        warranty fields depending on them are then recomputed in batch."""
        if not self.ids:
            return
        self.env["stock.move.line"].flush_model(
            ["lot_id", "state", "date", "location_dest_id", "picking_id", "move_id"]
        )
        self.env["stock.picking"].flush_model(["partner_id"])
        self.env["stock.move"].flush_model(["partner_id"])
        self.flush_recordset(["delivery_date", "delivery_partner_id"])
        self.env.cr.execute(
            """
            WITH last_delivery AS (
                SELECT DISTINCT ON (ml.lot_id)
                       ml.lot_id,
                       (ml.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                           AS date,
                       COALESCE(p.partner_id, m.partner_id) AS partner_id
                  FROM stock_move_line ml
                  JOIN stock_location dest ON dest.id = ml.location_dest_id
                  LEFT JOIN stock_picking p ON p.id = ml.picking_id
                  LEFT JOIN stock_move m ON m.id = ml.move_id
                 WHERE ml.lot_id = ANY(%(ids)s)
                   AND ml.state = 'done'
                   AND dest.usage = 'customer'
              ORDER BY ml.lot_id, ml.date DESC, ml.id DESC
            )
            UPDATE stock_lot lot
               SET delivery_date = d.date,
                   delivery_partner_id = d.partner_id,
                   write_date = now() AT TIME ZONE 'UTC',
                   write_uid = %(uid)s
              FROM last_delivery d
             WHERE lot.id = d.lot_id
               AND (lot.delivery_date IS DISTINCT FROM d.date
                    OR lot.delivery_partner_id IS DISTINCT FROM d.partner_id)
         RETURNING lot.id
            """,
            {"ids": list(self.ids), "uid": self.env.uid, "tz": self._delivery_tz()},
        )
        changed = self.browse([row[0] for row in self.env.cr.fetchall()])
        if changed:
            fnames = ["delivery_date", "delivery_partner_id", "write_date", "write_uid"]
            changed.invalidate_recordset(fnames)
            changed.modified(fnames)
            changed.flush_recordset()

    def get_formview_id(self, access_uid=None):
        """Service staff without Inventory rights open a serial number (from a
        ticket, a cost line, the scan dialog, a message) in the device form:
        the stock form reads moves and quants they may not read."""
        user = self.env["res.users"].browse(access_uid) if access_uid else self.env.user
        if not user.has_group("stock.group_stock_user"):
            return self.env.ref("crm_service_warranty.stock_lot_view_form_device").id
        return super().get_formview_id(access_uid=access_uid)

    def action_open_service_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_warranty.crm_service_device_history_action"
        )
        action["domain"] = [("lot_id", "=", self.id)]
        action["context"] = {"default_lot_id": self.id}
        action["display_name"] = self.env._("Service history: %s", self.display_name)
        return action

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

    def action_open_repairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "repair.action_repair_order_tree"
        )
        action["domain"] = [("lot_id", "=", self.id)]
        action["context"] = {"default_lot_id": self.id}
        return action
