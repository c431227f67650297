from odoo import api, fields, models

CONSENT_DISPLAY = [
    ("given", "Phone marketing: consent"),
    ("none", "Phone marketing: no consent"),
    ("pending", "Phone marketing: awaiting confirmation"),
    ("withdrawn", "Phone marketing: withdrawn"),
    ("expired", "Phone marketing: expired"),
]


class CrmCall(models.Model):
    _inherit = "crm.call"

    crm_consent_phone_marketing = fields.Selection(
        CONSENT_DISPLAY,
        string="Phone Marketing Consent",
        compute="_compute_crm_consent_phone_marketing",
        help="Whether the caller agreed to marketing calls (the current state of "
        "the consent register).",
    )

    @api.depends("partner_id")
    def _compute_crm_consent_phone_marketing(self):
        states = self.env["res.partner"]._crm_consent_state_map(
            self.partner_id.ids, "phone"
        )
        for call in self:
            call.crm_consent_phone_marketing = (
                states.get(call.partner_id.id, "none") if call.partner_id else False
            )
