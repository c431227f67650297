from datetime import timedelta

from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import ConcurrencyError, UserError
from odoo.tools import plaintext2html

CALL_EVENTS = ("ringing", "answered", "ended")


class CrmCall(models.Model):
    """A phone call reported by a PBX, from ringing to its end.

    Events may arrive twice or out of order: every event only fills what is
    still empty (the earliest ringing time wins), so a repeated event changes
    nothing and an "ended" before "answered" still closes the call.
    """

    _name = "crm.call"
    _description = "Phone Call"
    _order = "ring_date desc, id desc"
    _rec_name = "call_ref"

    call_ref = fields.Char(string="Call ID", required=True, readonly=True)
    pbx_id = fields.Many2one(
        "crm.pbx", string="PBX", required=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    direction = fields.Selection(
        [("inbound", "Incoming"), ("outbound", "Outgoing")],
        required=True,
        default="inbound",
        readonly=True,
    )
    caller_number = fields.Char(readonly=True)
    called_number = fields.Char(readonly=True)
    customer_number = fields.Char(
        string="Customer's Number",
        readonly=True,
        help="The customer's side of the call in E.164: the caller of an "
        "incoming call, the called number of an outgoing one.",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index="btree_not_null"
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Customer Company",
        store=True,
    )
    extension = fields.Char(readonly=True)
    user_id = fields.Many2one("res.users", index="btree_not_null")
    state = fields.Selection(
        [("ringing", "Ringing"), ("in_progress", "In progress"), ("ended", "Ended")],
        required=True,
        default="ringing",
        readonly=True,
        index=True,
    )
    outcome = fields.Selection(
        [("answered", "Answered"), ("missed", "Missed")],
        compute="_compute_outcome",
        store=True,
    )
    ring_date = fields.Datetime(string="Rang At", readonly=True)
    answer_date = fields.Datetime(string="Answered At", readonly=True)
    end_date = fields.Datetime(string="Ended At", readonly=True)
    duration = fields.Integer(
        string="Duration (s)",
        compute="_compute_duration",
        store=True,
        help="Seconds from answering to the end of the call.",
    )
    # the duration as the screens show it (h:mm:ss), in hours for float_time
    duration_time = fields.Float(
        string="Duration",
        compute="_compute_duration",
        store=True,
        aggregator="sum",
        help="From answering to the end of the call.",
    )
    note = fields.Text()

    _call_ref_unique = models.Constraint(
        "UNIQUE(pbx_id, call_ref)", "A PBX reports each call ID once."
    )

    @api.depends("state", "answer_date")
    def _compute_outcome(self):
        for call in self:
            if call.answer_date:
                call.outcome = "answered"
            else:
                call.outcome = "missed" if call.state == "ended" else False

    @api.depends("answer_date", "end_date")
    def _compute_duration(self):
        for call in self:
            call.duration = (
                max(int((call.end_date - call.answer_date).total_seconds()), 0)
                if call.answer_date and call.end_date
                else 0
            )
            call.duration_time = call.duration / 3600

    @api.model
    def _crm_format_duration(self, seconds):
        """5:28 or 1:02:03, like the call log."""
        minutes, seconds = divmod(seconds, 60)
        hours, minutes = divmod(minutes, 60)
        if hours:
            return f"{hours}:{minutes:02d}:{seconds:02d}"
        return f"{minutes}:{seconds:02d}"

    @api.depends("call_ref", "partner_id", "customer_number")
    def _compute_display_name(self):
        for call in self:
            call.display_name = " – ".join(
                filter(
                    None, [call.partner_id.name or call.customer_number, call.call_ref]
                )
            )

    @api.model
    def _pbx_event(self, pbx, payload):
        """Apply a PBX event (validated payload) to its call; return the call."""
        call = self.search(
            [("pbx_id", "=", pbx.id), ("call_ref", "=", payload["call_id"])], limit=1
        )
        if not call:
            call = self._pbx_create_call(pbx, payload)
        vals = call._pbx_event_vals(payload["event"], payload["timestamp"])
        if vals:
            call.write(vals)
        call._notify_board()
        return call

    def _notify_board(self):
        """Active calls boards of the call's company reload themselves."""
        for call in self:
            self.env["bus.bus"]._sendone(
                (call.company_id, "crm_calls"),
                "crm_contacts_ext.call_update",
                {"id": call.id, "state": call.state},
            )

    @api.model
    def _pbx_create_call(self, pbx, payload):
        direction = payload.get("direction") or "inbound"
        customer = payload.get("caller" if direction == "inbound" else "called")
        Partner = self.env["res.partner"]
        number = customer and Partner._crm_normalize_number(customer, pbx.company_id)
        partners = (
            Partner._crm_caller_search(number, pbx.company_id) if number else Partner
        )
        user = self.env["res.users"]
        if payload.get("extension"):
            user = user.search(
                [
                    ("crm_pbx_extension", "=", payload["extension"]),
                    ("company_ids", "in", pbx.company_id.ids),
                ],
                limit=1,
            )
        try:
            call = self.create(
                {
                    "call_ref": payload["call_id"],
                    "pbx_id": pbx.id,
                    "company_id": pbx.company_id.id,
                    "direction": direction,
                    "caller_number": payload.get("caller"),
                    "called_number": payload.get("called"),
                    "customer_number": number or customer,
                    "partner_id": partners[:1].id,
                    "extension": payload.get("extension"),
                    "user_id": user.id,
                    "ring_date": payload["timestamp"],
                }
            )
        except UniqueViolation as error:
            # (create inserts at once) the same call created by a concurrent
            # event: the request is retried in a new transaction, which finds it
            raise ConcurrencyError(
                f"Call {payload['call_id']} created concurrently"
            ) from error
        if user and payload["event"] == "ringing":
            call._notify_ringing()
        return call

    def _pbx_event_vals(self, event, when):
        """What the event changes; nothing when it was already applied."""
        self.ensure_one()
        vals = {}
        if event == "ringing":
            if not self.ring_date or when < self.ring_date:
                vals["ring_date"] = when
        elif event == "answered":
            if not self.answer_date:
                vals["answer_date"] = when
            if self.state == "ringing":
                vals["state"] = "in_progress"
        elif event == "ended":
            if not self.end_date:
                vals["end_date"] = when
            if self.state != "ended":
                vals["state"] = "ended"
        return vals

    def _notify_ringing(self):
        """Tell the user whose extension rings who is calling."""
        for call in self.filtered("user_id"):
            # in the language of the user it rings for, not of the PBX's request
            env = call.with_context(lang=call.user_id.lang).env
            caller = call.partner_id.with_env(env)
            who = caller.display_name or call.customer_number or env._("Unknown")
            call.user_id._bus_send(
                "simple_notification",
                {
                    "type": "info",
                    "title": env._("Incoming call"),
                    "message": f"{who} ({call.customer_number or ''})",
                    "sticky": False,
                },
            )

    def action_create_activity(self):
        """Turn the call's note into an activity on the customer."""
        self.ensure_one()
        if not self.partner_id:
            raise UserError(
                self.env._("The caller is not identified: set the customer first.")
            )
        # a note of blanks only is no note (it gave an empty activity)
        if not (self.note or "").strip():
            raise UserError(self.env._("Write a note first."))
        activity = self.partner_id.activity_schedule(
            "mail.mail_activity_data_call",
            summary=self.env._("Follow-up of call %(call)s", call=self.call_ref),
            note=plaintext2html(self.note.strip()),
            user_id=self.env.user.id,
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.activity",
            "res_id": activity.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.model
    def _crm_demo_create_calls(self, pbx_id, specs):
        """Demo data: calls as the PBX reports them, ringing, then answered
        (or not) and ended, so that the call log and the customers' History
        show them. ``specs``: [call id, caller's number, extension, days ago,
        seconds until answered (False: missed), seconds talked, note]."""
        pbx = self.env["crm.pbx"].browse(pbx_id)
        now = fields.Datetime.now().replace(microsecond=0)
        for call_id, caller, extension, days, answer_after, talked, note in specs:
            ring = now - timedelta(days=days, hours=2)
            events = [("ringing", ring)]
            end = ring + timedelta(seconds=30)
            if answer_after:
                answer = ring + timedelta(seconds=answer_after)
                events.append(("answered", answer))
                end = answer + timedelta(seconds=talked)
            events.append(("ended", end))
            for event, when in events:
                call = self._pbx_event(
                    pbx,
                    {
                        "call_id": call_id,
                        "event": event,
                        "timestamp": when,
                        "direction": "inbound",
                        "caller": caller,
                        "called": "226214500",
                        "extension": extension,
                    },
                )
            if note:
                call.note = note
        return True
