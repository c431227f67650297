import io
import json

import openpyxl

from odoo.service.model import call_kw
from odoo.tests import tagged

from .common import AgingCommon


@tagged("post_install", "-at_install")
class TestUnsettledPaymentsExport(AgingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = cls.env["res.users"].search([("login", "=", "accountman")])
        cls.customer.write({"vat": "PL5251234502", "user_id": cls.env.user.id})
        cls._invoice(cls.customer, "2025-06-20", 100.0, due="2025-06-20")  # 1-30
        cls._invoice(cls.customer, "2024-12-01", 250.5, due="2024-12-01")  # over 180
        cls._invoice(cls.subsidiary, "2025-06-30", 40.0, due="2025-07-30")  # not due
        cls._invoice(
            cls.subsidiary, "2025-04-15", 300.0, due="2025-04-15", currency=cls.eur
        )  # 76 days: 61-90, 300 EUR at 0.25 = 1200 in company currency
        cls.domain = [("partner_id", "in", (cls.customer | cls.subsidiary).ids)]

    def _content(self, aging, domain):
        return self.env["report.crm_analytics.report_receivable_aging_xlsx"]._generate(
            aging, domain
        )

    def _workbook(self, domain):
        content = self._content(self._aging(), domain)
        return openpyxl.load_workbook(io.BytesIO(content), read_only=True)

    def _values(self, sheet):
        return [list(row) for row in sheet.iter_rows(values_only=True)]

    def test_xlsx_cell_by_cell(self):
        workbook = self._workbook(self.domain)
        company = self.env.company
        company_sheet = f"{company.name} {company.currency_id.name}"[:31]
        eur_sheet = f"{company.name} EUR"[:31]
        self.assertEqual(workbook.sheetnames, [company_sheet, eur_sheet])
        rows = self._values(workbook[company_sheet])
        self.assertEqual(
            rows[0][0],
            f"Unsettled payments as of 06/30/2025 - {company.name}, "
            f"{company.currency_id.name}",
        )
        self.assertEqual(
            rows[1],
            [
                "Customer",
                "Tax ID",
                "Salesperson",
                "Not due",
                "1-30 days",
                "31-60 days",
                "61-90 days",
                "91-180 days",
                "Over 180 days",
                "Total",
            ],
        )
        self.assertEqual(
            rows[2],
            ["Customer Edge", "PL5251234502", self.env.user.name]
            + [0, 100, 0, 0, 0, 250.5, 350.5],
        )
        self.assertEqual(
            rows[3],
            ["Subsidiary Sp. z o.o.", None, None] + [40, 0, 0, 1200, 0, 0, 1240],
        )
        self.assertEqual(
            rows[4], ["Total", None, None, 40, 100, 0, 1200, 0, 250.5, 1590.5]
        )
        self.assertEqual(len(rows), 5)
        eur_rows = self._values(workbook[eur_sheet])
        self.assertEqual(
            eur_rows[2],
            ["Subsidiary Sp. z o.o.", None, None, 0, 0, 0, 300, 0, 0, 300],
        )
        self.assertEqual(eur_rows[3], ["Total", None, None, 0, 0, 0, 300, 0, 0, 300])

    def test_xlsx_number_formats_and_frozen_header(self):
        content = self._content(self._aging(), self.domain)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
        self.assertEqual(sheet.freeze_panes, "B3")
        self.assertEqual(sheet["D3"].number_format, "#,##0.00")
        self.assertTrue(sheet["A2"].font.b)
        self.assertTrue(sheet["J5"].font.b)

    def test_xlsx_follows_the_screen_filters(self):
        over_90 = [*self.domain, ("bucket", "in", ("91_180", "over_180"))]
        rows = self._values(self._workbook(over_90).worksheets[0])
        self.assertEqual(rows[2][0], "Customer Edge")
        self.assertEqual(rows[2][3:], [0, 0, 0, 0, 0, 250.5, 250.5])
        self.assertEqual(rows[3][0], "Total")
        # the button queues a background job of the list's domain, date and
        # companies, and shows it in a dialog
        action = self._aging().with_context(active_domain=over_90).action_export_xlsx()
        self.assertEqual((action["res_model"], action["target"]), ("crm.job", "new"))
        job = self.env["crm.job"].browse(action["res_id"])
        self.assertEqual(job.state, "queued")
        params = job.params
        self.assertEqual(params["as_of"], "2025-06-30")
        self.assertEqual(params["companies"], str(self.env.company.id))
        self.assertEqual(
            json.loads(params["domain"]),
            [
                ["partner_id", "in", self.domain[0][2]],
                ["bucket", "in", ["91_180", "over_180"]],
            ],
        )
        # the cron worker builds the file and attaches it to the job
        self.env["crm.job"]._cron_crm_run_jobs()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.attachment_id.name, "unsettled_payments_2025-06-30.xlsx")
        workbook = openpyxl.load_workbook(io.BytesIO(job.attachment_id.raw))
        self.assertEqual(self._values(workbook.worksheets[0])[2:], rows[2:])

    def test_export_of_selected_rows(self):
        """A list-header button gets the selected rows (call_button passes
        their ids): the file holds only those."""
        aging = self._aging()
        rows = aging.search([*self.domain, ("bucket", "=", "over_180")])
        # the context the web client sends with the click
        kwargs = {"context": dict(aging.env.context, active_domain=self.domain)}
        action = call_kw(aging, "action_export_xlsx", [rows.ids], kwargs)
        domain = json.loads(
            self.env["crm.job"].browse(action["res_id"]).params["domain"]
        )
        values = self._values(self._workbook(domain).worksheets[0])
        self.assertEqual(values[2][0], "Customer Edge")
        self.assertEqual(values[2][3:], [0, 0, 0, 0, 0, 250.5, 250.5])
        self.assertEqual(values[3][0], "Total")
        # nothing selected: the list's domain
        action = call_kw(aging, "action_export_xlsx", [[]], kwargs)
        domain = json.loads(
            self.env["crm.job"].browse(action["res_id"]).params["domain"]
        )
        self.assertEqual(domain, [list(term) for term in self.domain])
        # (the administrator would first be asked for the document layout)
        kwargs["context"]["discard_logo_check"] = True
        report = call_kw(aging, "action_print_pdf", [rows.ids], kwargs)
        self.assertIn(str(rows.id), report["data"]["domain"])

    def test_xlsx_title_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("pl_PL")
        aging = self._aging().with_context(lang="pl_PL")
        content = self._content(aging, self.domain)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
        self.assertIn("30.06.2025", sheet["A1"].value)

    def test_empty_export_says_so(self):
        rows = self._values(self._workbook([("id", "=", 0)]).worksheets[0])
        self.assertEqual(rows, [["No unsettled payments."]])

    def test_pdf_report_values(self):
        values = self.env[
            "report.crm_analytics.report_receivable_aging"
        ]._get_report_values(
            None, data={"as_of": "2025-06-30", "domain": json.dumps(self.domain)}
        )
        self.assertEqual(len(values["sections"]), 2)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "crm_analytics.report_receivable_aging",
                None,
                data={"as_of": "2025-06-30", "domain": json.dumps(self.domain)},
            )[0]
            .decode()
        )
        self.assertIn("Customer Edge", html)
        self.assertIn("Subsidiary Sp. z o.o.", html)
