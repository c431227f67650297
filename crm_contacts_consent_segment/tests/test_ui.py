from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestConsentSegmentUi(HttpCase):
    def test_portal_consent_card_and_segment_mailing(self):
        """A contact gives consent in the portal → the salesperson sees it on
        the card → a mailing to a segment skips those without it."""
        portal = new_test_user(
            self.env,
            "consent_flow_portal",
            groups="base.group_portal",
            lang="en_US",
            email="flow.portal@example.com",
        )
        marketer = new_test_user(
            self.env,
            "consent_flow_sales",
            groups="base.group_user,base.group_partner_manager,"
            "sales_team.group_sale_salesman,mass_mailing.group_mass_mailing_user",
            lang="en_US",
        )
        other = self.env["res.partner"].create(
            {"name": "Bez Zgody", "email": "bez.zgody@example.com"}
        )
        self.start_tour("/my", "crm_contacts_consent_portal_tour", login=portal.login)
        self.start_tour(
            f"/odoo/contacts/{portal.partner_id.id}",
            "crm_contacts_consent_card_tour",
            login=marketer.login,
        )
        mailing_list = self.env["mailing.list"].create({"name": "Segment"})
        wizard = (
            self.env["crm.customer.segment.apply"]
            .with_user(marketer)
            .create(
                {
                    "partner_ids": [
                        fields.Command.set((portal.partner_id + other).ids)
                    ],
                    "action_type": "mailing_list",
                    "mailing_list_id": mailing_list.id,
                }
            )
        )
        self.assertEqual(wizard.crm_consent_blocked_count, 1)
        wizard.action_apply()
        mailing = (
            self.env["mailing.mailing"]
            .with_user(marketer)
            .create(
                {
                    "subject": "Offer",
                    "body_html": "<p>Offer</p>",
                    "mailing_model_id": self.env["ir.model"]._get_id("mailing.list"),
                    "contact_list_ids": [fields.Command.link(mailing_list.id)],
                }
            )
        )
        mailing.action_send_mail()
        traces = {
            trace.email: (trace.trace_status, trace.failure_type)
            for trace in mailing.mailing_trace_ids
        }
        self.assertEqual(traces["flow.portal@example.com"][0], "outgoing")
        self.assertEqual(
            traces["bez.zgody@example.com"], ("cancel", "crm_consent_missing")
        )
        self.assertEqual(mailing.crm_consent_skipped, 1)
