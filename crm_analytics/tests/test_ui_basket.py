from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestBasketUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            "crm_basket_tour",
            groups="sales_team.group_sale_salesman_all_leads",
            company_id=cls.env.ref("base.main_company").id,
        )
        cls.quotation = cls.env.ref("crm_analytics.demo_basket_quotation_desk")

    def test_quotation_suggestion_added_as_line(self):
        chair = self.env.ref("crm_analytics.demo_product_ergonomic_chair")
        self.assertIn(chair, self.quotation.crm_basket_suggestion_ids.other_product_id)
        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{self.quotation.id}",
            "crm_analytics_basket_tour",
            login="crm_basket_tour",
        )
        self.assertIn(chair, self.quotation.order_line.product_id)
