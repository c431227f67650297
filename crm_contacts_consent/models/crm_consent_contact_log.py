from odoo import fields, models
from odoo.exceptions import UserError


class CrmConsentContactLog(models.Model):
    """Each outbound marketing call or SMS started from a card, with the
    consent the contact had at that moment; a contact without consent is
    reached only after the user confirmed it (and why)."""

    _name = "crm.consent.contact.log"
    _description = "Marketing Contact Log"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Contact", index=True, ondelete="set null", readonly=True
    )
    channel_id = fields.Many2one(
        "crm.consent.channel", required=True, ondelete="restrict", readonly=True
    )
    purpose_id = fields.Many2one(
        "crm.consent.purpose", required=True, ondelete="restrict", readonly=True
    )
    user_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        ondelete="restrict",
        readonly=True,
        index=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    consent_state = fields.Selection(
        [
            ("given", "Consent given"),
            ("none", "No consent"),
            ("pending", "Awaiting confirmation"),
            ("withdrawn", "Withdrawn"),
            ("expired", "Expired"),
        ],
        string="Consent at the Time",
        required=True,
        readonly=True,
    )
    without_consent = fields.Boolean(string="Confirmed Without Consent", readonly=True)
    reason = fields.Text(readonly=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, readonly=True
    )

    def write(self, vals):
        if self:
            raise UserError(self.env._("The marketing contact log cannot be changed."))
        return super().write(vals)

    def unlink(self):
        if self:
            raise UserError(self.env._("The marketing contact log cannot be deleted."))
        return super().unlink()
