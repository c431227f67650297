from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSegmentToMailingListUi(HttpCase):
    def test_at_risk_segment_to_mailing_list(self):
        new_test_user(
            self.env,
            "crm_mm_tour",
            groups="sales_team.group_sale_manager,mass_mailing.group_mass_mailing_user",
            company_id=self.env.ref("base.main_company").id,
        )
        mailing_list = self.env["mailing.list"].create({"name": "Win back"})
        at_risk = self.env.ref("crm_analytics.rfm_segment_at_risk")
        customers = self.env["crm.customer.value"].search(
            [
                ("segment_id", "=", at_risk.id),
                ("company_id", "=", self.env.ref("base.main_company").id),
            ]
        )
        self.assertTrue(customers, "the demo data has customers at risk")
        for partner in customers.partner_id.filtered(lambda p: not p.email):
            partner.email = f"customer{partner.id}@example.com"
        self.start_tour("/odoo", "crm_analytics_mass_mailing_tour", login="crm_mm_tour")
        subscribed = mailing_list.subscription_ids.contact_id.mapped("email_normalized")
        expected = {p.email_normalized for p in customers.partner_id if p.email}
        self.assertTrue(expected)
        self.assertEqual(set(subscribed), expected)
