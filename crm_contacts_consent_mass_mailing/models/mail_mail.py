from odoo import fields, models

from .mailing_trace import CONSENT_FAILURES


class MailMail(models.Model):
    _inherit = "mail.mail"

    failure_type = fields.Selection(
        selection_add=CONSENT_FAILURES,
        ondelete={code: "set null" for code, _label in CONSENT_FAILURES},
    )
