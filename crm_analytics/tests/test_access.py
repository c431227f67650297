from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AgingCommon


@tagged("post_install", "-at_install")
class TestAgingAccess(AgingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._invoice(cls.customer, "2025-06-01", 100.0, due="2025-06-01")
        cls.salesman = new_test_user(
            cls.env, "crm_an_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.billing = new_test_user(
            cls.env, "crm_an_billing", groups="account.group_account_invoice"
        )
        cls.auditor = new_test_user(
            cls.env, "crm_an_auditor", groups="account.group_account_readonly"
        )
        cls.menu = cls.env.ref("crm_analytics.menu_crm_receivable_aging")

    def _visible_menu(self, user):
        return (
            self.menu.id in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        )

    def test_salesperson_sees_no_receivables(self):
        aging = self._aging().with_user(self.salesman)
        with self.assertRaises(AccessError):
            aging.search([])
        with self.assertRaises(AccessError):
            aging.action_export_xlsx()
        customer = self.customer.with_user(self.salesman)
        with self.assertRaises(AccessError):
            customer.read(["crm_receivable_total"])
        self.assertFalse(self._visible_menu(self.salesman))

    def test_accountants_read_the_report(self):
        for user in (self.billing, self.auditor):
            rows = (
                self._aging()
                .with_user(user)
                .search([("partner_id", "=", self.customer.id)])
            )
            self.assertEqual(rows.mapped("amount_residual"), [100.0], user.login)
            self.assertEqual(
                self.customer.with_user(user).crm_receivable_overdue, 100.0
            )
            self.assertTrue(self._visible_menu(user), user.login)

    def test_report_is_read_only(self):
        rows = self._aging().with_user(self.billing).search([])
        with self.assertRaises(AccessError):
            rows.write({"amount_residual": 0.0})
