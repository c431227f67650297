from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmConsentContactWizard(models.TransientModel):
    """Before an outbound marketing call or SMS: the contact's consent; without
    one, the user confirms (and says why) and it is logged."""

    _name = "crm.consent.contact.wizard"
    _description = "Marketing Call or SMS"

    partner_id = fields.Many2one("res.partner", string="Contact", required=True)
    channel_id = fields.Many2one("crm.consent.channel", required=True)
    purpose_id = fields.Many2one(
        "crm.consent.purpose",
        required=True,
        default=lambda self: self.env["crm.consent"]._crm_marketing_purpose(),
    )
    consent_state = fields.Selection(
        [
            ("given", "Consent given"),
            ("none", "No consent"),
            ("pending", "Awaiting confirmation"),
            ("withdrawn", "Withdrawn"),
            ("expired", "Expired"),
        ],
        string="Consent",
        compute="_compute_consent_state",
    )
    number = fields.Char(related="partner_id.phone")
    confirm = fields.Boolean(string="Contact without consent")
    reason = fields.Text()

    @api.depends("partner_id", "channel_id", "purpose_id")
    def _compute_consent_state(self):
        Consent = self.env["crm.consent"].sudo()
        for wizard in self:
            states = (
                Consent._crm_consent_states(
                    wizard.partner_id.ids, wizard.channel_id, wizard.purpose_id
                )
                if wizard.partner_id and wizard.channel_id and wizard.purpose_id
                else {}
            )
            wizard.consent_state = states.get(wizard.partner_id.id, "none")

    def action_contact(self):
        self.ensure_one()
        if not self.partner_id.phone:
            raise UserError(
                self.env._(
                    "%(contact)s has no phone number.",
                    contact=self.partner_id.display_name,
                )
            )
        without = self.consent_state != "given"
        if without and not (self.confirm and (self.reason or "").strip()):
            raise UserError(
                self.env._(
                    "%(contact)s has no consent to %(purpose)s by %(channel)s: "
                    "tick the confirmation and say why to contact them anyway.",
                    contact=self.partner_id.display_name,
                    purpose=self.purpose_id.name,
                    channel=self.channel_id.name,
                )
            )
        self.env["crm.consent.contact.log"].sudo().create(
            {
                "partner_id": self.partner_id.id,
                "channel_id": self.channel_id.id,
                "purpose_id": self.purpose_id.id,
                "user_id": self.env.uid,
                "consent_state": self.consent_state,
                "without_consent": without,
                "reason": self.reason if without else False,
                "company_id": self.env.company.id,
            }
        )
        if without:
            self.partner_id.message_post(
                body=self.env._(
                    "Marketing %(channel)s without consent (%(state)s), confirmed by "
                    "%(user)s: %(reason)s",
                    channel=self.channel_id.name,
                    state=dict(
                        self._fields["consent_state"]._description_selection(self.env)
                    )[self.consent_state],
                    user=self.env.user.name,
                    reason=self.reason,
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        scheme = "sms" if self.channel_id.code == "sms" else "tel"
        number = "".join(c for c in self.partner_id.phone if c.isdigit() or c == "+")
        return {
            "type": "ir.actions.act_url",
            "url": f"{scheme}:{number}",
            "target": "self",
        }
