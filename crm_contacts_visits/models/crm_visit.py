from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, html2plaintext


class CrmVisit(models.Model):
    """A visit to a customer. It *is* a calendar event (``_inherits``): the
    event row carries the subject, times, attendees, invitations and alarms,
    so Odoo's calendar, its invitations by e-mail and any calendar sync keep
    working on it untouched; the visit's own fields, access rules and form
    live in this table."""

    _name = "crm.visit"
    _description = "Customer visit"
    _inherits = {"calendar.event": "event_id"}  # noqa: RUF012
    _order = "trip_sequence, start, id"
    _check_company_auto = True

    event_id = fields.Many2one(
        "calendar.event",
        string="Calendar event",
        required=True,
        ondelete="cascade",
        index=True,
        bypass_search_access=True,
    )
    customer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        domain="[('is_company', '=', True)]",
    )
    contact_ids = fields.Many2many(
        "res.partner",
        "crm_visit_contact_rel",
        "visit_id",
        "partner_id",
        string="People to meet",
        domain="[('id', 'child_of', customer_id)]",
        help="The customer's people; they are invited to the event.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "crm_visit_user_rel",
        "visit_id",
        "user_id",
        string="Going",
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    purpose = fields.Text()
    origin = fields.Selection(
        [("company", "Company"), ("person", "Person"), ("offer", "Offer")],
        default="company",
        required=True,
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Offer", index="btree_not_null", check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    city = fields.Char(related="customer_id.city", store=True, index="btree_not_null")
    trip_id = fields.Many2one(
        "crm.visit.trip",
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
    )
    trip_sequence = fields.Integer(string="Order", default=10)
    km = fields.Float(
        string="Km to here",
        digits=(10, 1),
        help="Kilometres driven from the previous stop of the trip to this visit.",
    )
    visit_state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        string="Status",
        default="planned",
        required=True,
        index=True,
    )
    has_overlap = fields.Boolean(
        string="Overlaps",
        compute="_compute_has_overlap",
        help="Someone going has another visit at the same time.",
    )
    outside_trip = fields.Boolean(
        string="Outside the trip",
        compute="_compute_outside_trip",
        help="The visit is not within the trip's departure and return.",
    )
    # the report
    outcome = fields.Selection(
        [
            ("success", "Successful"),
            ("follow_up", "Follow-up needed"),
            ("no_decision", "No decision"),
            ("failed", "Not successful"),
            ("not_met", "Did not take place"),
        ]
    )
    report_notes = fields.Html(string="Report")
    report_date = fields.Datetime(readonly=True, copy=False)
    report_user_id = fields.Many2one("res.users", readonly=True, copy=False)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "crm_visit_attachment_rel",
        "visit_id",
        "attachment_id",
        string="Attachments",
    )
    next_step_type_id = fields.Many2one("mail.activity.type", string="Next step")
    next_step_date = fields.Date(string="Next step on")
    next_step_summary = fields.Char(string="Next step summary")
    next_activity_id = fields.Many2one(
        "mail.activity", string="Next step activity", readonly=True, copy=False
    )

    @api.constrains("km")
    def _check_km(self):
        for visit in self:
            if visit.km < 0:
                raise ValidationError(
                    self.env._(
                        "Kilometres cannot be negative (visit %(visit)s).",
                        visit=visit.name,
                    )
                )

    @api.constrains("start", "stop")
    def _check_dates(self):
        for visit in self:
            if visit.start and visit.stop and visit.stop < visit.start:
                raise ValidationError(
                    self.env._(
                        "The visit %(visit)s ends before it starts.", visit=visit.name
                    )
                )

    # ------------------------------------------------------------------
    # Flags
    # ------------------------------------------------------------------
    def _compute_has_overlap(self):
        ids = [visit_id for visit_id in self.ids if isinstance(visit_id, int)]
        overlapping = set()
        if ids:
            self.env["calendar.event"].flush_model(["start", "stop", "active"])
            self.flush_model(["event_id", "user_ids", "visit_state"])
            self.env.cr.execute(
                SQL(
                    """
                SELECT DISTINCT v.id
                  FROM crm_visit v
                  JOIN calendar_event e ON e.id = v.event_id
                  JOIN crm_visit_user_rel vu ON vu.visit_id = v.id
                  JOIN crm_visit_user_rel ou
                    ON ou.user_id = vu.user_id AND ou.visit_id != v.id
                  JOIN crm_visit o ON o.id = ou.visit_id
                  JOIN calendar_event oe ON oe.id = o.event_id
                 WHERE v.id IN %s AND oe.active AND o.visit_state != 'cancelled'
                   AND oe.start < e.stop AND oe.stop > e.start
                    """,
                    tuple(ids),
                )
            )
            overlapping = {row[0] for row in self.env.cr.fetchall()}
        for visit in self:
            visit.has_overlap = visit.id in overlapping

    @api.depends("start", "stop", "trip_id.date_start", "trip_id.date_end")
    def _compute_outside_trip(self):
        for visit in self:
            trip = visit.trip_id
            visit.outside_trip = bool(
                trip
                and visit.start
                and trip.date_start
                and trip.date_end
                and (
                    visit.start < trip.date_start
                    or (visit.stop or visit.start) > trip.date_end
                )
            )

    # ------------------------------------------------------------------
    # The event: attendees, subject, place, link back to the visit
    # ------------------------------------------------------------------
    @api.model
    def default_get(self, fields):
        """A new visit: the next full hour, for an hour, named after the
        customer when one is given."""
        defaults = super().default_get(fields)
        if "start" in fields and not defaults.get("start"):
            defaults["start"] = next_hour = fields.Datetime.now().replace(
                minute=0, second=0, microsecond=0
            ) + timedelta(hours=1)
            if "stop" in fields and not defaults.get("stop"):
                defaults["stop"] = next_hour + timedelta(hours=1)
        if (
            "name" in fields
            and not defaults.get("name")
            and defaults.get("customer_id")
        ):
            customer = self.env["res.partner"].browse(defaults["customer_id"])
            defaults["name"] = self._crm_default_name(customer)
        return defaults

    @api.model
    def _crm_default_name(self, customer):
        # a visit made by no user's session (demo data, an import) is titled
        # in the company's language rather than in English
        lang = self.env.lang or self.env.company.partner_id.lang
        return self.with_context(lang=lang).env._(
            "Visit: %(customer)s", customer=customer.name or ""
        )

    @api.onchange("customer_id")
    def _onchange_customer_id(self):
        """Name the visit after its customer, unless the user named it."""
        prefix = self._crm_default_name(self.env["res.partner"])
        if self.customer_id and (not self.name or self.name.startswith(prefix)):
            self.name = self._crm_default_name(self.customer_id)

    @api.model_create_multi
    def create(self, vals_list):
        Partner = self.env["res.partner"]
        for vals in vals_list:
            customer = Partner.browse(vals.get("customer_id"))
            if not vals.get("name"):
                vals["name"] = self._crm_default_name(customer)
            if not vals.get("location") and customer:
                vals["location"] = self.env["crm.visit.trip"]._crm_address(customer)
            # attendees come from the visit's people and users (below)
            vals.setdefault("partner_ids", [])
        visits = super().create(vals_list)
        model = self.env["ir.model"]._get_id(self._name)
        for visit in visits:
            visit.event_id.sudo().write({"res_model_id": model, "res_id": visit.id})
        visits._crm_sync_attendees()
        return visits

    def write(self, vals):
        before = {}
        if {"contact_ids", "user_ids", "customer_id"} & set(vals):
            before = {visit: visit._crm_attendee_partners() for visit in self}
        result = super().write(vals)
        if before:
            self._crm_sync_attendees(before)
        return result

    def unlink(self):
        events = self.event_id
        result = super().unlink()
        events.unlink()
        return result

    def _crm_attendee_partners(self):
        """The partners a visit invites: the people to meet (or the customer
        itself when no one is named) and the users going."""
        self.ensure_one()
        return (self.contact_ids or self.customer_id) | self.user_ids.partner_id

    def _crm_sync_attendees(self, before=None):
        """Invite who the visit names; drop who it no longer names (attendees
        added by hand in the calendar stay)."""
        for visit in self:
            wanted = visit._crm_attendee_partners()
            removed = (before or {}).get(visit, self.env["res.partner"]) - wanted
            current = visit.event_id.partner_ids
            commands = [Command.link(p.id) for p in wanted - current]
            commands += [Command.unlink(p.id) for p in removed & current]
            if commands:
                visit.event_id.write({"partner_ids": commands})
            organizer = visit.user_ids[:1]
            if organizer and visit.event_id.user_id not in visit.user_ids:
                visit.event_id.user_id = organizer

    # ------------------------------------------------------------------
    # Report
    # ------------------------------------------------------------------
    def action_open_report(self):
        """The phone-sized report form, in a dialog."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Visit report"),
            "res_model": "crm.visit",
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("crm_contacts_visits.crm_visit_view_form_report").id,
                    "form",
                )
            ],
            "target": "new",
        }

    def action_save_report(self):
        """Mark the visits done with their report; the next step becomes an
        activity on the customer for the first user going."""
        for visit in self:
            if not visit.outcome:
                raise UserError(
                    self.env._(
                        "Choose the outcome of the visit %(visit)s.", visit=visit.name
                    )
                )
            if visit.next_step_type_id and not visit.next_step_date:
                raise UserError(
                    self.env._(
                        "Give the date of the next step of the visit %(visit)s.",
                        visit=visit.name,
                    )
                )
        for visit in self:
            values = {
                "visit_state": "done",
                "report_date": fields.Datetime.now(),
                "report_user_id": self.env.user.id,
            }
            if visit.next_step_type_id and not visit.next_activity_id:
                # the follow-up of one's visit, even without the right to
                # edit the customer's card
                activity = visit.customer_id.sudo().activity_schedule(
                    activity_type_id=visit.next_step_type_id.id,
                    date_deadline=visit.next_step_date,
                    summary=visit.next_step_summary or visit.name,
                    note=visit.report_notes,
                    user_id=(visit.user_ids[:1] or self.env.user).id,
                )
                values["next_activity_id"] = activity.id
            visit.write(values)
            # the files are the visit's (not left in a dialog's limbo)
            visit.attachment_ids.filtered(lambda a: not a.res_id).write(
                {"res_model": self._name, "res_id": visit.id}
            )
        return {"type": "ir.actions.act_window_close"}

    def action_cancel(self):
        self.write({"visit_state": "cancelled"})

    def action_reset(self):
        self.write({"visit_state": "planned"})

    def action_open_event(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "calendar.event",
            "res_id": self.event_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _crm_report_text(self):
        """Outcome and notes of the report in one line (the reader's language)."""
        self.ensure_one()
        outcomes = dict(self._fields["outcome"]._description_selection(self.env))
        notes = html2plaintext(self.report_notes or "").strip()
        return " – ".join(filter(None, [outcomes.get(self.outcome), notes[:200]]))
