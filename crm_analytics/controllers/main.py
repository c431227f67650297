import json

from odoo import http
from odoo.http import content_disposition, request


class ReceivablesExport(http.Controller):
    @http.route(
        "/crm_analytics/receivables/xlsx",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=True,
    )
    def receivables_xlsx(self, as_of=None, domain="[]", companies=""):
        """The unsettled-payments workbook of the report's filters; the user's
        access rights and allowed companies apply."""
        # the exported date wins over any date filter of the caller's context
        context = {"crm_aging_date": as_of, "crm_aging_as_of": False}
        if companies:
            # checked by the environment against the user's allowed companies
            context["allowed_company_ids"] = [int(cid) for cid in companies.split(",")]
        aging = request.env["crm.receivable.aging"].with_context(**context)
        content = aging._export_xlsx(json.loads(domain))
        filename = request.env._(
            "unsettled_payments_%(date)s.xlsx", date=aging._as_of_date()
        )
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
