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
        aging = request.env["crm.receivable.aging"]._crm_export_env(as_of, companies)
        content = request.env[
            "report.crm_analytics.report_receivable_aging_xlsx"
        ]._generate(aging, json.loads(domain))
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
