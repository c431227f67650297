from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

from .crm_document import BATCH

# sequence codes; a company may have its own sequence with the same code
SEQUENCES = {
    "incoming": "crm.correspondence.incoming",
    "outgoing": "crm.correspondence.outgoing",
}


class CrmCorrespondence(models.Model):
    _name = "crm.correspondence"
    _description = "Correspondence register entry"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "date desc, id desc"
    _rec_names_search = ("name", "subject")

    name = fields.Char(
        string="Number", required=True, copy=False, default="/", index="trigram"
    )
    direction = fields.Selection(
        [("incoming", "Incoming"), ("outgoing", "Outgoing")],
        required=True,
        default="incoming",
        index=True,
    )
    date = fields.Date(
        string="Received / sent on",
        required=True,
        default=lambda self: self.env.company._crm_today(),
        index=True,
        tracking=True,
    )
    sender_date = fields.Date(
        string="Letter dated",
        help="The date the sender put on the letter (an e-mail's Date header); "
        "the register counts from the day of receipt.",
    )
    channel = fields.Selection(
        [
            ("post", "Post"),
            ("courier", "Courier"),
            ("email", "E-mail"),
            ("epuap", "ePUAP"),
            ("in_person", "In person"),
        ],
        required=True,
        default="post",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Sender / recipient", index=True, tracking=True
    )
    email_from = fields.Char(string="Sender e-mail")
    subject = fields.Char(required=True, tracking=True)
    description = fields.Html(string="Content")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    document_id = fields.Many2one(
        "crm.document", string="Related document", index="btree_not_null"
    )
    related_ref = fields.Reference(
        selection="_selection_related_models", string="Related record"
    )
    holder_user_id = fields.Many2one(
        "res.users",
        string="Held by",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        # only users of the register can open what they hold
        domain=lambda self: self.env["crm.correspondence.forward"]._register_users(),
    )
    team_id = fields.Many2one(
        "crm.document.team", string="Department", index=True, tracking=True
    )
    forward_ids = fields.One2many(
        "crm.correspondence.forward", "correspondence_id", string="Forwarding log"
    )
    reply_days = fields.Integer(
        string="Reply within (business days)",
        help="0 when no reply is needed. Weekends, Polish public holidays and "
        "the company's days off are not counted.",
    )
    reply_due = fields.Date(
        string="Reply due", compute="_compute_reply_due", store=True, index=True
    )
    reminder_days = fields.Integer(
        string="Remind (days before due)",
        default=2,
        help="The holder gets an activity this many calendar days "
        "before the reply is due.",
    )
    reply_id = fields.Many2one("crm.correspondence", copy=False, readonly=True)
    reply_to_id = fields.Many2one(
        "crm.correspondence", string="In reply to", copy=False, readonly=True
    )
    replied_on = fields.Date(related="reply_id.date", string="Replied on")
    reply_state = fields.Selection(
        [
            ("none", "No reply needed"),
            ("pending", "Reply pending"),
            ("replied", "Replied"),
        ],
        compute="_compute_reply_state",
        store=True,
        index=True,
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        store=True,
        index=True,
        help="The reply was due and has not been sent.",
    )
    due_reminded = fields.Boolean(copy=False)
    overdue_notified = fields.Boolean(copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.model
    def _selection_related_models(self):
        return self.env["crm.document"]._selection_link_models()

    @api.depends("date", "reply_days", "direction", "company_id")
    def _compute_reply_due(self):
        for entry in self:
            if entry.direction == "incoming" and entry.reply_days and entry.date:
                entry.reply_due = entry.company_id.crm_add_business_days(
                    entry.date, entry.reply_days
                )
            else:
                entry.reply_due = False

    @api.depends("reply_due", "reply_id")
    def _compute_reply_state(self):
        for entry in self:
            if entry.reply_id:
                entry.reply_state = "replied"
            elif entry.reply_due:
                entry.reply_state = "pending"
            else:
                entry.reply_state = "none"

    @api.depends("reply_state", "reply_due")
    def _compute_is_overdue(self):
        for entry in self:
            entry.is_overdue = (
                entry.reply_state == "pending"
                and entry.reply_due < entry.company_id._crm_today()
            )

    @api.constrains("reply_days", "reminder_days")
    def _check_days(self):
        for entry in self:
            for field in ("reply_days", "reminder_days"):
                if entry[field] < 0:
                    raise ValidationError(
                        self.env._(
                            "%(entry)s: '%(field)s' cannot be negative (%(value)s).",
                            entry=entry.subject,
                            field=entry._fields[field]._description_string(self.env),
                            value=entry[field],
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            company = (
                self.env["res.company"].browse(vals.get("company_id"))
                or self.env.company
            )
            vals.setdefault("date", company._crm_today())
        entries = super().create(vals_list)
        # numbered once the entry is valid, from a no-gap sequence: a save that
        # fails uses up no number
        for entry in entries.filtered(lambda e: e.name == "/"):
            entry.name = (
                self.env["ir.sequence"]
                .with_company(entry.company_id)
                .next_by_code(SEQUENCES[entry.direction], sequence_date=entry.date)
                or "/"
            )
        return entries

    @api.depends("name", "subject")
    def _compute_display_name(self):
        for entry in self:
            entry.display_name = f"{entry.name} {entry.subject or ''}".strip()

    def action_forward(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Forward"),
            "res_model": "crm.correspondence.forward",
            "view_mode": "form",
            "target": "new",
            "context": {"default_correspondence_id": self.id},
        }

    def action_reply(self):
        self.ensure_one()
        if self.direction != "incoming":
            raise UserError(self.env._("Only incoming correspondence is replied to."))
        if self.reply_id:
            raise UserError(
                self.env._(
                    "%(entry)s is already answered by %(reply)s.",
                    entry=self.name,
                    reply=self.reply_id.name,
                )
            )
        reply = self.create(
            {
                "direction": "outgoing",
                "channel": self.channel if self.channel != "in_person" else "post",
                "partner_id": self.partner_id.id,
                "subject": self.env._("Re: %(subject)s", subject=self.subject),
                "document_id": self.document_id.id,
                "related_ref": self.related_ref
                and f"{self.related_ref._name},{self.related_ref.id}",
                "reply_to_id": self.id,
                "team_id": self.team_id.id,
                "company_id": self.company_id.id,
            }
        )
        self.reply_id = reply
        self.activity_unlink(["crm_document_deadlines.mail_activity_type_reply_due"])
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.correspondence",
            "res_id": reply.id,
            "view_mode": "form",
            "target": "current",
        }

    # e-mail into the register

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to the register's alias becomes an incoming entry of the
        alias' company (its defaults), sorted by that company's rules. Missing
        or broken headers do not stop it."""
        custom_values = custom_values or {}
        company = (
            self.env["res.company"].browse(custom_values.get("company_id"))
            or self.env.company
        )
        sender = next(iter(tools.email_split(msg_dict.get("email_from") or "")), "")
        sender = sender.lower()
        subject = (msg_dict.get("subject") or "").strip() or self.env._("(no subject)")
        try:
            # None when the e-mail has no Date header (scanners, some gateways)
            sent = fields.Datetime.to_datetime(msg_dict.get("date"))
        except (TypeError, ValueError):
            sent = None
        local = self.with_context(tz=self.env.user.tz or company.partner_id.tz or "UTC")
        values = {
            "name": "/",
            "direction": "incoming",
            "channel": "email",
            "subject": subject[:250],
            "email_from": sender,
            "company_id": company.id,
            # the register counts from the day of receipt, not the sender's
            "date": company._crm_today(),
            "sender_date": sent and fields.Date.context_today(local, timestamp=sent),
            "description": msg_dict.get("body"),
            "holder_user_id": False,
        }
        values.update(
            self.env["crm.correspondence.rule"]._sort(sender, subject, company)
        )
        if not values.get("partner_id") and sender:
            partner = self.env["res.partner"].search(
                [
                    ("email", "=ilike", sender),
                    ("company_id", "in", [company.id, False]),
                ],
                limit=1,
            )
            values["partner_id"] = partner.id
        values.update(custom_values)
        return super().message_new(msg_dict, custom_values=values)

    def _message_post_after_hook(self, message, msg_vals):
        # files of an e-mail go where the clerk looks, not only the chatter
        if message.message_type == "email" and message.attachment_ids:
            self.attachment_ids = [
                fields.Command.link(att.id) for att in message.attachment_ids
            ]
        return super()._message_post_after_hook(message, msg_vals)

    # crons

    @api.model
    def _cron_deadlines(self, today=None):
        """Remind holders before replies are due and flag overdue entries,
        each once, company by company (each on its own day)."""
        reminded = overdue = 0
        # every company: a handful of rows
        for company in self.env["res.company"].search([]):  # pylint: disable=no-search-all
            counts = self._company_deadlines(company, today or company._crm_today())
            reminded += counts[0]
            overdue += counts[1]
        return reminded, overdue

    @api.model
    def _company_deadlines(self, company, today):
        """Selection by SQL, writes in batches."""
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT id FROM crm_correspondence
                    WHERE reply_state = 'pending' AND company_id = %s
                      AND is_overdue IS DISTINCT FROM (reply_due < %s)""",
                company.id,
                today,
            )
        )
        changed = [row[0] for row in self.env.cr.fetchall()]
        for start in range(0, len(changed), BATCH):
            batch = self.browse(changed[start : start + BATCH])
            self.env.add_to_compute(self._fields["is_overdue"], batch)
            batch._recompute_recordset(["is_overdue"])
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT id FROM crm_correspondence
                    WHERE reply_state = 'pending' AND NOT COALESCE(due_reminded, FALSE)
                      AND company_id = %s
                      AND reply_due - reminder_days <= %s AND reply_due >= %s""",
                company.id,
                today,
                today,
            )
        )
        to_remind = self.browse([row[0] for row in self.env.cr.fetchall()])
        self._schedule(
            to_remind,
            "crm_document_deadlines.mail_activity_type_reply_due",
            lambda env: env._("Reply due"),
        )
        to_remind.write({"due_reminded": True})
        overdue = self.search(
            [
                ("company_id", "=", company.id),
                ("is_overdue", "=", True),
                ("overdue_notified", "=", False),
            ]
        )
        for entry in overdue:
            env = entry._holder_env()
            entry.message_post(
                body=env._(
                    "The reply was due on %(date)s and has not been sent.",
                    date=format_date(env, entry.reply_due),
                ),
                partner_ids=entry.holder_user_id.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        self._schedule(
            overdue,
            "crm_document_deadlines.mail_activity_type_reply_due",
            lambda env: env._("Reply overdue"),
        )
        overdue.write({"overdue_notified": True})
        return len(to_remind), len(overdue)

    def _holder_env(self):
        """The environment in the holder's language: the scheduler runs as
        OdooBot, whose language is not the clerks'."""
        self.ensure_one()
        return self.with_context(lang=self.holder_user_id.lang or self.env.lang).env

    @api.model
    def _schedule(self, entries, activity_xmlid, summary):
        """An activity for the holder of each entry; ``summary(env)`` gives its
        summary in the holder's language."""
        activity_type = self.env.ref(activity_xmlid)
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": entry.id,
                    "activity_type_id": activity_type.id,
                    "summary": summary(entry._holder_env()),
                    "date_deadline": entry.reply_due,
                    "user_id": entry.holder_user_id.id,
                    "automated": True,
                }
                for entry in entries.filtered("holder_user_id")
            ]
        )

    @api.model
    def _cron_daily(self):
        self._cron_deadlines()
