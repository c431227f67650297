from odoo import fields, models


class CrmPeselRevealLog(models.Model):
    """Each time a user displayed a person's full PESEL (GDPR accountability)."""

    _name = "crm.pesel.reveal.log"
    _description = "PESEL Reveal Log"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    # a person erased from the contacts leaves who looked and when, not whom
    partner_id = fields.Many2one(
        "res.partner", string="Person", index=True, ondelete="set null"
    )
    # who looked stays: a user who did is archived, not deleted
    user_id = fields.Many2one(
        "res.users", string="Shown To", required=True, index=True, ondelete="restrict"
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
