from odoo import fields, models

from .res_partner import DEFAULT_REMINDER_DAYS, REMINDER_DAYS_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_reminder_days = fields.Integer(
        string="Birthday and Name-Day Reminders (days before)",
        config_parameter=REMINDER_DAYS_PARAM,
        default=DEFAULT_REMINDER_DAYS,
        help="How many days before a contact's birthday or name day its "
        "account manager gets an activity.",
    )
