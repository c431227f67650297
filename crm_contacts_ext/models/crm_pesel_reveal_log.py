from odoo import fields, models


class CrmPeselRevealLog(models.Model):
    """Each time a user displayed a person's full PESEL (GDPR accountability)."""

    _name = "crm.pesel.reveal.log"
    _description = "PESEL Reveal Log"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="cascade"
    )
    user_id = fields.Many2one(
        "res.users", string="Shown To", required=True, index=True, ondelete="cascade"
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
