import io
import json
from datetime import timedelta
from unittest.mock import patch
from urllib.parse import urlencode

import openpyxl

from odoo import Command, fields
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.misc import format_date

from odoo.addons.crm_job.tests.common import job_runner


@tagged("post_install", "-at_install")
class TestAgingUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env,
            "crm_an_tour",
            groups="base.group_user,account.group_account_invoice",
            company_id=cls.env.ref("base.main_company").id,
        )

    def test_aging_tour_over_90_days_and_xlsx(self):
        self.start_tour("/odoo", "crm_analytics_aging_tour", login="crm_an_tour")

    def test_aging_as_of_filter_tour(self):
        self.start_tour("/odoo", "crm_analytics_aging_as_of_tour", login="crm_an_tour")

    def test_xlsx_download_over_http(self):
        self.authenticate("crm_an_tour", "crm_an_tour")
        company = self.env.ref("base.main_company")
        elektromax = self.env.ref("crm_analytics.demo_partner_elektromax")
        query = urlencode(
            {
                "domain": json.dumps(
                    [
                        ["partner_id", "=", elektromax.id],
                        ["bucket", "in", ["91_180", "over_180"]],
                    ]
                ),
                "companies": str(company.id),
            }
        )
        response = self.url_open(f"/crm_analytics/receivables/xlsx?{query}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
        self.assertEqual(sheet["A3"].value, "Hurtownia Elektro-Max")
        # 9,900 invoiced 210 days ago, 1,100 credited 200 days ago
        self.assertEqual(sheet["I3"].value, 9900 - 1100)
        self.assertEqual(sheet["A4"].value, "Total")

    def test_xlsx_download_refused_to_salespeople(self):
        new_test_user(self.env, "crm_an_sales", groups="sales_team.group_sale_salesman")
        self.authenticate("crm_an_sales", "crm_an_sales")
        with self.assertLogs("odoo.http", level="WARNING"):
            response = self.url_open("/crm_analytics/receivables/xlsx")
        self.assertEqual(response.status_code, 403)


@tagged("post_install", "-at_install")
class TestAgingExportUi(HttpCase):
    """The list's Export XLSX and Print PDF as the accountant clicks them, with
    a salesperson, a bucket and an as-of date filter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("base.main_company")
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=company.ids)
        )
        new_test_user(
            cls.env,
            "crm_an_export",
            groups="base.group_user,account.group_account_invoice",
            company_id=company.id,
        )
        zofia = new_test_user(
            cls.env,
            "crm_an_zofia",
            name="Zofia Eksportowa",
            groups="sales_team.group_sale_salesman",
            company_id=company.id,
        )
        Partner = cls.env["res.partner"]
        cls.alfa, beta, gamma = (
            Partner.create({"name": name, "is_company": True})
            for name in ("Eksport Alfa", "Eksport Beta", "Eksport Gamma")
        )
        cls.alfa.user_id = zofia
        cls.month_end = fields.Date.today().replace(day=1) - timedelta(days=1)

        def invoice(partner, days, amount, user):
            day = cls.month_end - timedelta(days=days)
            move = cls.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_user_id": user.id,
                    "invoice_date": day,
                    "invoice_date_due": day,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Service", "price_unit": amount, "tax_ids": []}
                        )
                    ],
                }
            )
            move.action_post()
            return move

        invoice(cls.alfa, 200, 1000.0, zofia)  # over 180 days
        invoice(cls.alfa, 40, 300.0, zofia)  # 31-60: not over 90 days
        paid_later = invoice(cls.alfa, 120, 400.0, zofia)  # 91-180, paid today
        invoice(beta, 50, 500.0, zofia)  # 31-60 at the month's end
        invoice(gamma, 200, 700.0, cls.env.ref("base.user_admin"))
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=paid_later.ids
        ).create({"payment_date": fields.Date.today()})._create_payments()

    def test_export_buttons_from_the_list(self):
        answers = []
        make_response = Request.make_response

        def recording_make_response(request, data, headers=None, *args, **kwargs):
            answers.append((request.httprequest.path, dict(headers or []), data))
            return make_response(request, data, headers, *args, **kwargs)

        Report = type(self.env["ir.actions.report"])
        render_qweb_pdf = Report._render_qweb_pdf

        printed = []

        def real_pdf(report, report_ref, res_ids=None, data=None):
            # tests render HTML instead of PDF unless asked
            printed.append(data)
            report = report.with_context(force_report_rendering=True)
            return render_qweb_pdf(report, report_ref, res_ids, data)

        with (
            patch.object(Request, "make_response", recording_make_response),
            patch.object(Report, "_render_qweb_pdf", real_pdf),
            job_runner(self),
        ):
            # the tour waits for a background job and for wkhtmltopdf: more
            # than the default minute on a loaded machine
            self.start_tour(
                "/odoo",
                "crm_analytics_aging_export_tour",
                login="crm_an_export",
                timeout=180,
            )
        files = {path: (headers, data) for path, headers, data in answers}
        # the workbook: the file of the accountant's background job
        job = self.env["crm.job"].search([("user_id.login", "=", "crm_an_export")])
        self.assertEqual(job.state, "done")
        content = job.attachment_id.raw
        rows = [
            list(row)
            for row in openpyxl.load_workbook(io.BytesIO(content))
            .worksheets[0]
            .iter_rows(values_only=True)
        ]
        self.assertIn(format_date(self.env, self.month_end), rows[0][0])
        # her customer late over 90 days at the month's end, with the invoice
        # paid since; not the other salesperson's nor the one late 50 days
        self.assertEqual(
            rows[2:],
            [
                ["Eksport Alfa", None, "Zofia Eksportowa", 0, 0, 0, 0, 400, 1000, 1400],
                ["Total", None, None, 0, 0, 0, 0, 400, 1000, 1400],
            ],
        )
        headers, content = files["/report/download"]
        self.assertEqual(headers["Content-Type"], "application/pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        # wkhtmltopdf draws the report's web font as paths (no text to read):
        # the printed data is rendered again as HTML
        (data,) = printed
        html = (
            self.env["ir.actions.report"]
            .with_user(self.env.ref("base.user_admin"))
            ._render_qweb_html("crm_analytics.report_receivable_aging", None, data)[0]
            .decode()
        )
        self.assertIn("Eksport Alfa", html)
        self.assertNotIn("Eksport Beta", html)
        self.assertNotIn("Eksport Gamma", html)
        self.assertEqual(data["as_of"], fields.Date.to_string(self.month_end))


@tagged("post_install", "-at_install")
class TestCustomerAnalysisUi(HttpCase):
    def test_tag_customers_at_risk_tour(self):
        company = self.env.ref("base.main_company")
        new_test_user(
            self.env,
            "crm_rfm_tour",
            groups="base.group_user,sales_team.group_sale_manager",
            company_id=company.id,
        )
        tag = self.env["res.partner.category"].create({"name": "Win-back campaign"})
        at_risk = self.env["crm.customer.value"].search(
            [
                ("company_id", "=", company.id),
                (
                    "segment_id",
                    "=",
                    self.env.ref("crm_analytics.rfm_segment_at_risk").id,
                ),
            ]
        )
        self.assertTrue(at_risk)
        self.start_tour("/odoo", "crm_analytics_rfm_tour", login="crm_rfm_tour")
        tagged_partners = self.env["res.partner"].search(
            [("category_id", "in", tag.ids)]
        )
        self.assertEqual(tagged_partners, at_risk.partner_id)
