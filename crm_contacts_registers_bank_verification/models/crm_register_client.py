from datetime import date

from odoo import api, models


class CrmRegisterClient(models.AbstractModel):
    _inherit = "crm.register.client"

    @api.model
    def _crm_whitelist_search(self, company, nips, day=None):
        answers = super()._crm_whitelist_search(company, nips, day)
        self.env["l10n_pl.bank.account.verification"].sudo()._crm_record_whitelist(
            answers, day or date.today()
        )
        return answers
