from odoo import api, models


class CrmTeamWeek(models.Model):
    """Documents' and letters' deadlines in the week of the team, on the day
    they fall, for the person responsible."""

    _inherit = "crm.team.week"
    _depends = {  # noqa: RUF012 (Odoo reads this class attribute)
        "crm.document": ["notice_deadline", "valid_to", "user_id", "state", "name"],
        "crm.correspondence": ["reply_due", "holder_user_id", "reply_state", "name"],
    }

    @api.model
    def _crm_week_sources(self):
        sources = super()._crm_week_sources()
        document = (
            "SELECT d.id, d.user_id, {day}::timestamp, {day}::timestamp, true, "
            "concat_ws(' – ', d.name, d.title), d.partner_id, p.city, d.company_id, "
            "'crm.document', d.id FROM crm_document d "
            "LEFT JOIN res_partner p ON p.id = d.partner_id "
            "WHERE d.user_id IS NOT NULL AND {day} IS NOT NULL "
            "AND d.state IN ('active', 'expiring')"
        )
        sources["notice_deadline"] = {
            "label": self.env._("Notice deadline"),
            "model": "crm.document",
            "query": document.format(day="d.notice_deadline"),
        }
        sources["document_expiry"] = {
            "label": self.env._("Document expiry"),
            "model": "crm.document",
            "query": document.format(day="d.valid_to"),
        }
        sources["reply_due"] = {
            "label": self.env._("Reply due"),
            "model": "crm.correspondence",
            "query": "SELECT c.id, c.holder_user_id, c.reply_due::timestamp, "
            "c.reply_due::timestamp, true, concat_ws(' – ', c.name, c.subject), "
            "c.partner_id, p.city, c.company_id, 'crm.correspondence', c.id "
            "FROM crm_correspondence c LEFT JOIN res_partner p ON p.id = c.partner_id "
            "WHERE c.holder_user_id IS NOT NULL AND c.reply_state = 'pending'",
        }
        return sources
