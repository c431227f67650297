from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CollectionCommon
from .test_interest import interest


@tagged("post_install", "-at_install")
class TestPaymentDemand(CollectionCommon):
    def test_demand_lines_totals_language(self):
        self.business.write({"country_id": self.env.ref("base.pl").id, "email": False})
        foreign = self.env["res.partner"].create(
            {
                "name": "Wiener Papier GmbH",
                "is_company": True,
                "vat": "ATU13585627",
                "country_id": self.env.ref("base.at").id,
                "email": "buchhaltung@wiener-papier.example.com",
            }
        )
        inv = self._invoice(self.business, "2024-04-01", 5000.01, due="2024-04-15")
        self._invoice(self.business, "2024-06-01", 700, due="2024-06-30")
        self._invoice(foreign, "2024-04-01", 1000, due="2024-04-15")
        demands = self.env["crm.payment.demand"]._crm_issue(
            self.business | foreign, self.AS_OF
        )
        self.assertEqual(len(demands), 2)
        polish = demands.filtered(lambda demand: demand.partner_id == self.business)
        self.assertEqual(polish.lang, "pl_PL")
        self.assertEqual((demands - polish).lang, "en_US")
        # no e-mail: queued for print
        self.assertEqual(polish.state, "print")
        self.assertEqual((demands - polish).state, "draft")
        self.assertEqual(polish.line_ids.move_id, inv)
        self.assertEqual(polish.line_ids.days_overdue, 55)
        owed_interest = interest(5000.01, (55, 15.75))
        self.assertEqual(polish.amount_interest, owed_interest)
        self.assertEqual(polish.amount_compensation, 280.0)
        self.assertAlmostEqual(polish.amount_total, 5000.01 + owed_interest + 280.0)
        self.assertEqual(polish.date_deadline.isoformat(), "2024-06-16")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "crm_analytics_collection.action_report_payment_demand", polish.ids
            )[0]
            .decode()
        )
        self.assertIn(polish.name, html)
        self.assertIn(inv.name, html)
        pdf = self.env["ir.actions.report"]._render_qweb_pdf(
            "crm_analytics_collection.action_report_payment_demand", polish.ids
        )[0]
        self.assertTrue(pdf)

    def test_nothing_overdue_no_demand(self):
        self._invoice(self.business, "2024-06-01", 700, due="2024-06-30")
        self.assertFalse(
            self.env["crm.payment.demand"]._crm_issue(self.business, self.AS_OF)
        )
        # from the wizard: said so, with the date as the reader writes it
        wizard = (
            self.env["crm.payment.demand.wizard"]
            .with_context(lang="pl_PL")
            .create({"partner_ids": [(6, 0, self.business.ids)], "date": self.AS_OF})
        )
        with self.assertRaisesRegex(UserError, r"09\.06\.2024"):
            wizard.action_issue()
