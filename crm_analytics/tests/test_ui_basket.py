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

    def test_demo_rules(self):
        desk = self.env.ref("crm_analytics.demo_product_standing_desk")
        chair = self.env.ref("crm_analytics.demo_product_ergonomic_chair")
        pair = self.env["crm.basket.pair"].search(
            [
                ("company_id", "=", self.env.ref("base.main_company").id),
                ("product_id", "=", desk.id),
                ("other_product_id", "=", chair.id),
            ]
        )
        # desk in 5 demo orders (4 of the basket demo, 1 of the repurchase
        # demo), with the chair in 3 of them
        self.assertEqual((pair.pair_count, pair.product_count), (3, 5))
        self.assertAlmostEqual(pair.confidence, 60.0)
        self.assertTrue(pair.suggested)
        self.assertGreater(pair.lift, 1)

    def test_product_forms_per_group(self):
        desk = self.env.ref("crm_analytics.demo_product_standing_desk")
        employee = new_test_user(self.env, "crm_basket_employee")
        for model in ("product.template", "product.product"):
            for user, shown in ((self.salesman, True), (employee, False)):
                arch = (
                    self.env[model]
                    .with_user(user)
                    .get_views([(False, "form")])["views"]["form"]["arch"]
                )
                self.assertEqual(
                    "crm_basket_pair_ids" in arch, shown, (model, user.login)
                )
        template = desk.product_tmpl_id.with_user(self.salesman)
        self.assertEqual(template.crm_basket_count, 2)
        action = template.action_open_crm_basket_pairs()
        pairs = (
            self.env["crm.basket.pair"]
            .with_user(self.salesman)
            .search(action["domain"] + [("suggested", "=", True)])
        )
        self.assertEqual(
            set(pairs.other_product_id.mapped("name")),
            {"Ergonomic Chair", "Monitor Arm"},
        )
