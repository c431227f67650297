from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

BATCH = 1000
FOLDED_STATES = ("expired", "terminated")
REMINDER_TYPES = [
    "crm_document_deadlines.mail_activity_type_document_expiry",
    "crm_document_deadlines.mail_activity_type_document_notice",
]


class ReminderDigest(defaultdict):
    """The reminder e-mails' lines per person, and how many were sent."""

    sent = 0


class CrmDocument(models.Model):
    _name = "crm.document"
    _description = "Registered document"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "valid_to, id desc"
    _rec_names_search = ("name", "title", "barcode")

    name = fields.Char(
        string="Number",
        required=True,
        copy=False,
        default="/",
        index="trigram",
        tracking=True,
    )
    title = fields.Char(required=True, tracking=True)
    type_id = fields.Many2one(
        "crm.document.type",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index=True, tracking=True
    )
    link_ref = fields.Reference(
        selection="_selection_link_models",
        string="Related record",
        help="Sales order, invoice or ticket this document belongs to "
        "(the choices depend on the installed applications).",
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Files")
    signed_on = fields.Date(tracking=True)
    valid_from = fields.Date(tracking=True)
    valid_to = fields.Date(tracking=True, index=True)
    reminder_days = fields.Integer(
        string="Reminder lead time (days)",
        compute="_compute_type_defaults",
        store=True,
        readonly=False,
        precompute=True,
    )
    notice_days = fields.Integer(
        string="Notice period (days)",
        compute="_compute_type_defaults",
        store=True,
        readonly=False,
        precompute=True,
    )
    renewal_months = fields.Integer(
        string="Renewal period (months)",
        compute="_compute_type_defaults",
        store=True,
        readonly=False,
        precompute=True,
    )
    notice_deadline = fields.Date(
        compute="_compute_deadlines",
        store=True,
        index=True,
        help="Last day to give notice of termination.",
    )
    reminder_date = fields.Date(
        string="Expiry reminder on", compute="_compute_deadlines", store=True
    )
    notice_reminder_date = fields.Date(
        string="Notice reminder on", compute="_compute_deadlines", store=True
    )
    expiring_from = fields.Date(compute="_compute_deadlines", store=True, index=True)
    auto_renew = fields.Boolean(
        string="Renews automatically",
        tracking=True,
        help="Unless terminated, the next version is created on expiry.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        compute="_compute_type_defaults",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    team_id = fields.Many2one(
        "crm.document.team",
        compute="_compute_type_defaults",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    confirmed = fields.Boolean(copy=False, tracking=True)
    terminated_on = fields.Date(copy=False, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Active"),
            ("expiring", "Expiring"),
            ("expired", "Expired"),
            ("terminated", "Terminated"),
        ],
        string="Status",
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
        group_expand="_expand_states",
    )
    expiry_reminded = fields.Boolean(copy=False)
    notice_reminded = fields.Boolean(copy=False)
    # versions
    version = fields.Integer(default=1, copy=False, readonly=True)
    previous_id = fields.Many2one(
        "crm.document", string="Previous version", copy=False, readonly=True
    )
    next_id = fields.Many2one(
        "crm.document",
        string="Renewed by",
        copy=False,
        readonly=True,
        index="btree_not_null",
    )
    origin_id = fields.Many2one(
        "crm.document",
        string="First version",
        copy=False,
        readonly=True,
        index="btree_not_null",
    )
    version_ids = fields.Many2many(
        "crm.document", string="Versions", compute="_compute_version_ids"
    )
    # paper original
    has_paper_original = fields.Boolean(string="Paper original")
    location_id = fields.Many2one(
        "crm.archive.location", string="Storage location", index=True
    )
    barcode = fields.Char(
        string="Label barcode",
        copy=False,
        index="btree_not_null",
        help="Printed on the label of the paper original.",
    )
    checkout_ids = fields.One2many(
        "crm.document.checkout", "document_id", string="Check-outs"
    )
    is_checked_out = fields.Boolean(
        string="Taken out", compute="_compute_is_checked_out", store=True
    )
    correspondence_ids = fields.One2many("crm.correspondence", "document_id")

    _barcode_unique = models.Constraint(
        "UNIQUE(barcode)", "Another document already has this label barcode."
    )

    @api.model
    def _link_model_labels(self):
        """{model: label in the user's language} of the models a document may
        point to (a model's _description is not translated)."""
        return {
            "sale.order": self.env._("Sales order"),
            "account.move": self.env._("Invoice"),
            "helpdesk.ticket": self.env._("Helpdesk ticket"),
        }

    @api.model
    def _selection_link_models(self):
        # only those whose addon is installed
        return [
            (model, label)
            for model, label in self._link_model_labels().items()
            if model in self.env
        ]

    @api.model
    def _expand_states(self, states, domain):
        # every status as a column, in the order a document goes through them
        return [key for key, __ in self._fields["state"].selection]

    @api.model
    def _web_read_group_format(self, groupby, aggregates, groups):
        result = super()._web_read_group_format(groupby, aggregates, groups)
        if groupby[:1] == ("state",):
            # the finished ones fold: the kanban fits a screen
            for group in result:
                group["__fold"] = group["state"] in FOLDED_STATES
        return result

    @api.depends("type_id")
    def _compute_type_defaults(self):
        for doc in self:
            doc_type = doc.type_id
            if not doc_type:
                continue
            doc.reminder_days = doc_type.reminder_days
            doc.notice_days = doc_type.notice_days
            doc.renewal_months = doc_type.renewal_months
            if doc_type.team_id:
                doc.team_id = doc_type.team_id
            if doc_type.user_ids:
                doc.user_id = doc_type.user_ids[0]
            elif not doc.user_id:
                doc.user_id = self.env.user

    @api.depends("valid_to", "reminder_days", "notice_days")
    def _compute_deadlines(self):
        for doc in self:
            if not doc.valid_to:
                doc.update(
                    {
                        "notice_deadline": False,
                        "reminder_date": False,
                        "notice_reminder_date": False,
                        "expiring_from": False,
                    }
                )
                continue
            doc.reminder_date = doc.valid_to - timedelta(days=doc.reminder_days)
            if doc.notice_days:
                doc.notice_deadline = doc.valid_to - timedelta(days=doc.notice_days)
                doc.notice_reminder_date = doc.notice_deadline - timedelta(
                    days=doc.reminder_days
                )
                doc.expiring_from = min(doc.reminder_date, doc.notice_deadline)
            else:
                doc.notice_deadline = doc.notice_reminder_date = False
                doc.expiring_from = doc.reminder_date

    @api.depends("confirmed", "terminated_on", "valid_to", "expiring_from")
    def _compute_state(self):
        for doc in self:
            today = doc.company_id._crm_today()
            if not doc.confirmed:
                doc.state = "draft"
            elif doc.terminated_on:
                doc.state = "terminated"
            elif doc.valid_to and doc.valid_to < today:
                doc.state = "expired"
            elif doc.expiring_from and doc.expiring_from <= today:
                doc.state = "expiring"
            else:
                doc.state = "active"

    @api.model
    def _state_sql(self, today):
        """The same rule as _compute_state, as an SQL expression."""
        return SQL(
            """CASE WHEN NOT COALESCE(confirmed, FALSE) THEN 'draft'
                    WHEN terminated_on IS NOT NULL THEN 'terminated'
                    WHEN valid_to < %(today)s THEN 'expired'
                    WHEN expiring_from <= %(today)s THEN 'expiring'
                    ELSE 'active' END""",
            today=today,
        )

    def _compute_version_ids(self):
        for doc in self:
            root = doc.origin_id or doc._origin
            if root:
                doc.version_ids = (
                    self.search([("origin_id", "=", root.id)]) | root
                ).sorted("version")
            else:
                doc.version_ids = False

    @api.depends("checkout_ids.date_in")
    def _compute_is_checked_out(self):
        for doc in self:
            doc.is_checked_out = any(not c.date_in for c in doc.checkout_ids)

    @api.constrains("valid_from", "valid_to")
    def _check_validity_dates(self):
        for doc in self:
            if doc.valid_from and doc.valid_to and doc.valid_to < doc.valid_from:
                raise ValidationError(
                    self.env._(
                        "Document %(number)s: 'Valid to' (%(to)s) is before "
                        "'Valid from' (%(from)s).",
                        number=doc.name,
                        to=format_date(self.env, doc.valid_to),
                        **{"from": format_date(self.env, doc.valid_from)},
                    )
                )

    @api.constrains("reminder_days", "notice_days", "renewal_months")
    def _check_days(self):
        for doc in self:
            for field in ("reminder_days", "notice_days", "renewal_months"):
                if doc[field] < 0:
                    raise ValidationError(
                        self.env._(
                            "Document %(number)s: '%(field)s' cannot be negative "
                            "(%(value)s).",
                            number=doc.name,
                            field=doc._fields[field]._description_string(self.env),
                            value=doc[field],
                        )
                    )

    @api.constrains("valid_from", "valid_to", "notice_days")
    def _check_notice_within_validity(self):
        for doc in self:
            # valid_to before valid_from is _check_validity_dates' message
            if (
                doc.notice_deadline
                and doc.valid_from
                and doc.notice_deadline < doc.valid_from <= doc.valid_to
            ):
                raise ValidationError(
                    self.env._(
                        "Document %(number)s: the notice period (%(notice)s days) "
                        "is longer than its validity (%(from)s to %(to)s, "
                        "%(days)s days); notice would be due on %(deadline)s, "
                        "before it starts.",
                        number=doc.name,
                        notice=doc.notice_days,
                        to=format_date(self.env, doc.valid_to),
                        days=(doc.valid_to - doc.valid_from).days + 1,
                        deadline=format_date(self.env, doc.notice_deadline),
                        **{"from": format_date(self.env, doc.valid_from)},
                    )
                )

    @api.constrains("has_paper_original", "location_id")
    def _check_location(self):
        for doc in self:
            if doc.location_id and not doc.has_paper_original:
                raise ValidationError(
                    self.env._(
                        "Document %(number)s has no paper original, so it "
                        "cannot have a storage location.",
                        number=doc.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = (
                    self.env["res.company"].browse(vals.get("company_id"))
                    or self.env.company
                )
                # the year of the number is the company's, not UTC's
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company)
                    .next_by_code("crm.document", sequence_date=company._crm_today())
                )
            if vals.get("has_paper_original") and not vals.get("barcode"):
                vals["barcode"] = self.env["ir.sequence"].next_by_code(
                    "crm.document.barcode"
                )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("has_paper_original"):
            for doc in self.filtered(lambda d: not d.barcode):
                doc.barcode = self.env["ir.sequence"].next_by_code(
                    "crm.document.barcode"
                )
        moved = {"valid_to", "reminder_days", "notice_days"} & vals.keys()
        if moved:
            # new deadlines: the reminders already sent are for the old ones
            vals = {"expiry_reminded": False, "notice_reminded": False, **vals}
        res = super().write(vals)
        if moved:
            self.activity_unlink(REMINDER_TYPES)
        if vals.get("confirmed"):
            # the new version has started: the old one's reminders are void
            self.previous_id.activity_unlink(REMINDER_TYPES)
        return res

    @api.depends("name", "title", "version")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for doc in self:
            label = f"{doc.name} {doc.title or ''}".strip()
            doc.display_name = (
                self.env._("%(label)s (v%(version)s)", label=label, version=doc.version)
                if doc.version > 1
                else label
            )

    # actions

    def action_confirm(self):
        for doc in self:
            if not doc.valid_from:
                raise UserError(
                    self.env._(
                        "Document %(number)s: set 'Valid from' before activating it.",
                        number=doc.name,
                    )
                )
        self.confirmed = True

    def action_terminate(self):
        for doc in self:
            doc.terminated_on = doc.company_id._crm_today()
        self.activity_unlink(REMINDER_TYPES)

    def action_reopen(self):
        self.write({"terminated_on": False})

    def _prepare_renewal(self):
        self.ensure_one()
        valid_from = (
            self.valid_to + timedelta(days=1)
            if self.valid_to
            else self.company_id._crm_today()
        )
        months = self.renewal_months or 12
        return {
            "name": self.name,
            "version": self.version + 1,
            "previous_id": self.id,
            "origin_id": (self.origin_id or self).id,
            "valid_from": valid_from,
            "valid_to": valid_from + relativedelta(months=months, days=-1),
            "signed_on": False,
            "has_paper_original": False,
            "location_id": False,
            "attachment_ids": False,
            "reminder_days": self.reminder_days,
            "notice_days": self.notice_days,
            "renewal_months": self.renewal_months,
            "user_id": self.user_id.id,
            "team_id": self.team_id.id,
        }

    def _renew(self, confirm=False):
        renewals = self.env["crm.document"]
        for doc in self:
            if doc.next_id:
                raise UserError(
                    self.env._(
                        "Document %(number)s is already renewed by %(next)s.",
                        number=doc.display_name,
                        next=doc.next_id.display_name,
                    )
                )
            if doc.terminated_on:
                raise UserError(
                    self.env._(
                        "Document %(number)s is terminated; it cannot be renewed.",
                        number=doc.display_name,
                    )
                )
            vals = doc._prepare_renewal()
            vals["confirmed"] = confirm
            new = doc.copy(vals)
            doc.next_id = new
            renewals |= new
            doc.message_post(
                body=self.env._("Renewed by version %(version)s.", version=new.version)
            )
        if confirm:
            self.activity_unlink(REMINDER_TYPES)
        # otherwise the reminders go on until the new version is activated
        return renewals

    def action_renew(self):
        new = self._renew()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.document",
            "res_id": new[:1].id,
            "view_mode": "form",
            "target": "current",
        }

    def action_check_out(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Take out the original"),
            "res_model": "crm.document.checkout",
            "view_mode": "form",
            "target": "new",
            "context": {"default_document_id": self.id},
        }

    def action_check_in(self):
        open_checkouts = self.checkout_ids.filtered(lambda c: not c.date_in)
        if not open_checkouts:
            raise UserError(
                self.env._(
                    "The original of %(number)s is not taken out.",
                    number=", ".join(self.mapped("display_name")),
                )
            )
        open_checkouts.action_return()

    @api.readonly
    def action_print_label(self):
        missing = self.filtered(lambda d: not d.barcode)
        if missing:
            raise UserError(
                self.env._(
                    "Document %(number)s has no paper original to label.",
                    number=", ".join(missing.mapped("display_name")),
                )
            )
        return self.env.ref(
            "crm_document_deadlines.action_report_document_label"
        ).report_action(self)

    # daily cron

    @api.model
    def _batches(self, ids):
        for start in range(0, len(ids), BATCH):
            yield self.browse(ids[start : start + BATCH])

    @api.model
    def _cron_update_states(self):
        """Recompute the status of the documents whose status changes today
        (each company's today): the selection is one SQL query per company,
        the update goes in batches."""
        return sum(
            self._company_update_states(company)
            for company in self.env["res.company"].search([])
        )

    @api.model
    def _company_update_states(self, company):
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM crm_document WHERE company_id = %s "
                "AND state IS DISTINCT FROM %s ORDER BY id",
                company.id,
                self._state_sql(company._crm_today()),
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        state_field = self._fields["state"]
        for count, batch in enumerate(self._batches(ids), 1):
            self.env.add_to_compute(state_field, batch)
            batch._recompute_recordset(["state"])
            batch.flush_recordset(["state"])
            self.env["crm.job"]._crm_commit(
                len(batch), max(len(ids) - count * BATCH, 0)
            )
            self.env.invalidate_all()
        return len(ids)

    @api.model
    def _cron_send_reminders(self, today=None):
        """One activity per document and deadline for the responsible person,
        and one e-mail per person listing them; the flags make a re-run create
        nothing new. Each company on its own day."""
        digest = ReminderDigest(list)
        # every company: a handful of rows
        for company in self.env["res.company"].search([]):  # pylint: disable=no-search-all
            self._company_reminders(company, today or company._crm_today(), digest)
        return self._flush_reminder_digest(digest) + digest.sent

    @api.model
    def _flush_reminder_digest(self, digest):
        """Send the e-mails of ``digest`` and empty it; return the lines sent."""
        sent = sum(len(lines) for lines in digest.values())
        for user, lines in digest.items():
            self._send_reminder_digest(user, lines)
        digest.clear()
        return sent

    @api.model
    def _company_reminders(self, company, today, digest):
        """Activities for the documents of ``company`` due ``today``; the
        lines of the e-mail go into ``digest``."""
        Activity = self.env["mail.activity"].with_context(
            mail_activity_quick_update=True
        )
        model_id = self.env["ir.model"]._get_id("crm.document")
        for flag, date_column, activity_xmlid, deadline_field in (
            (
                "notice_reminded",
                "notice_reminder_date",
                REMINDER_TYPES[1],
                "notice_deadline",
            ),
            ("expiry_reminded", "reminder_date", REMINDER_TYPES[0], "valid_to"),
        ):
            self.flush_model()
            self.env.cr.execute(
                SQL(
                    """SELECT id FROM crm_document
                        WHERE confirmed AND terminated_on IS NULL
                          AND NOT EXISTS (
                              SELECT 1 FROM crm_document renewal
                               WHERE renewal.id = crm_document.next_id
                                 AND renewal.confirmed)
                          AND company_id = %(company)s AND user_id IS NOT NULL
                          AND NOT COALESCE(%(flag)s, FALSE)
                          AND %(date_column)s <= %(today)s
                          AND %(deadline)s >= %(today)s
                     ORDER BY id""",
                    flag=SQL.identifier(flag),
                    date_column=SQL.identifier(date_column),
                    deadline=SQL.identifier(deadline_field),
                    company=company.id,
                    today=today,
                )
            )
            ids = [row[0] for row in self.env.cr.fetchall()]
            activity_type = self.env.ref(activity_xmlid)
            for count, batch in enumerate(self._batches(ids), 1):
                Activity.create(
                    [
                        {
                            "res_model_id": model_id,
                            "res_id": doc.id,
                            "activity_type_id": activity_type.id,
                            # in the responsible's language, not OdooBot's
                            "summary": activity_type.with_context(
                                lang=doc.user_id.lang or self.env.lang
                            ).name,
                            "date_deadline": doc[deadline_field],
                            "user_id": doc.user_id.id,
                            "automated": True,
                        }
                        for doc in batch
                    ]
                )
                for doc in batch:
                    digest[doc.user_id].append(
                        (doc.id, doc.display_name, activity_type, doc[deadline_field])
                    )
                batch.write({flag: True})
                if self.env.context.get("ir_cron_progress_id"):
                    # on a cron worker the batch is committed: its e-mails go
                    # with it, so that a run killed later neither loses them
                    # (the flags are set) nor sends them twice
                    digest.sent += self._flush_reminder_digest(digest)
                self.env["crm.job"]._crm_commit(
                    len(batch), max(len(ids) - count * BATCH, 0)
                )

    @api.model
    def _send_reminder_digest(self, user, lines):
        """One e-mail (and inbox notification) per person and run."""
        env = self.with_context(lang=user.lang).env
        items = Markup("").join(
            Markup('<li><a href="/odoo/crm.document/%s">%s</a>: %s %s</li>')
            % (
                doc_id,
                name,
                activity_type.with_env(env).name,
                format_date(env, deadline),
            )
            for doc_id, name, activity_type, deadline in lines
        )
        self.env["mail.thread"].message_notify(
            partner_ids=user.partner_id.ids,
            subject=env._("Document deadlines: %(count)s", count=len(lines)),
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (env._("Deadlines of your documents:"), items),
            subtype_xmlid="mail.mt_note",
        )

    @api.model
    def _cron_auto_renew(self, today=None):
        to_renew = self.browse()
        # every company: a handful of rows
        for company in self.env["res.company"].search([]):  # pylint: disable=no-search-all
            to_renew |= self._to_renew(company, today or company._crm_today())
        for batch in self._batches(to_renew.ids):
            batch._renew(confirm=True)
        return len(to_renew)

    @api.model
    def _to_renew(self, company, today):
        return self.search(
            [
                ("company_id", "=", company.id),
                ("auto_renew", "=", True),
                ("confirmed", "=", True),
                ("terminated_on", "=", False),
                ("next_id", "=", False),
                ("valid_to", "<", today),
            ]
        )

    @api.model
    def _cron_daily(self):
        self._cron_auto_renew()
        self._cron_update_states()
        self._cron_send_reminders()

    @api.model
    def _crm_demo_create_documents(self):
        """Demo data: the documents and letters of the demo portal user's
        company, kept by the demo salesperson: a contract in force whose
        paper original the salesperson has taken out, a guarantee expiring
        within the month, an expired order, a letter that awaits a reply due
        in the next few days and one of our letters sent out."""
        customer = self.env.ref("base.partner_demo_portal").commercial_partner_id
        user = self.env.ref("base.user_demo")
        team = self.env.ref("crm_document_deadlines.team_sales")
        today = fields.Date.context_today(self)
        common = {
            "user_id": user.id,
            "team_id": team.id,
            "partner_id": customer.id,
            "confirmed": True,
        }
        contract, _guarantee, _order = self.create(
            [
                {
                    **common,
                    "title": "Umowa serwisowa na urządzenia grzewcze",
                    "type_id": self.env.ref(
                        "crm_document_deadlines.document_type_contract"
                    ).id,
                    "signed_on": today - relativedelta(months=4, days=3),
                    "valid_from": today - relativedelta(months=4),
                    "valid_to": today + relativedelta(months=8),
                    "has_paper_original": True,
                    "location_id": self.env.ref(
                        "crm_document_deadlines.location_binder"
                    ).id,
                },
                {
                    **common,
                    "title": "Gwarancja należytego wykonania umowy",
                    "type_id": self.env.ref(
                        "crm_document_deadlines.document_type_insurance"
                    ).id,
                    "valid_from": today - relativedelta(months=11),
                    "valid_to": today + timedelta(days=12),
                },
                {
                    **common,
                    "title": "Zamówienie ramowe na części zamienne 2025",
                    "type_id": self.env.ref(
                        "crm_document_deadlines.document_type_order"
                    ).id,
                    "valid_from": today - relativedelta(months=13),
                    "valid_to": today - timedelta(days=25),
                },
            ]
        )
        self.env["crm.document.checkout"].with_user(user).create(
            {
                "document_id": contract.id,
                "user_id": user.id,
                "expected_return": today + timedelta(days=7),
                "note": "Do aneksu z klientem",
            }
        )
        # a letter received two weeks ago, its reply due in the next
        # business days of this week (today if the week has no more)
        received = today - timedelta(days=14)
        end_of_week = today + timedelta(days=6 - today.weekday())
        company = self.env.company
        reply_days = next(
            days
            for days in range(1, 30)
            if company.crm_add_business_days(received, days) >= today
        )
        if company.crm_add_business_days(received, reply_days + 2) <= end_of_week:
            reply_days += 2
        Correspondence = self.env["crm.correspondence"]
        Correspondence.create(
            [
                {
                    "direction": "incoming",
                    "channel": "post",
                    "partner_id": customer.id,
                    "subject": "Prośba o przedłużenie umowy serwisowej",
                    "document_id": contract.id,
                    "date": received,
                    "reply_days": reply_days,
                    "holder_user_id": user.id,
                    "team_id": team.id,
                },
                {
                    "direction": "outgoing",
                    "channel": "email",
                    "partner_id": customer.id,
                    "subject": "Potwierdzenie terminu przeglądu serwisowego",
                    "document_id": contract.id,
                    "holder_user_id": user.id,
                    "team_id": team.id,
                },
            ]
        )
        self._cron_daily()
        Correspondence._cron_daily()
        return True
