import io
import json
from urllib.parse import urlencode

import openpyxl

from odoo.tests import HttpCase, new_test_user, tagged


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
