from odoo import api, models
from odoo.tools import format_date


class CrmHistory(models.Model):
    """Documents and correspondence in the customer's History."""

    _inherit = "crm.history"

    @api.model
    def _crm_history_sources(self):
        sources = super()._crm_history_sources()
        sources["document"] = {
            "all_day": True,
            "label": self.env._("Document"),
            "model": "crm.document",
            # number – title – status – validity from–to
            "query": "SELECT d.id, coalesce(d.signed_on, d.valid_from, "
            "d.create_date::date)::timestamp, d.partner_id, "
            "concat_ws(' – ', d.name, d.title, d.state, "
            "nullif(concat_ws('–', d.valid_from::text, d.valid_to::text), '')), "
            "d.user_id, d.company_id, 'crm.document', d.id, NULL, NULL, NULL "
            "FROM crm_document d WHERE d.partner_id IS NOT NULL",
        }
        sources["correspondence"] = {
            "all_day": True,
            "label": self.env._("Correspondence"),
            "model": "crm.correspondence",
            # ↙ incoming / ↗ outgoing number – subject
            "query": "SELECT c.id, c.date::timestamp, c.partner_id, "
            "concat_ws(' – ', CASE c.direction WHEN 'incoming' THEN '↙ ' "
            "ELSE '↗ ' END || c.name, c.subject), "
            "coalesce(c.holder_user_id, c.create_uid), c.company_id, "
            "'crm.correspondence', c.id, NULL, NULL, NULL "
            "FROM crm_correspondence c WHERE c.partner_id IS NOT NULL",
        }
        return sources

    def _crm_history_summaries(self):
        """A document's status and validity in the reader's language and date
        format (the SQL gives the status key: "expiring", "2026-12-13")."""
        summaries = super()._crm_history_summaries()
        lines = self.filtered(lambda line: line.kind == "document")
        if not lines:
            return summaries
        documents = self.env["crm.document"].browse(set(lines.mapped("res_id")))
        states = dict(documents._fields["state"]._description_selection(self.env))
        by_id = {document.id: document for document in documents}
        for line in lines:
            document = by_id[line.res_id]
            validity = "–".join(
                format_date(self.env, day)
                for day in (document.valid_from, document.valid_to)
                if day
            )
            summaries[line] = " – ".join(
                filter(
                    None,
                    [
                        document.name,
                        document.title,
                        states.get(document.state),
                        validity,
                    ],
                )
            )
        return summaries
