from odoo import api, models


class CrmHistory(models.Model):
    _inherit = "crm.history"

    @api.model
    def _crm_history_sources(self):
        sources = super()._crm_history_sources()
        sources["register"] = {
            "label": self.env._("Register change"),
            "model": "crm.register.check",
            "query": "SELECT c.id, c.date, c.partner_id, "
            "left(coalesce(c.changes, ''), 200), c.user_id, c.company_id, "
            "'crm.register.check', c.id, NULL, NULL, NULL "
            "FROM crm_register_check c WHERE c.significant",
        }
        return sources
