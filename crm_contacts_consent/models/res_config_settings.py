from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_consent_reminder_days = fields.Integer(
        string="Consent expiry reminder (days before)",
        config_parameter="crm_contacts_consent.reminder_days",
        default=30,
    )
