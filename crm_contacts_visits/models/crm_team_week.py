from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

# Columns every source query returns, in this order.
WEEK_COLUMNS = (
    ("row_key", "bigint"),  # unique within the kind
    ("user_id", "int"),
    ("start", "timestamp"),
    ("stop", "timestamp"),
    ("allday", "boolean"),
    ("name", "varchar"),
    ("partner_id", "int"),
    ("city", "varchar"),
    ("company_id", "int"),
    ("res_model", "varchar"),
    ("res_id", "int"),
)


class CrmTeamWeek(models.Model):
    """Who is where: visits, trips, meetings and deadlines of every user, one
    line per user and item. A read-only SQL view, one UNION ALL branch per
    kind; the calendar and the list read a week of it in one query, through
    the indexes on the users' attendees and the events' start.

    Other addons add kinds by extending `_crm_week_sources()` (as
    crm.history's `_crm_history_sources()`).
    """

    _name = "crm.team.week"
    _description = "The week of the team"
    _auto = False
    _order = "start, id"
    _rec_name = "name"
    _depends = {  # noqa: RUF012 (Odoo reads this class attribute)
        "crm.visit": ["event_id", "customer_id", "city", "company_id", "visit_state"],
        "crm.visit.trip": [
            "date_start",
            "date_end",
            "name",
            "company_id",
            "trip_state",
            "user_ids",
        ],
        "calendar.event": ["start", "stop", "allday", "name", "privacy", "active"],
        "calendar.attendee": ["event_id", "partner_id"],
    }

    kind = fields.Selection(selection="_selection_kind", readonly=True)
    user_id = fields.Many2one("res.users", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales team", readonly=True)
    start = fields.Datetime(readonly=True)
    stop = fields.Datetime(string="End", readonly=True)
    allday = fields.Boolean(string="All day", readonly=True)
    name = fields.Char(string="Summary", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    city = fields.Char(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    res_model = fields.Char(string="Document model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", readonly=True
    )
    in_my_team = fields.Boolean(
        string="My team", compute="_compute_in_my_team", search="_search_in_my_team"
    )

    @api.model
    def _crm_week_sources(self):
        """{kind: {"label", "model", "query"}}: ``query`` selects the columns
        of WEEK_COLUMNS in that order; ``model`` is what a line opens (a user
        sees the lines of a kind only for the records of it they may read)."""
        attendee_users = (
            "FROM calendar_event e "
            "JOIN calendar_attendee att ON att.event_id = e.id "
            "JOIN res_users u ON u.partner_id = att.partner_id AND NOT u.share "
        )
        return {
            "visit": {
                "label": self.env._("Visit"),
                "model": "crm.visit",
                "query": "SELECT att.id, u.id, e.start, e.stop, e.allday, e.name, "
                "v.customer_id, v.city, v.company_id, 'crm.visit', v.id "
                + attendee_users
                + "JOIN crm_visit v ON v.event_id = e.id "
                "WHERE e.active AND v.visit_state != 'cancelled'",
            },
            "meeting": {
                "label": self.env._("Meeting"),
                "model": "calendar.event",
                # someone's private meeting has no title here ("Busy")
                "query": "SELECT att.id, u.id, e.start, e.stop, e.allday, "
                "CASE WHEN e.privacy = 'private' THEN NULL ELSE e.name END, "
                "NULL, NULL, NULL, 'calendar.event', e.id "
                + attendee_users
                + "WHERE e.active AND NOT EXISTS "
                "(SELECT 1 FROM crm_visit v WHERE v.event_id = e.id)",
            },
            "trip": {
                "label": self.env._("Trip"),
                "model": "crm.visit.trip",
                "query": "SELECT t.id::bigint * 1048576 + tu.user_id, tu.user_id, "
                "t.date_start, t.date_end, false, t.name, NULL, NULL, t.company_id, "
                "'crm.visit.trip', t.id FROM crm_visit_trip t "
                "JOIN crm_visit_trip_user_rel tu ON tu.trip_id = t.id "
                "WHERE t.trip_state != 'cancelled'",
            },
        }

    @api.model
    def _selection_kind(self):
        return [(kind, src["label"]) for kind, src in self._crm_week_sources().items()]

    def _crm_week_query(self):
        sources = list(self._crm_week_sources().items())
        modulus = len(sources)
        aliases = ", ".join(f"c{i}" for i in range(len(WEEK_COLUMNS)))
        columns = ", ".join(
            f"src.c{i}::{ctype} AS {name}"
            for i, (name, ctype) in enumerate(WEEK_COLUMNS)
        )
        branches = [
            f"SELECT src.c0::bigint * {modulus} + {index} AS id, "
            f"'{kind}'::varchar AS kind, {columns} "
            f"FROM ({source['query']}) AS src({aliases})"
            for index, (kind, source) in enumerate(sources)
        ]
        return (
            "SELECT w.*, ru.sale_team_id AS team_id FROM (\n"
            + "\nUNION ALL\n".join(branches)
            + "\n) AS w LEFT JOIN res_users ru ON ru.id = w.user_id"
        )

    def init(self):
        cr = self.env.cr
        # the users' events: attendees by partner (Odoo indexes them by event)
        tools.create_index(
            cr,
            "calendar_attendee_crm_partner_event_index",
            "calendar_attendee",
            ["partner_id", "event_id"],
        )
        tools.create_index(
            cr,
            "crm_visit_trip_user_rel_crm_user_index",
            "crm_visit_trip_user_rel",
            ["user_id", "trip_id"],
        )
        tools.create_index(
            cr, "calendar_event_crm_stop_index", "calendar_event", ["stop", "start"]
        )
        tools.drop_view_if_exists(cr, self._table)
        cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                SQL(self._crm_week_query()),  # pylint: disable=sql-injection
            )
        )

    @api.model
    def _search(self, domain, *args, **kwargs):
        """Lines of a kind only for the records of its model the user may read."""
        if not self.env.su:
            allowed = []
            for kind, source in self._crm_week_sources().items():
                Model = self.env[source["model"]]
                if Model.has_access("read"):
                    allowed.append(
                        [("kind", "=", kind), ("res_id", "in", Model._search([]))]
                    )
            domain = Domain.AND([domain, Domain.OR(allowed or [Domain.FALSE])])
        return super()._search(domain, *args, **kwargs)

    def _compute_in_my_team(self):
        users = self.env.user.crm_team_ids.member_ids | self.env.user
        for line in self:
            line.in_my_team = line.user_id in users

    def _search_in_my_team(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        users = (self.env.user.crm_team_ids.member_ids | self.env.user).ids
        positive = (True in value) == (operator == "in")
        return [("user_id", "in" if positive else "not in", users)]

    @api.depends("name", "kind")
    def _compute_display_name(self):
        for line in self:
            line.display_name = line.name or self.env._("Busy")

    def action_open_document(self):
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(self.env._("This item no longer exists."))
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
