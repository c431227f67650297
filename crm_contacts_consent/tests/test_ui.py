from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestConsentUi(HttpCase):
    def test_portal_consent_seen_on_the_card(self):
        portal = new_test_user(
            self.env,
            "consent_tour_portal",
            groups="base.group_portal",
            lang="en_US",
            email="tour.portal@example.com",
        )
        new_test_user(
            self.env,
            "consent_tour_sales",
            groups="base.group_user,base.group_partner_manager",
            lang="en_US",
        )
        partner = portal.partner_id
        self.start_tour(
            "/my", "crm_contacts_consent_portal_tour", login="consent_tour_portal"
        )
        self.assertTrue(partner.crm_consent_email_marketing)
        line = self.env["crm.consent"].search([("partner_id", "=", partner.id)])
        self.assertEqual(line.method, "portal")
        self.start_tour(
            f"/odoo/contacts/{partner.id}",
            "crm_contacts_consent_card_tour",
            login="consent_tour_sales",
        )
