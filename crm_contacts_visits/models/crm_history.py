from odoo import api, models


class CrmHistory(models.Model):
    """Visits and their reports in the customer's History."""

    _inherit = "crm.history"
    # flushed before the History is read (Odoo merges these with the others')
    _depends = {  # noqa: RUF012 (Odoo reads this class attribute)
        "crm.visit": [
            "event_id",
            "customer_id",
            "purpose",
            "company_id",
            "visit_state",
            "outcome",
            "report_notes",
            "report_date",
            "report_user_id",
        ],
        "calendar.event": ["start", "name", "user_id", "active"],
    }

    @api.model
    def _crm_history_sources(self):
        sources = super()._crm_history_sources()
        # a visit is a calendar event: it shows once, as a visit, not also as
        # a meeting of each person invited
        sources["meeting"] = {
            **sources["meeting"],
            "query": sources["meeting"]["query"]
            + " AND NOT EXISTS (SELECT 1 FROM crm_visit v WHERE v.event_id = e.id)",
        }
        sources["visit"] = {
            "label": self.env._("Visit"),
            "model": "crm.visit",
            "query": "SELECT v.id, e.start, v.customer_id, "
            "concat_ws(' – ', e.name, left(v.purpose, 150)), e.user_id, "
            "v.company_id, 'crm.visit', v.id, NULL, NULL, NULL "
            "FROM crm_visit v JOIN calendar_event e ON e.id = v.event_id "
            "WHERE e.active AND v.visit_state != 'cancelled'",
        }
        sources["visit_report"] = {
            "label": self.env._("Visit report"),
            "model": "crm.visit",
            "query": "SELECT v.id, v.report_date, v.customer_id, "
            "concat_ws(' – ', v.outcome, "
            "left(regexp_replace(coalesce(v.report_notes, ''), "
            "'<[^>]*>', ' ', 'g'), 200)), "
            "v.report_user_id, v.company_id, 'crm.visit', v.id, NULL, NULL, NULL "
            "FROM crm_visit v WHERE v.report_date IS NOT NULL",
        }
        return sources

    def _crm_history_summaries(self):
        """A report's outcome in the reader's language (the SQL: its key)."""
        summaries = super()._crm_history_summaries()
        lines = self.filtered(lambda line: line.kind == "visit_report")
        if not lines:
            return summaries
        visits = self.env["crm.visit"].browse(set(lines.mapped("res_id")))
        by_id = {visit.id: visit for visit in visits}
        for line in lines:
            visit = by_id[line.res_id]
            summaries[line] = " – ".join(
                filter(None, [visit.name, visit._crm_report_text()])
            )
        return summaries
