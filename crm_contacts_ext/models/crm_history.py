from datetime import datetime, time

import pytz

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

# Columns every source query returns, in this order.
HISTORY_COLUMNS = (
    ("row_key", "int"),  # unique within the kind (e.g. the attendee of a meeting)
    ("date", "timestamp"),
    ("partner_id", "int"),
    ("name", "varchar"),
    ("user_id", "int"),
    ("company_id", "int"),
    ("res_model", "varchar"),
    ("res_id", "int"),
    ("activity_type_id", "int"),
    ("amount", "numeric"),
    ("currency_id", "int"),
)
# Text of an HTML body: tags out, shortened; good enough for a one-line summary.
BODY_TEXT = "left(regexp_replace(coalesce({}, ''), '<[^>]*>', ' ', 'g'), 200)"


class CrmHistory(models.Model):
    """Everything that happened with a partner, newest first, on one screen.

    A read-only SQL view: one UNION ALL branch per kind of event. PostgreSQL
    pushes the partner filter into every branch, each branch uses the index of
    its own table, and the list pages with LIMIT/OFFSET.

    Extension point: other addons add their kinds of events by inheriting this
    model and extending `_crm_history_sources()` (see its docstring).
    """

    _name = "crm.history"
    _description = "Contact History"
    _auto = False
    _order = "date desc, id desc"

    date = fields.Datetime(readonly=True)
    kind = fields.Selection(selection="_selection_kind", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Contact", readonly=True)
    name = fields.Char(string="Summary", readonly=True)
    user_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", readonly=True
    )
    activity_type_id = fields.Many2one("mail.activity.type", readonly=True)
    amount = fields.Monetary(currency_field="currency_id", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)

    @api.model
    def _crm_history_sources(self):
        """The kinds of events of the history: {kind: source}.

        A source is a dict with
          - ``label``: the kind as users read it (translated),
          - ``model``: the model a line opens; the user sees the lines of a
            kind only for records of that model they may read,
          - ``query``: an SQL string selecting the columns of HISTORY_COLUMNS,
            in that order (``row_key`` unique within the kind),
          - ``all_day`` (optional): the kind's date is a day, not a moment.

        To add a kind from another addon::

            class CrmHistory(models.Model):
                _inherit = "crm.history"

                def _crm_history_sources(self):
                    sources = super()._crm_history_sources()
                    sources["ticket"] = {
                        "label": self.env._("Ticket"),
                        "model": "helpdesk.ticket",
                        "query": "SELECT t.id, t.create_date, t.partner_id, "
                        "t.name, t.user_id, t.company_id, 'helpdesk.ticket', "
                        "t.id, NULL, NULL, NULL FROM helpdesk_ticket t",
                    }
                    return sources

        The view is rebuilt when the extending addon is installed or updated.
        """
        message = (
            "SELECT m.id, m.date, m.res_id, "
            "coalesce(nullif(m.subject, ''), " + BODY_TEXT.format("m.body") + "), "
            "m.create_uid, NULL, 'res.partner', m.res_id, m.mail_activity_type_id, "
            "NULL, NULL "
            "FROM mail_message m "
            "LEFT JOIN mail_message_subtype st ON st.id = m.subtype_id "
            "WHERE m.model = 'res.partner' "
            "AND m.message_type IN ('comment', 'email', 'email_outgoing') "
        )
        call = (
            "SELECT c.id, coalesce(c.ring_date, c.create_date), c.partner_id, "
            "concat_ws(' – ', CASE c.direction WHEN 'inbound' THEN '↙ ' "
            "ELSE '↗ ' END || coalesce(c.customer_number, ''), "
            "CASE WHEN c.outcome = 'missed' THEN 'missed' WHEN c.outcome = "
            "'answered' THEN CASE WHEN c.duration >= 3600 THEN (c.duration / 3600) "
            "|| ':' || lpad((mod(c.duration, 3600) / 60)::text, 2, '0') "
            "ELSE (c.duration / 60)::text END || ':' "
            "|| lpad(mod(c.duration, 60)::text, 2, '0') END, left(c.note, 150)), "
            "c.user_id, c.company_id, 'crm.call', "
            "c.id, NULL, NULL, NULL FROM crm_call c WHERE c.partner_id IS NOT NULL"
        )
        return {
            "message": {
                "label": self.env._("Message"),
                "model": "res.partner",
                "query": message + "AND m.mail_activity_type_id IS NULL "
                "AND NOT coalesce(st.internal, false)",
            },
            "note": {
                "label": self.env._("Note"),
                "model": "res.partner",
                "query": message + "AND m.mail_activity_type_id IS NULL "
                "AND coalesce(st.internal, false)",
            },
            "activity_done": {
                "label": self.env._("Activity done"),
                "model": "res.partner",
                "query": message + "AND m.mail_activity_type_id IS NOT NULL",
            },
            "activity": {
                "all_day": True,
                "label": self.env._("Planned activity"),
                "model": "res.partner",
                "query": "SELECT a.id, a.date_deadline::timestamp, a.res_id, "
                "coalesce(nullif(a.summary, ''), " + BODY_TEXT.format("a.note") + "), "
                "a.user_id, NULL, 'res.partner', a.res_id, a.activity_type_id, "
                "NULL, NULL FROM mail_activity a "
                "WHERE a.res_model = 'res.partner' AND a.active",
            },
            "meeting": {
                "label": self.env._("Meeting"),
                "model": "calendar.event",
                "query": "SELECT att.id, e.start, att.partner_id, e.name, e.user_id, "
                "NULL, 'calendar.event', e.id, NULL, NULL, NULL "
                "FROM calendar_attendee att "
                "JOIN calendar_event e ON e.id = att.event_id "
                "WHERE e.active",
            },
            "quotation": {
                "label": self.env._("Quotation"),
                "model": "sale.order",
                "query": "SELECT so.id, so.date_order, so.partner_id, so.name, "
                "so.user_id, so.company_id, 'sale.order', so.id, NULL, "
                "so.amount_total, so.currency_id FROM sale_order so "
                "WHERE so.state IN ('draft', 'sent', 'cancel')",
            },
            "order": {
                "label": self.env._("Sales order"),
                "model": "sale.order",
                "query": "SELECT so.id, so.date_order, so.partner_id, so.name, "
                "so.user_id, so.company_id, 'sale.order', so.id, NULL, "
                "so.amount_total, so.currency_id FROM sale_order so "
                "WHERE so.state = 'sale'",
            },
            "invoice": {
                "all_day": True,
                "label": self.env._("Invoice"),
                "model": "account.move",
                "query": "SELECT am.id, coalesce(am.invoice_date, am.date)::timestamp, "
                "am.partner_id, am.name, am.invoice_user_id, am.company_id, "
                "'account.move', am.id, NULL, am.amount_total, am.currency_id "
                "FROM account_move am "
                "WHERE am.move_type = 'out_invoice' AND am.state = 'posted'",
            },
            "call": {
                "label": self.env._("Phone call"),
                "model": "crm.call",
                "query": call,
            },
            "refund": {
                "all_day": True,
                "label": self.env._("Credit note"),
                "model": "account.move",
                "query": "SELECT am.id, coalesce(am.invoice_date, am.date)::timestamp, "
                "am.partner_id, am.name, am.invoice_user_id, am.company_id, "
                "'account.move', am.id, NULL, -am.amount_total, am.currency_id "
                "FROM account_move am "
                "WHERE am.move_type = 'out_refund' AND am.state = 'posted'",
            },
        }

    @api.model
    def _selection_kind(self):
        return [
            (kind, source["label"])
            for kind, source in self._crm_history_sources().items()
        ]

    def _crm_history_query(self):
        """The view's SQL: one branch per kind, ids unique across kinds."""
        sources = list(self._crm_history_sources().items())
        modulus = len(sources)
        branches = []
        for index, (kind, source) in enumerate(sources):
            columns = ", ".join(
                f"src.c{i}::{ctype} AS {name}"
                for i, (name, ctype) in enumerate(HISTORY_COLUMNS)
            )
            aliases = ", ".join(f"c{i}" for i in range(len(HISTORY_COLUMNS)))
            branches.append(
                f"SELECT src.c0::bigint * {modulus} + {index} AS id, "
                f"'{kind}'::varchar AS kind, {columns} "
                f"FROM ({source['query']}) AS src({aliases})"
            )
        return "\nUNION ALL\n".join(branches)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                SQL(self._crm_history_query()),  # pylint: disable=sql-injection
            )
        )

    @api.model
    def _search(self, domain, *args, **kwargs):
        """Lines of a kind only for the records of its model the user may read."""
        if not self.env.su:
            allowed = []
            for kind, source in self._crm_history_sources().items():
                Model = self.env[source["model"]].with_context(active_test=False)
                if Model.has_access("read"):
                    allowed.append(
                        [("kind", "=", kind), ("res_id", "in", Model._search([]))]
                    )
            domain = Domain.AND([domain, Domain.OR(allowed)])
        return super()._search(domain, *args, **kwargs)

    def _field_to_sql(self, alias, field_expr, query=None):
        """The summary of someone else's private meeting is "Busy" in SQL
        already, wherever it goes: a search (display_name, name_search), a
        group label, a total (count distinct, array_agg), a sort, a count."""
        sql = super()._field_to_sql(alias, field_expr, query)
        if field_expr != "name" or self.env.su:
            return sql
        return SQL(
            "CASE WHEN %s = 'meeting' AND %s IN %s THEN %s ELSE %s END",
            SQL.identifier(alias, "kind"),
            SQL.identifier(alias, "res_id"),
            self._crm_busy_events().subselect(),
            self.env._("Busy"),
            sql,
        )

    @api.model
    def _crm_busy_events(self):
        """Query of the events the calendar shows the current user as "Busy"
        (``calendar.event._check_private_event_conditions``, in SQL)."""
        privacy = "user_id.res_users_settings_ids.calendar_default_privacy"
        owner_private = Domain(privacy, "=", "private")
        if self.env["res.users"]._default_user_calendar_default_privacy() == "private":
            owner_private |= Domain(privacy, "not in", ["public", "confidential"])
        return (
            self.env["calendar.event"]
            .sudo()
            .with_context(active_test=False)
            ._search(
                (
                    Domain("privacy", "=", "private")
                    | (Domain("privacy", "=", False) & owner_private)
                )
                & Domain("user_id", "!=", self.env.uid)
                & Domain("partner_ids", "not in", self.env.user.partner_id.ids)
            )
        )

    def _fetch_query(self, query, fields):
        """What the SQL cannot give, as it depends on the reader: summaries
        (see _crm_history_summaries()) and the days of all-day events."""
        name, date = self._fields["name"], self._fields["date"]
        summaries = name in fields and not self.env.su
        if not summaries and date not in fields:
            return super()._fetch_query(query, fields)
        needed = [self._fields["kind"], self._fields["res_id"]]
        lines = super()._fetch_query(
            query, [*fields, *(f for f in needed if f not in fields)]
        )
        if summaries:
            for line, summary in lines._crm_history_summaries().items():
                self.env.cache.update(line, name, [summary])
        if date in fields:
            lines._crm_history_local_days()
        return lines

    def _crm_history_local_days(self):
        """An all-day event (an activity's deadline, an invoice's date) comes
        from SQL at midnight UTC, which the web client shows at 01:00 in
        Warsaw and on the day before west of Greenwich: set it to midnight
        where the reader is."""
        all_day = {
            kind
            for kind, source in self._crm_history_sources().items()
            if source.get("all_day")
        }
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        date = self._fields["date"]
        for line in self:
            if line.kind in all_day and line.date:
                midnight = tz.localize(datetime.combine(line.date.date(), time.min))
                self.env.cache.update(
                    line,
                    date,
                    [midnight.astimezone(pytz.utc).replace(tzinfo=None)],
                )

    def _crm_history_summaries(self):
        """{line: summary} replacing the SQL summary of these lines as read.

        For what SQL cannot know: the reader's language (labels of states and
        stages) and what the reader may see. Extend it with super() for the
        kinds another addon adds. Here: someone else's private meeting reads
        "Busy", as in the calendar (the SQL took the event's real name).
        """
        meetings = self.filtered(lambda line: line.kind == "meeting")
        events = self.env["calendar.event"].browse(set(meetings.mapped("res_id")))
        hidden = {
            event.id: event.display_name
            for event in events
            if event._check_private_event_conditions()
        }
        summaries = {
            line: hidden[line.res_id] for line in meetings if line.res_id in hidden
        }
        summaries.update(self._crm_history_call_summaries())
        return summaries

    def _crm_history_call_summaries(self):
        """A missed call says so in the reader's language (the SQL: "missed")."""
        lines = self.filtered(lambda line: line.kind == "call")
        if not lines:
            return {}
        calls = self.env["crm.call"].browse(set(lines.mapped("res_id")))
        outcomes = dict(calls._fields["outcome"]._description_selection(self.env))
        by_id = {call.id: call for call in calls}
        summaries = {}
        for line in lines:
            call = by_id[line.res_id]
            arrow = "↙ " if call.direction == "inbound" else "↗ "
            result = (
                calls._crm_format_duration(call.duration)
                if call.outcome == "answered"
                else outcomes.get(call.outcome)
            )
            summaries[line] = " – ".join(
                filter(
                    None,
                    [
                        arrow + (call.customer_number or ""),
                        result,
                        (call.note or "")[:150],
                    ],
                )
            )
        return summaries

    def _crm_history_document(self):
        """(model, id) of the record a line opens.

        Reading the line by its id would compute the whole view (the id is a
        computed column); the id tells the kind and the row key instead, so
        only that kind's query runs, on its table's primary key.
        """
        self.ensure_one()
        sources = list(self._crm_history_sources().values())
        key, index = divmod(self.id, len(sources))
        aliases = ", ".join(f"c{i}" for i in range(len(HISTORY_COLUMNS)))
        self.env.cr.execute(
            SQL(
                "SELECT src.c6, src.c7 FROM (%s) AS src(%s) WHERE src.c0 = %s",
                SQL(sources[index]["query"]),  # pylint: disable=sql-injection
                SQL(aliases),  # pylint: disable=sql-injection
                key,
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            raise UserError(self.env._("This event no longer exists."))
        return row

    @api.readonly
    def action_open_document(self):
        res_model, res_id = self._crm_history_document()
        document = self.env[res_model].browse(res_id)
        document.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": res_model,
            "res_id": res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
