from odoo import api, fields, models


class ResPartnerBank(models.Model):
    _inherit = "res.partner.bank"

    crm_whitelist_state = fields.Selection(
        [
            ("listed", "On the white list"),
            ("not_listed", "Not on the white list"),
            ("unknown", "Not checked"),
        ],
        string="VAT White List",
        compute="_compute_crm_whitelist_state",
        help="Whether the VAT white list gave this account for the holder's "
        "NIP at the last check (see the holder's Registers tab).",
    )

    @api.depends(
        "sanitized_acc_number",
        "partner_id.commercial_partner_id.crm_whitelist_accounts",
        "partner_id.commercial_partner_id.crm_whitelist_date",
    )
    def _compute_crm_whitelist_state(self):
        for bank in self:
            holder = bank.partner_id.commercial_partner_id
            if not holder.crm_whitelist_date:
                bank.crm_whitelist_state = "unknown"
                continue
            bank.crm_whitelist_state = (
                "listed"
                if bank._crm_whitelist_number() in holder._crm_whitelist_set()
                else "not_listed"
            )

    def _crm_whitelist_number(self):
        """The 26 digits the white list gives (no PL, no spaces)."""
        self.ensure_one()
        return (self.sanitized_acc_number or "").upper().removeprefix("PL")
