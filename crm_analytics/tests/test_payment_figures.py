from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import AgingCommon


@tagged("post_install", "-at_install")
class TestPaymentFigures(AgingCommon):
    """Holding SA <- Subsidiary Sp. z o.o. <- Jan Kowalski (a person)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # paid in 10 days, paid in 30 days, left open
        cls.sub_invoice = cls._invoice(
            cls.subsidiary, "2025-05-01", 100.0, due="2025-05-01"
        )
        cls._pay(cls.sub_invoice, 100.0, "2025-05-11")
        cls.holding_invoice = cls._invoice(
            cls.holding, "2025-05-01", 300.0, due="2025-05-01"
        )
        cls._pay(cls.holding_invoice, 300.0, "2025-05-31")
        cls.person_invoice = cls._invoice(
            cls.person, "2025-06-01", 200.0, due="2025-06-01"
        )

    def _figures(self, partner, **context):
        partner = partner.with_context(tz="UTC", **context)
        partner.invalidate_recordset()
        return {
            "holding": partner.crm_holding_id,
            "total": partner.crm_receivable_total,
            "overdue": partner.crm_receivable_overdue,
            "days": partner.crm_avg_days_to_pay,
            "dso": partner.crm_dso,
            "group_total": partner.crm_holding_receivable_total,
            "group_overdue": partner.crm_holding_receivable_overdue,
            "group_days": partner.crm_holding_avg_days_to_pay,
            "group_dso": partner.crm_holding_dso,
        }

    @freeze_time("2025-06-30")
    def test_last_12_months(self):
        # the subsidiary with its person: 200 open of 300 invoiced in 365 days,
        # paid in 10 days; the group: 200 open of 600, paid in (10 + 30) / 2
        expected = {
            "holding": self.holding,
            "total": 200.0,
            "overdue": 200.0,
            "days": 10.0,
            "dso": round(200 / 300 * 365, 1),
            "group_total": 200.0,
            "group_overdue": 200.0,
            "group_days": 20.0,
            "group_dso": round(200 / 600 * 365, 1),
        }
        self.assertEqual(self._figures(self.subsidiary), expected)
        # the person's card shows her company's figures
        self.assertEqual(self._figures(self.person), expected)
        # the holding itself: nothing open, its invoice paid in 30 days
        self.assertEqual(
            self._figures(self.holding),
            {
                **expected,
                "total": 0.0,
                "overdue": 0.0,
                "days": 30.0,
                "dso": 0.0,
            },
        )
        # a company without a group is its own group
        self.assertEqual(self._figures(self.customer)["holding"], self.customer)

    @freeze_time("2025-06-30")
    def test_chosen_period(self):
        # 21 May - 30 June (40 days): only the holding's payment (31 May) and
        # the person's invoice (1 June) fall in it
        figures = self._figures(
            self.subsidiary, crm_period_from="2025-05-21", crm_period_to="2025-06-30"
        )
        self.assertEqual(figures["days"], 0.0)
        self.assertEqual(figures["dso"], round(200 / 200 * 40, 1))
        self.assertEqual(figures["group_days"], 30.0)
        self.assertEqual(figures["group_dso"], round(200 / 200 * 40, 1))
        # a period ending in the past: open amounts at its end, later payments
        # undone (21 April - 20 May, 29 days: the holding's 300 still open)
        figures = self._figures(
            self.subsidiary, crm_period_from="2025-04-21", crm_period_to="2025-05-20"
        )
        self.assertEqual(figures["days"], 10.0)
        self.assertEqual(figures["dso"], 0.0)
        self.assertEqual(figures["group_days"], 10.0)
        self.assertEqual(figures["group_dso"], 21.8)  # 21.75, one decimal
        # today's amounts do not depend on the period
        self.assertEqual(figures["total"], 200.0)
        self.assertEqual(figures["group_total"], 200.0)

    @freeze_time("2025-06-30")
    def test_wizard(self):
        action = self.person.action_crm_payment_behaviour()
        self.assertEqual(action["res_model"], "crm.payment.behaviour.wizard")
        wizard = (
            self.env[action["res_model"]]
            .with_context(tz="UTC", **action["context"])
            .create({"date_from": "2025-05-21", "date_to": "2025-06-30"})
        )
        self.assertEqual(wizard.partner_id, self.subsidiary)
        self.assertEqual(wizard.holding_id, self.holding)
        self.assertEqual(
            (wizard.avg_days_to_pay, wizard.holding_avg_days_to_pay), (0.0, 30.0)
        )
        # the subsidiary paid nothing in that period: unknown, hidden, not 0
        self.assertEqual(
            (wizard.avg_days_to_pay_known, wizard.holding_avg_days_to_pay_known),
            (False, True),
        )
        arch = wizard.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn(
            'name="avg_days_to_pay" invisible="not avg_days_to_pay_known"', arch
        )
        self.assertAlmostEqual(wizard.dso, 40.0)
        self.assertAlmostEqual(wizard.holding_dso, 40.0)
        wizard.date_from = "2025-04-21"
        wizard.date_to = "2025-05-20"
        self.assertEqual(wizard.avg_days_to_pay, 10.0)
        self.assertTrue(wizard.avg_days_to_pay_known)
        self.assertEqual(wizard.holding_dso, 21.8)  # 21.75, one decimal
        # defaults: the last 12 months
        default = (
            self.env[action["res_model"]].with_context(**action["context"]).create({})
        )
        self.assertEqual(str(default.date_from), "2024-06-30")
        self.assertEqual(str(default.date_to), "2025-06-30")
        self.assertEqual(default.holding_dso, round(200 / 600 * 365, 1))

    def test_bad_period(self):
        Wizard = self.env["crm.payment.behaviour.wizard"]
        with self.assertRaises(ValidationError):
            Wizard.create(
                {
                    "partner_id": self.subsidiary.id,
                    "date_from": "2025-06-30",
                    "date_to": "2025-06-30",
                }
            )
        self.assertFalse(Wizard.search([]))
        partner = self.subsidiary.with_context(
            crm_period_from="2025-07-01", crm_period_to="2025-06-30"
        )
        with self.assertRaises(UserError):
            partner.read(["crm_dso"])

    @freeze_time("2025-06-30")
    def test_days_to_pay_unknown_without_payments(self):
        """A customer who paid nothing has no average days to pay (the card
        shows nothing rather than 0,0)."""
        customer = self.customer.with_context(tz="UTC")
        self._invoice(self.customer, "2025-06-01", 50.0, due="2025-06-01")
        self.assertFalse(customer.crm_avg_days_to_pay_known)
        self.assertFalse(customer.crm_holding_avg_days_to_pay_known)
        self.assertTrue(self.subsidiary.crm_avg_days_to_pay_known)
        arch = self.env["res.partner"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        self.assertIn(
            'name="crm_avg_days_to_pay" invisible="not crm_avg_days_to_pay_known"',
            arch,
        )
