from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .test_repurchase import make_order


@tagged("post_install", "-at_install")
class TestRepurchaseUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.salesman = new_test_user(
            cls.env,
            "crm_repurchase_tour",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
            lang="en_US",
        )
        cls.manager = new_test_user(
            cls.env,
            "crm_campaign_tour",
            groups="sales_team.group_sale_manager",
            company_id=cls.company.id,
            lang="en_US",
        )
        cls.toner = cls.env["product.product"].create({"name": "Tour Toner"})
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Tour Reorder Customer",
                "is_company": True,
                "user_id": cls.salesman.id,
            }
        )
        cls.campaign = cls.env["utm.campaign"].create({"name": "Tour campaign"})
        today = fields.Date.context_today(cls.env["res.partner"])
        # every 20 days, 3 each time, the last 30 days ago: 10 days overdue
        for days_ago in (90, 70, 50, 30):
            order = make_order(
                cls.env,
                cls.customer,
                today - timedelta(days=days_ago),
                [(cls.toner, 3)],
                cls.company,
            )
        order.campaign_id = cls.campaign
        cls.env["crm.campaign.cost"].create(
            {
                "campaign_id": cls.campaign.id,
                "date": today,
                "amount": 100,
                "company_id": cls.company.id,
            }
        )
        cls.env["crm.customer.repurchase"]._crm_refresh(cls.company, full=True)

    def test_due_to_reorder_to_quotation(self):
        self.start_tour(
            "/odoo/action-crm_analytics.action_crm_due_to_reorder",
            "crm_analytics_repurchase_tour",
            login="crm_repurchase_tour",
        )
        quotation = self.env["sale.order"].search(
            [("partner_id", "=", self.customer.id), ("state", "=", "draft")]
        )
        self.assertEqual(quotation.order_line.product_uom_qty, 3)

    def test_campaign_effectiveness(self):
        self.start_tour(
            "/odoo/action-crm_analytics.action_crm_campaign_effect",
            "crm_analytics_campaign_tour",
            login="crm_campaign_tour",
        )
