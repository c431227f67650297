from unittest.mock import patch

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCustomerValueDemo(TransactionCase):
    def test_demo_fills_every_default_segment(self):
        company = self.env.ref("base.main_company")
        values = self.env["crm.customer.value"].search(
            [("company_id", "=", company.id)]
        )
        defaults = self.env["crm.rfm.segment"].search([("company_id", "=", False)])
        self.assertEqual(len(defaults), 11)
        self.assertEqual(values.segment_id, defaults)
        self.assertTrue(company.crm_rfm_last_refresh)

    def test_cron_refreshes_every_company(self):
        # the cron commits after each company
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", return_value=1.0
        ) as commit:
            self.env["crm.customer.value"]._cron_crm_refresh()
        self.assertEqual(commit.call_count, self.env["res.company"].search_count([]))
        company = self.env.ref("base.main_company")
        values = self.env["crm.customer.value"].search(
            [("company_id", "=", company.id)]
        )
        self.assertEqual(values.segment_id, self.env["crm.rfm.segment"].search([]))
