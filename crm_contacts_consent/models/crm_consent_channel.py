from odoo import fields, models


class CrmConsentChannel(models.Model):
    """How we reach someone: e-mail, phone call, SMS, letter."""

    _name = "crm.consent.channel"
    _description = "Consent Channel"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical code, used in CSV imports (email, phone, sms, letter).",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "The channel code must be unique.")
