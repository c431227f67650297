from odoo import fields, models

CONSENT_FAILURES = [
    ("crm_consent_missing", "No consent"),
    ("crm_consent_withdrawn", "Consent withdrawn"),
    ("crm_consent_expired", "Consent expired"),
]


class MailingTrace(models.Model):
    _inherit = "mailing.trace"

    failure_type = fields.Selection(
        selection_add=CONSENT_FAILURES,
        ondelete={code: "set null" for code, _label in CONSENT_FAILURES},
    )
