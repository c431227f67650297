import json

from odoo import api, fields, models

from ..models.crm_receivable_aging import BUCKETS


class ReportReceivableAging(models.AbstractModel):
    _name = "report.crm_analytics.report_receivable_aging"
    _description = "Unsettled payments report"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        context = {"crm_aging_date": data.get("as_of"), "crm_aging_as_of": False}
        if data.get("companies"):
            context["allowed_company_ids"] = [
                int(cid) for cid in data["companies"].split(",")
            ]
        aging = self.env["crm.receivable.aging"].with_context(**context)
        labels = dict(aging._fields["bucket"]._description_selection(self.env))
        return {
            "doc_ids": docids,
            "doc_model": "crm.receivable.aging",
            "as_of": fields.Date.to_date(aging._as_of_date()),
            "buckets": [(name, labels[name]) for name, _label in BUCKETS],
            "sections": aging._customer_sections(json.loads(data.get("domain", "[]"))),
        }
