from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.sql_db import db_connect
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
        overview = self.env["crm.customer.overview"].create({"company_id": company.id})
        self.assertTrue(overview.last_refresh)
        self.assertTrue(values[0].refresh_date)

    def test_cron_refreshes_every_company(self):
        # the cron commits after each company
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", return_value=1.0
        ) as commit:
            # as the cron worker runs it (with its progress record)
            self.env["crm.customer.value"].with_context(
                ir_cron_progress_id=1
            )._cron_crm_refresh()
        self.assertEqual(commit.call_count, self.env["res.company"].search_count([]))
        company = self.env.ref("base.main_company")
        values = self.env["crm.customer.value"].search(
            [("company_id", "=", company.id)]
        )
        self.assertEqual(values.segment_id, self.env["crm.rfm.segment"].search([]))

    def test_one_refresh_at_a_time(self):
        company = self.env.ref("base.main_company")
        with db_connect(self.env.cr.dbname).cursor() as other:
            other.execute(
                "SELECT id FROM crm_analysis_refresh "
                "WHERE company_id = %s AND analysis = 'customers' FOR UPDATE",
                [company.id],
            )
            with self.assertRaises(UserError):
                self.env["crm.customer.value"]._crm_refresh(company)
            other.rollback()
        # free again: an incremental refresh runs
        self.assertFalse(self.env["crm.customer.value"]._crm_refresh(company)["full"])
