from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    crm_whitelist_warning = fields.Char(
        string="White List Warning",
        compute="_compute_crm_whitelist_warning",
        help="The recipient's bank account is not on the VAT white list.",
    )

    @api.depends(
        "move_type",
        "partner_id",
        "partner_bank_id",
        "partner_id.commercial_partner_id.crm_whitelist_accounts",
        "partner_id.commercial_partner_id.crm_whitelist_date",
    )
    def _compute_crm_whitelist_warning(self):
        for move in self:
            move.crm_whitelist_warning = (
                move.move_type == "in_invoice"
                and move.env["account.payment"]._crm_whitelist_message(
                    move.partner_id, move.partner_bank_id
                )
            ) or False
