from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import ConsentCase


class TestConsentAccess(ConsentCase):
    def test_salesperson_records_and_reads(self):
        consent = self.give(self.anna).with_user(self.salesman)
        self.assertTrue(consent.read(["state", "address"]))
        wizard = (
            self.env["crm.consent.record.wizard"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.jan.id,
                    "channel_id": self.phone.id,
                    "action": "given",
                    "method": "phone",
                }
            )
        )
        self.assertEqual(wizard.text_id, self.marketing.current_text_id)
        wizard.action_record()
        line = self.Consent.search([("partner_id", "=", self.jan.id)])
        self.assertEqual(line.user_id, self.salesman)
        self.assertEqual(line.address, "+48 602 111 222")
        # a salesperson does not configure purposes or texts
        with self.assertRaises(AccessError):
            self.marketing.with_user(self.salesman).validity_months = 6
        with self.assertRaises(AccessError):
            self.env["crm.consent.text"].with_user(self.salesman).create(
                {"purpose_id": self.marketing.id, "body": "<p>x</p>"}
            )
        with self.assertRaises(AccessError):
            self.env["crm.consent.contact.log"].with_user(self.salesman).search([])

    def test_manager_configures(self):
        purpose = (
            self.env["crm.consent.purpose"]
            .with_user(self.manager)
            .create({"name": "Events", "code": "events", "validity_months": 12})
        )
        text = (
            self.env["crm.consent.text"]
            .with_user(self.manager)
            .create({"purpose_id": purpose.id, "body": "<p>Invitations</p>"})
        )
        self.assertEqual(text.version, 1)
        self.assertEqual(purpose.current_text_id, text)

    def test_portal_user_reads_nothing(self):
        portal = new_test_user(self.env, "consent_portal", groups="base.group_portal")
        self.give(self.anna)
        for model in ("crm.consent", "crm.consent.status", "crm.consent.text"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(portal).search([])
        with self.assertRaises(AccessError):
            self.env["crm.consent"].with_user(portal).create(
                {
                    "partner_id": portal.partner_id.id,
                    "channel_id": self.email.id,
                    "purpose_id": self.marketing.id,
                    "text_id": self.marketing.current_text_id.id,
                    "state": "given",
                    "method": "portal",
                }
            )

    def test_request_confirmation_by_email(self):
        wizard = (
            self.env["crm.consent.record.wizard"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.jan.id,
                    "channel_id": self.email.id,
                    "action": "request",
                }
            )
        )
        wizard.action_record()
        pending = self.Consent.search([("partner_id", "=", self.jan.id)])
        self.assertEqual(pending.state, "pending")
        self.assertEqual(self.state(self.jan), "pending")
        self.assertFalse(self.jan.crm_consent_email_marketing)
        mail = self.env["mail.mail"].search(
            [("subject", "=", "Please confirm your consent")], order="id desc", limit=1
        )
        self.assertIn("/consent/", mail.body_html)
