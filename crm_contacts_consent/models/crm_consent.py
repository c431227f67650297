from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

STATES = [
    ("pending", "Awaiting confirmation"),
    ("given", "Given"),
    ("withdrawn", "Withdrawn"),
    ("expired", "Expired"),
]
METHODS = [
    ("web", "Web form"),
    ("portal", "Portal"),
    ("paper", "Paper form"),
    ("phone", "Phone call"),
    ("email", "E-mail confirmation"),
    ("system", "Automatic (expiry)"),
]
# only these fields change, and only when the contact is erased (GDPR)
ANONYMISED_FIELDS = {"address", "ip_address", "scan", "scan_name", "note"}
# what only the system sets (controllers, cron, erasure), never a user's RPC
SYSTEM_FIELDS = {
    "ip_address",
    "anonymised",
    "erased_date",
    "confirmation_of_id",
    "imported",
}


class CrmConsent(models.Model):
    """One event of the consent register: a consent given, withdrawn, expired
    or awaiting its e-mail confirmation, for one contact, channel and purpose.

    The register is the proof GDPR art. 7(1) asks for: append-only, like the
    PESEL reveal log. Nobody writes or deletes a line through the ORM (admin
    included); a change is a new line. The current state of a contact for a
    channel and purpose is its latest line (see :meth:`_crm_consent_states`).
    """

    _name = "crm.consent"
    _description = "Consent Record"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        index=True,
        ondelete="set null",
        readonly=True,
        help="Empty once the contact was erased: the line stays, anonymised.",
    )
    channel_id = fields.Many2one(
        "crm.consent.channel", required=True, ondelete="restrict", readonly=True
    )
    purpose_id = fields.Many2one(
        "crm.consent.purpose", required=True, ondelete="restrict", readonly=True
    )
    text_id = fields.Many2one(
        "crm.consent.text",
        string="Text Version",
        ondelete="restrict",
        readonly=True,
        help="The exact version of the consent text the person agreed to.",
    )
    state = fields.Selection(STATES, required=True, readonly=True)
    date = fields.Datetime(
        required=True, default=fields.Datetime.now, readonly=True, index=True
    )
    expiry_date = fields.Datetime(
        string="Valid Until",
        readonly=True,
        help="A consent given must be confirmed again before this date.",
    )
    method = fields.Selection(
        METHODS, string="How", required=True, default="phone", readonly=True
    )
    address = fields.Char(
        string="E-mail / Phone",
        readonly=True,
        help="The address or number the consent was given for, at that time.",
    )
    scan = fields.Binary(attachment=True, readonly=True)
    scan_name = fields.Char(readonly=True)
    call_id = fields.Many2one(
        "crm.call",
        string="Phone Call",
        ondelete="restrict",
        readonly=True,
        index="btree_not_null",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Recorded By",
        required=True,
        default=lambda self: self.env.user,
        ondelete="restrict",
        readonly=True,
        index=True,
    )
    ip_address = fields.Char(string="IP Address", readonly=True)
    confirmation_of_id = fields.Many2one(
        "crm.consent",
        string="Confirms",
        readonly=True,
        ondelete="restrict",
        help="The request sent by e-mail that this consent confirms (double opt-in).",
    )
    imported = fields.Boolean(readonly=True)
    note = fields.Text(readonly=True)
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        readonly=True,
        index=True,
    )
    anonymised = fields.Boolean(readonly=True)
    erased_date = fields.Datetime(string="Contact Erased On", readonly=True)
    erasure_note = fields.Char(string="Erasure", compute="_compute_erasure_note")

    def init(self):
        # "who may be contacted": the latest line per contact, channel and
        # purpose (see _crm_consent_states_sql)
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS crm_consent_current_idx ON crm_consent "
            "(partner_id, channel_id, purpose_id, date DESC, id DESC) "
            "INCLUDE (state, expiry_date)"
        )

    @api.depends("erased_date")
    def _compute_erasure_note(self):
        for line in self:
            line.erasure_note = (
                self.env._(
                    "The contact was erased on %(date)s; this proof is kept "
                    "anonymised (GDPR art. 17(3)(e)).",
                    date=fields.Datetime.to_string(line.erased_date),
                )
                if line.erased_date
                else False
            )

    @api.depends("partner_id", "channel_id", "purpose_id", "state")
    def _compute_display_name(self):
        states = dict(self._fields["state"]._description_selection(self.env))
        for line in self:
            line.display_name = " – ".join(
                filter(
                    None,
                    [
                        line.partner_id.display_name
                        or (line.anonymised and self.env._("Erased contact")),
                        line.channel_id.name,
                        line.purpose_id.name,
                        states.get(line.state),
                    ],
                )
            )

    # ------------------------------------------------------------------
    # append-only
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        lines = self.browse()
        for vals in vals_list:
            vals = dict(vals)
            if not self.env.su:
                # who recorded it is who is logged in; the IP address and the
                # double opt-in come from the portal only
                vals["user_id"] = self.env.uid
                for name in SYSTEM_FIELDS:
                    vals.pop(name, None)
            self._crm_prepare_vals(vals)
            # one at a time: each line is checked against the ones before it
            lines |= super().create([vals])
        return lines

    def write(self, vals):
        if not (
            self.env.su
            and self.env.context.get("crm_consent_anonymise")
            and set(vals) <= ANONYMISED_FIELDS | {"anonymised", "erased_date"}
        ):
            raise UserError(
                self.env._(
                    "The consent register cannot be changed: it is the proof of "
                    "what people agreed to. Record a new consent or a withdrawal "
                    "instead."
                )
            )
        return super().write(vals)

    def unlink(self):
        if self:
            raise UserError(
                self.env._(
                    "Consent records cannot be deleted: they are the proof of what "
                    "people agreed to. Erasing the contact keeps them anonymised."
                )
            )
        return super().unlink()

    def copy(self, default=None):
        if self:
            raise UserError(
                self.env._("Consent records cannot be copied: record a new consent.")
            )
        return super().copy(default)

    # ------------------------------------------------------------------
    # validation
    # ------------------------------------------------------------------

    @api.model
    def _crm_prepare_vals(self, vals):
        """Check a new line against the register and complete it; raise a
        ValidationError naming what is wrong (nothing is written)."""
        Partner = self.env["res.partner"]
        partner = Partner.browse(vals.get("partner_id")).exists()
        channel = self.env["crm.consent.channel"].browse(vals.get("channel_id"))
        purpose = self.env["crm.consent.purpose"].browse(vals.get("purpose_id"))
        text = self.env["crm.consent.text"].browse(vals.get("text_id"))
        state = vals.get("state")
        if not partner:
            raise ValidationError(self.env._("A consent needs the contact it is for."))
        if not channel:
            raise ValidationError(
                self.env._(
                    "A consent needs a channel (e-mail, phone call, SMS, letter): "
                    "%(contact)s.",
                    contact=partner.display_name,
                )
            )
        if not purpose:
            raise ValidationError(
                self.env._(
                    "A consent needs a purpose: %(contact)s.",
                    contact=partner.display_name,
                )
            )
        if state not in dict(STATES):
            raise ValidationError(
                self.env._("A consent needs a state: given, withdrawn or expired.")
            )
        if not purpose._crm_allows_channel(channel):
            raise ValidationError(
                self.env._(
                    "%(purpose)s cannot be agreed to by %(channel)s.",
                    purpose=purpose.name,
                    channel=channel.name,
                )
            )
        date = fields.Datetime.to_datetime(vals.get("date")) or fields.Datetime.now()
        vals["date"] = date
        if date > fields.Datetime.now() + relativedelta(minutes=5):
            raise ValidationError(
                self.env._(
                    "A consent cannot be dated in the future (%(date)s).",
                    date=fields.Datetime.to_string(date),
                )
            )
        current = self._crm_consent_current(partner, channel, purpose)
        what = self.env._(
            "%(contact)s, %(channel)s, %(purpose)s",
            contact=partner.display_name,
            channel=channel.name,
            purpose=purpose.name,
        )
        if state in ("given", "pending"):
            self._crm_check_consent(vals, what, current, purpose, text, date)
        else:
            self._crm_check_withdrawal(vals, what, current, date)
        if (
            vals.get("method") == "paper"
            and state == "given"
            and not vals.get("scan")
            and not vals.get("imported")
        ):
            raise ValidationError(
                self.env._(
                    "A consent on a paper form needs the scan of the form: %(what)s.",
                    what=what,
                )
            )
        if not vals.get("address"):
            vals["address"] = partner._crm_consent_address(channel)
        vals.setdefault("company_id", partner.company_id.id or self.env.company.id)
        return vals

    @api.model
    def _crm_check_consent(self, vals, what, current, purpose, text, date):
        state = vals["state"]
        if not text:
            raise ValidationError(
                self.env._(
                    "A consent needs the version of the text the person agreed "
                    "to: %(what)s.",
                    what=what,
                )
            )
        if text.purpose_id != purpose:
            raise ValidationError(
                self.env._(
                    "%(text)s is not a text of the purpose %(purpose)s.",
                    text=text.display_name,
                    purpose=purpose.name,
                )
            )
        if (
            state == "given"
            and current
            and current.state == "given"
            and current.text_id == text
            and not current._crm_is_expired(date)
        ):
            raise ValidationError(
                self.env._(
                    "%(what)s: the consent to %(text)s was already given on %(date)s.",
                    what=what,
                    text=text.display_name,
                    date=fields.Datetime.to_string(current.date),
                )
            )
        if state == "given" and purpose.validity_months:
            vals["expiry_date"] = date + relativedelta(months=purpose.validity_months)

    @api.model
    def _crm_check_withdrawal(self, vals, what, current, date):
        if not current or current.state not in ("given", "pending"):
            raise ValidationError(
                self.env._(
                    "%(what)s: there is no consent to withdraw or expire.",
                    what=what,
                )
            )
        if date < current.date:
            raise ValidationError(
                self.env._(
                    "%(what)s: the withdrawal (%(date)s) cannot be before the "
                    "consent (%(consent_date)s).",
                    what=what,
                    date=fields.Datetime.to_string(date),
                    consent_date=fields.Datetime.to_string(current.date),
                )
            )
        vals.setdefault("text_id", current.text_id.id)

    def _crm_is_expired(self, when=None):
        self.ensure_one()
        when = when or fields.Datetime.now()
        return self.state == "expired" or bool(
            self.state == "given" and self.expiry_date and self.expiry_date <= when
        )

    @api.model
    def _crm_consent_current(self, partner, channel, purpose):
        """The line that gives the current state (not the pending ones while
        there is a decision)."""
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM crm_consent WHERE partner_id = %s AND channel_id = %s "
                "AND purpose_id = %s ORDER BY (state = 'pending'), date DESC, id DESC "
                "LIMIT 1",
                partner.id,
                channel.id,
                purpose.id,
            )
        )
        row = self.env.cr.fetchone()
        return self.sudo().browse(row[0]) if row else self.browse()

    # ------------------------------------------------------------------
    # who may be contacted
    # ------------------------------------------------------------------

    @api.model
    def _crm_consent_states_sql(self, partner_sql, channel, purpose, when=None):
        """SQL giving (partner_id, state) for the partners of ``partner_sql``
        (an SQL of partner ids) that have a line for the channel and purpose:
        state is 'given' (valid now), 'expired', 'withdrawn' or 'pending'.
        Partners without a line are absent (no consent). One query, on the
        index (partner_id, channel_id, purpose_id, date DESC, id DESC)."""
        self.flush_model()
        return SQL(
            "SELECT cur.partner_id, CASE WHEN cur.state = 'given' AND "
            "cur.expiry_date <= %(when)s THEN 'expired' ELSE cur.state END "
            "FROM (SELECT DISTINCT ON (c.partner_id) c.partner_id, c.state, "
            "c.expiry_date FROM crm_consent c WHERE c.partner_id IN (%(partners)s) "
            "AND c.channel_id = %(channel)s AND c.purpose_id = %(purpose)s "
            "ORDER BY c.partner_id, (c.state = 'pending'), c.date DESC, c.id DESC"
            ") cur",
            when=when or fields.Datetime.now(),
            partners=partner_sql,
            channel=channel.id,
            purpose=purpose.id,
        )

    @api.model
    def _crm_consent_states(self, partner_ids, channel, purpose, when=None):
        """{partner id: state} of the partners that have a line (see above)."""
        if not partner_ids:
            return {}
        self.env.cr.execute(
            self._crm_consent_states_sql(
                SQL("SELECT unnest(%s::int[])", list(partner_ids)),
                channel,
                purpose,
                when,
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _crm_allowed_partner_sql(self, partner_sql, channel, purpose, when=None):
        """SQL of the ids of ``partner_sql`` that may be contacted now."""
        return SQL(
            "SELECT s.partner_id FROM (%s) s(partner_id, state) "
            "WHERE s.state = 'given'",
            self._crm_consent_states_sql(partner_sql, channel, purpose, when),
        )

    @api.model
    def _crm_channel(self, code):
        return self.env["crm.consent.channel"].sudo().search([("code", "=", code)])

    @api.model
    def _crm_marketing_purpose(self):
        return self.env.ref(
            "crm_contacts_consent.purpose_marketing", raise_if_not_found=False
        ) or self.env["crm.consent.purpose"].sudo().search([], limit=1)

    # ------------------------------------------------------------------
    # expiry
    # ------------------------------------------------------------------

    @api.model
    def _crm_current_given_sql(self, expiry_before):
        """Lines that are the current state, given, expiring before the date."""
        self.flush_model()
        return SQL(
            "SELECT cur.id FROM (SELECT DISTINCT ON (partner_id, channel_id, "
            "purpose_id) id, state, expiry_date FROM crm_consent "
            "WHERE partner_id IS NOT NULL AND state != 'pending' "
            "ORDER BY partner_id, channel_id, purpose_id, date DESC, id DESC) cur "
            "WHERE cur.state = 'given' AND cur.expiry_date <= %s ORDER BY cur.id",
            expiry_before,
        )

    @api.model
    def _cron_consent_expiry(self, batch_size=500):
        """Remind the account manager before a consent expires, record the
        expiry when it is reached. Batched and re-runnable: an expired consent
        is no longer current, a partner with an open reminder gets no other."""
        now = fields.Datetime.now()
        days = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("crm_contacts_consent.reminder_days", 30)
        )
        self.env.cr.execute(self._crm_current_given_sql(now))
        expired_ids = [row[0] for row in self.env.cr.fetchall()]
        for start in range(0, len(expired_ids), batch_size):
            batch = self.sudo().browse(expired_ids[start : start + batch_size])
            self.sudo().create(
                [
                    {
                        "partner_id": line.partner_id.id,
                        "channel_id": line.channel_id.id,
                        "purpose_id": line.purpose_id.id,
                        "text_id": line.text_id.id,
                        "state": "expired",
                        "method": "system",
                        "date": line.expiry_date,
                        "user_id": self.env.ref("base.user_root").id,
                        "company_id": line.company_id.id,
                    }
                    for line in batch
                ]
            )
            self.env["crm.job"]._crm_commit(
                len(batch), len(expired_ids) - start - len(batch)
            )
        self.env.cr.execute(self._crm_current_given_sql(now + relativedelta(days=days)))
        reminder_ids = [row[0] for row in self.env.cr.fetchall()]
        activity_type = self.env.ref(
            "crm_contacts_consent.mail_activity_consent_expiry"
        )
        for start in range(0, len(reminder_ids), batch_size):
            batch = self.sudo().browse(reminder_ids[start : start + batch_size])
            batch._crm_remind_expiry(activity_type)
            self.env["crm.job"]._crm_commit(
                len(batch), len(reminder_ids) - start - len(batch)
            )
        return len(expired_ids)

    def _crm_remind_expiry(self, activity_type):
        partners = self.partner_id
        reminded = set(
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", partners.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        for line in self:
            partner = line.partner_id
            manager = partner.user_id or partner.commercial_partner_id.user_id
            if partner.id in reminded or not partner.active or not manager:
                continue
            reminded.add(partner.id)
            partner.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=line.expiry_date.date(),
                summary=self.env._(
                    "Consent expires: %(channel)s, %(purpose)s",
                    channel=line.channel_id.name,
                    purpose=line.purpose_id.name,
                ),
                user_id=manager.id,
            )
