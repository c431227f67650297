from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import TransactionCase, tagged

from .test_repurchase import make_order


@tagged("post_install", "-at_install")
class TestCampaignEffect(TransactionCase):
    """Campaign "Spring" (medium Email): n1's first order ever (1000 / cost
    600: margin 400) and e1's second order (500, margin 200); e1's first order
    had no campaign. Campaign "Fair" (medium Fair): n2's first order (300,
    margin 100). Costs: Spring 200 (April), Fair 400 (May); Email in May: 50.
    Another company's order of campaign Spring is not counted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.other = cls.env["res.company"].create({"name": "Campaign B"})
        cls.env.user.company_ids |= cls.other
        cls.env.user.group_ids |= cls.env.ref("sales_team.group_sale_manager")
        cls.spring = cls.env["utm.campaign"].create({"name": "Spring"})
        cls.fair = cls.env["utm.campaign"].create({"name": "Fair"})
        cls.email = cls.env["utm.medium"].create({"name": "Campaign e-mail"})
        cls.fair_medium = cls.env["utm.medium"].create({"name": "Campaign fair"})
        cls.product = cls.env["product.product"].create({"name": "Campaign product"})
        Partner = cls.env["res.partner"]
        cls.n1, cls.n2, cls.e1 = Partner.create(
            [{"name": name, "is_company": True} for name in ("N1", "N2", "E1")]
        )

        def order(partner, day, amount, cost, campaign=None, medium=None, company=None):
            so = make_order(
                cls.env, partner, day, [(cls.product, 1)], company or cls.company
            )
            so.order_line.write({"price_unit": amount, "purchase_price": cost})
            so.write(
                {
                    "campaign_id": campaign and campaign.id,
                    "medium_id": medium and medium.id,
                }
            )
            return so

        cls.e1_first = order(cls.e1, date(2025, 1, 10), 100, 50)
        cls.n1_order = order(
            cls.n1, date(2025, 4, 10), 1000, 600, cls.spring, cls.email
        )
        order(cls.e1, date(2025, 4, 20), 500, 300, cls.spring, cls.email)
        order(cls.n2, date(2025, 5, 5), 300, 200, cls.fair, cls.fair_medium)
        order(
            cls.n2, date(2025, 3, 1), 999, 0, cls.spring, cls.email, company=cls.other
        )
        Cost = cls.env["crm.campaign.cost"]
        Cost.create(
            [
                {"date": date(2025, 4, 1), "campaign_id": cls.spring.id, "amount": 200},
                {"date": date(2025, 5, 15), "campaign_id": cls.fair.id, "amount": 400},
                {"date": date(2025, 5, 1), "medium_id": cls.email.id, "amount": 50},
            ]
        )

    def _groups(self, groupby, aggregates, env=None):
        Effect = (env or self.env)["crm.campaign.effect"].with_context(
            allowed_company_ids=[self.company.id]
        )
        return {
            row[0]: row[1:]
            for row in Effect._read_group(
                [
                    ("company_id", "=", self.company.id),
                    # this test's orders and costs, not the demo campaigns'
                    "|",
                    ("partner_id", "in", (self.n1 | self.n2 | self.e1).ids),
                    "&",
                    ("kind", "=", "cost"),
                    "|",
                    ("campaign_id", "in", (self.spring | self.fair).ids),
                    ("medium_id", "in", (self.email | self.fair_medium).ids),
                ],
                [groupby],
                aggregates,
            )
        }

    def test_per_campaign(self):
        rows = self._groups(
            "campaign_id",
            [
                "revenue:sum",
                "order_count:sum",
                "new_customer_count:sum",
                "existing_customer_count:sum",
                "cost:sum",
                "cost_per_new_customer:sum",
                "return_on_cost:sum",
            ],
        )
        # Spring: 1500 revenue, 2 orders, 1 new (n1), 1 existing (e1); cost
        # 200: 200 per new customer; margin 600: (600 - 200) / 200 = 200 %
        self.assertEqual(rows[self.spring], (1500, 2, 1, 1, 200, 200, 200.0))
        # Fair: n2's first order here (the other company's does not count)
        self.assertEqual(rows[self.fair], (300, 1, 1, 0, 400, 400, -75.0))

    def test_per_medium_and_month(self):
        rows = self._groups("medium_id", ["cost:sum", "new_customer_count:sum"])
        # the per-medium cost of May and nothing of the campaign costs
        self.assertEqual(rows[self.email], (50, 1))
        months = self._groups("date:month", ["revenue:sum", "new_customer_count:sum"])
        self.assertEqual(
            {day.month: figures for day, figures in months.items()},
            {1: (100, 1), 4: (1500, 1), 5: (300, 1)},
        )

    def test_drill_down(self):
        Effect = self.env["crm.campaign.effect"]
        rows = Effect.search(
            [
                ("company_id", "=", self.company.id),
                ("campaign_id", "=", self.spring.id),
                ("kind", "=", "order"),
            ]
        )
        self.assertEqual(len(rows), 2)
        action = rows.action_crm_open_order()
        self.assertEqual(action["res_model"], "sale.order")
        self.assertEqual(set(action["domain"][0][2]), set(rows.order_id.ids))
        new = Effect.search([("order_id", "=", self.n1_order.id)])
        self.assertTrue(new.new_customer)
        self.assertFalse(
            Effect.search([("order_id", "=", self.e1_first.id)]).campaign_id
        )

    def test_cost_checks(self):
        with self.assertRaisesRegex(ValidationError, "campaign or a medium"):
            self.env["crm.campaign.cost"].create({"amount": 10})
        with self.assertRaisesRegex(ValidationError, "negative"):
            self.env["crm.campaign.cost"].create(
                {"amount": -1, "campaign_id": self.spring.id}
            )

    def test_access(self):
        user = self.env["res.users"].create(
            {
                "name": "Campaign salesperson",
                "login": "campaign_sales",
                "group_ids": [
                    Command.set([self.env.ref("sales_team.group_sale_salesman").id])
                ],
            }
        )
        env = self.env(user=user)
        # revenue and customers for everyone
        rows = self._groups("campaign_id", ["revenue:sum"], env=env)
        self.assertEqual(rows[self.spring], (1500,))
        # margins and costs for managers only
        for measure in ("cost:sum", "margin:sum", "return_on_cost:sum"):
            with self.assertRaises(AccessError):
                self._groups("campaign_id", [measure], env=env)
        with self.assertRaises(AccessError):
            env["crm.campaign.cost"].search([])
