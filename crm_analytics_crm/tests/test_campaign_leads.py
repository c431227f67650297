from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.crm_analytics.tests.test_repurchase import make_order


@tagged("post_install", "-at_install")
class TestCampaignLeads(TransactionCase):
    """Campaign "Leads Spring": three leads (one won, one lost, one still
    open) and an order; campaign "Leads Fair": one lead, won. A lead of
    another company is not counted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.other = cls.env["res.company"].create({"name": "Leads B"})
        Campaign = cls.env["utm.campaign"]
        cls.spring = Campaign.create({"name": "Leads Spring"})
        cls.fair = Campaign.create({"name": "Leads Fair"})
        cls.customer = cls.env["res.partner"].create(
            {"name": "Leads customer", "is_company": True}
        )
        Lead = cls.env["crm.lead"]

        def lead(name, campaign, company=None):
            return Lead.create(
                {
                    "name": name,
                    "type": "opportunity",
                    "campaign_id": campaign.id,
                    "partner_id": cls.customer.id,
                    "company_id": (company or cls.company).id,
                }
            )

        cls.won = lead("Won", cls.spring)
        cls.won.action_set_won()
        cls.lost = lead("Lost", cls.spring)
        cls.lost.action_set_lost()
        cls.open = lead("Open", cls.spring)
        lead("Fair lead", cls.fair).action_set_won()
        lead("Other company", cls.spring, cls.other)
        product = cls.env["product.product"].create({"name": "Leads product"})
        order = make_order(
            cls.env, cls.customer, date(2025, 4, 10), [(product, 1)], cls.company
        )
        order.order_line.price_unit = 700
        order.campaign_id = cls.spring

    def _groups(self, aggregates, env=None):
        Effect = (env or self.env)["crm.campaign.effect"]
        return {
            campaign: figures
            for campaign, *figures in Effect._read_group(
                [
                    ("company_id", "=", self.company.id),
                    ("campaign_id", "in", (self.spring | self.fair).ids),
                ],
                ["campaign_id"],
                aggregates,
            )
        }

    def test_leads_won_and_conversion_per_campaign(self):
        rows = self._groups(
            [
                "lead_count:sum",
                "won_lead_count:sum",
                "lead_conversion:sum",
                "revenue:sum",
                "order_count:sum",
            ]
        )
        # Spring: the lost lead counts (it was brought), 1 of 3 won; the
        # order's revenue beside; Fair: 1 of 1
        self.assertEqual(rows[self.spring], [3, 1, 33.3, 700, 1])
        self.assertEqual(rows[self.fair], [1, 1, 100.0, 0, 0])

    def test_the_leads_of_the_rows_open_lost_ones_too(self):
        rows = self.env["crm.campaign.effect"].search(
            [("campaign_id", "=", self.spring.id), ("company_id", "=", self.company.id)]
        )
        self.assertEqual(sorted(rows.mapped("kind")), ["lead", "lead", "lead", "order"])
        action = rows.action_crm_open_leads()
        leads = (
            self.env["crm.lead"]
            .with_context(**action["context"])
            .search(action["domain"])
        )
        self.assertEqual(leads, self.won | self.lost | self.open)

    def test_a_salesperson_sees_the_leads_figures(self):
        user = self.env["res.users"].create(
            {
                "name": "Leads salesperson",
                "login": "leads_sales",
                "group_ids": [
                    Command.set([self.env.ref("sales_team.group_sale_salesman").id])
                ],
            }
        )
        rows = self._groups(["lead_count:sum"], env=self.env(user=user))
        self.assertEqual(rows[self.spring], [3])

    def test_the_pivot_offers_the_leads(self):
        arch = self.env["crm.campaign.effect"].get_views([(False, "pivot")])["views"][
            "pivot"
        ]["arch"]
        for measure in ("lead_count", "won_lead_count", "lead_conversion"):
            self.assertIn(f'name="{measure}"', arch)
