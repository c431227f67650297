from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmServiceDeviceHistory(models.Model):
    """Everything that happened to a device (serial number), newest first:
    deliveries, returns, tickets, repairs, cost lines, calls and visits, messages."""

    _name = "crm.service.device.history"
    _description = "Device service history"
    _auto = False
    _order = "date desc, id desc"
    _depends = {  # noqa: RUF012 (Odoo reads this class attribute)
        "stock.move.line": [
            "lot_id",
            "date",
            "state",
            "location_id",
            "location_dest_id",
        ],
        "helpdesk.ticket": ["lot_id", "name", "number", "partner_id", "source_ref"],
        "repair.order": ["lot_id", "schedule_date", "name", "partner_id"],
        "helpdesk.ticket.cost.line": ["lot_id", "name", "price_total", "ticket_id"],
        "stock.lot": ["customer_id"],
        "calendar.event": ["name", "start"],
        "mail.message": ["model", "res_id", "body", "subject", "message_type", "date"],
    }

    lot_id = fields.Many2one("stock.lot", string="Serial number", readonly=True)
    date = fields.Datetime(readonly=True)
    kind = fields.Selection(
        [
            ("delivery", "Delivery"),
            ("return", "Return"),
            ("ticket", "Ticket"),
            ("repair", "Repair"),
            ("cost", "Cost"),
            ("event", "Call or visit"),
            ("message", "Message"),
        ],
        string="Type",
        readonly=True,
    )
    name = fields.Char(string="Description", readonly=True)
    ticket_id = fields.Many2one("helpdesk.ticket", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount = fields.Monetary(readonly=True)
    res_model = fields.Char(string="Document model", readonly=True)
    res_id = fields.Integer(string="Document ID", readonly=True)

    @property
    def _table_query(self):
        # ids: record id * 8 + a kind number, so each row keeps a stable unique id
        return """
        SELECT ml.id * 8 + 0 AS id, ml.lot_id, ml.date,
               CASE WHEN dest.usage = 'customer' THEN 'delivery'
                    ELSE 'return' END AS kind,
               COALESCE(p.name, sm.reference) AS name, NULL::int AS ticket_id,
               COALESCE(p.partner_id, sm.partner_id) AS partner_id, ml.company_id,
               NULL::int AS currency_id, NULL::numeric AS amount,
               CASE WHEN p.id IS NULL THEN 'stock.move.line'
                    ELSE 'stock.picking' END AS res_model,
               COALESCE(p.id, ml.id) AS res_id
          FROM stock_move_line ml
          JOIN stock_location src ON src.id = ml.location_id
          JOIN stock_location dest ON dest.id = ml.location_dest_id
          LEFT JOIN stock_picking p ON p.id = ml.picking_id
          LEFT JOIN stock_move sm ON sm.id = ml.move_id
         WHERE ml.lot_id IS NOT NULL AND ml.state = 'done'
           AND (src.usage = 'customer') != (dest.usage = 'customer')
        UNION ALL
        SELECT t.id * 8 + 1, t.lot_id, t.create_date, 'ticket',
               t.number || ' ' || t.name, t.id, t.partner_id, t.company_id,
               NULL, NULL, 'helpdesk.ticket', t.id
          FROM helpdesk_ticket t
         WHERE t.lot_id IS NOT NULL
        UNION ALL
        SELECT r.id * 8 + 2, r.lot_id, r.schedule_date, 'repair', r.name,
               NULL, r.partner_id, r.company_id, NULL, NULL, 'repair.order', r.id
          FROM repair_order r
         WHERE r.lot_id IS NOT NULL
        UNION ALL
        SELECT c.id * 8 + 3, c.lot_id, c.create_date, 'cost', c.name,
               c.ticket_id, c.partner_id, c.company_id, rc.currency_id,
               c.price_total, 'helpdesk.ticket', c.ticket_id
          FROM helpdesk_ticket_cost_line c
          JOIN res_company rc ON rc.id = c.company_id
         WHERE c.lot_id IS NOT NULL
        UNION ALL
        SELECT e.id * 8 + 4, t.lot_id, e.start, 'event', e.name, t.id,
               t.partner_id, t.company_id, NULL, NULL, 'calendar.event', e.id
          FROM helpdesk_ticket t
          JOIN calendar_event e
            ON t.source_ref LIKE 'calendar.event,%%'
           AND e.id = split_part(t.source_ref, ',', 2)::int
         WHERE t.lot_id IS NOT NULL
        UNION ALL
        SELECT m.id * 8 + 5, t.lot_id, m.date, 'message',
               COALESCE(NULLIF(m.subject, ''),
                        left(regexp_replace(m.body, '<[^>]*>', ' ', 'g'), 200)),
               t.id, t.partner_id, t.company_id, NULL, NULL,
               'helpdesk.ticket', t.id
          FROM helpdesk_ticket t
          JOIN mail_message m
            ON m.model = 'helpdesk.ticket' AND m.res_id = t.id
         WHERE t.lot_id IS NOT NULL AND m.message_type IN ('comment', 'email')
        UNION ALL
        SELECT m.id * 8 + 7, t.lot_id, m.date, 'message',
               COALESCE(NULLIF(m.subject, ''),
                        left(regexp_replace(m.body, '<[^>]*>', ' ', 'g'), 200)),
               t.id, t.partner_id, t.company_id, NULL, NULL, m.model, m.res_id
          FROM helpdesk_ticket t
          JOIN mail_message m
            ON t.source_ref LIKE 'mail.message,%%'
           AND m.id = split_part(t.source_ref, ',', 2)::int
         WHERE t.lot_id IS NOT NULL
           AND (m.model IS DISTINCT FROM 'helpdesk.ticket' OR m.res_id != t.id)
        UNION ALL
        SELECT m.id * 8 + 6, l.id, m.date, 'message',
               COALESCE(NULLIF(m.subject, ''),
                        left(regexp_replace(m.body, '<[^>]*>', ' ', 'g'), 200)),
               NULL, l.customer_id, l.company_id, NULL, NULL, 'stock.lot', l.id
          FROM stock_lot l
          JOIN mail_message m ON m.model = 'stock.lot' AND m.res_id = l.id
         WHERE m.message_type IN ('comment', 'email')
        """

    def _document(self):
        """The document of a history line, found from the line's id (row key * 8 +
        kind): reading the line itself by id would compute the whole view."""
        self.ensure_one()
        key, kind = divmod(self.id, 8)
        if kind == 0:
            line = self.env["stock.move.line"].browse(key).exists()
            return line.picking_id or line
        if kind in (1, 2, 3, 4):
            model = {
                1: "helpdesk.ticket",
                2: "repair.order",
                3: "helpdesk.ticket.cost.line",
                4: "calendar.event",
            }[kind]
            record = self.env[model].browse(key).exists()
            return record.ticket_id if kind == 3 else record
        message = self.env["mail.message"].sudo().browse(key).exists()
        if not message.model or not message.res_id:
            return None
        return self.env[message.model].browse(message.res_id).exists()

    @api.readonly
    def action_open_record(self):
        self.ensure_one()
        record = self._document()
        if not record:
            raise UserError(self.env._("The document of this line no longer exists."))
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(record.get_formview_id(), "form")],
        }
