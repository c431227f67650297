from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    crm_interest_note = fields.Boolean(
        string="Interest Note",
        readonly=True,
        copy=False,
        help="An interest note: bears no interest itself and is no VAT invoice.",
    )
    crm_interest_note_line_ids = fields.One2many(
        "crm.interest.note.line", "move_id", string="Interest Note Lines"
    )
