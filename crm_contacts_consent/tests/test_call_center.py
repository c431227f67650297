from odoo.exceptions import UserError

from .common import ConsentCase


class TestConsentCallCenter(ConsentCase):
    def _wizard(self, partner, channel):
        return (
            self.env["crm.consent.contact.wizard"]
            .with_user(self.salesman)
            .create({"partner_id": partner.id, "channel_id": channel.id})
        )

    def test_marketing_call_with_consent(self):
        self.give(self.anna, self.phone)
        action = self.anna.with_user(self.salesman).action_crm_marketing_call()
        self.assertEqual(action["res_model"], "crm.consent.contact.wizard")
        wizard = self._wizard(self.anna, self.phone)
        self.assertEqual(wizard.consent_state, "given")
        result = wizard.action_contact()
        self.assertEqual(result["url"], "tel:+48601234567")
        log = self.env["crm.consent.contact.log"].search(
            [("partner_id", "=", self.anna.id)]
        )
        self.assertEqual(log.consent_state, "given")
        self.assertFalse(log.without_consent)

    def test_marketing_sms_without_consent_asks_and_logs(self):
        self.give(self.jan, self.sms, days_ago=3)
        self.withdraw(self.jan, self.sms, days_ago=1)
        wizard = self._wizard(self.jan, self.sms)
        self.assertEqual(wizard.consent_state, "withdrawn")
        with self.assertRaisesRegex(UserError, "has no consent"):
            wizard.action_contact()
        Log = self.env["crm.consent.contact.log"]
        self.assertFalse(Log.search([("partner_id", "=", self.jan.id)]))
        wizard.write({"confirm": True, "reason": "He asked us to call back today."})
        result = wizard.action_contact()
        self.assertEqual(result["url"], "sms:+48602111222")
        log = Log.search([("partner_id", "=", self.jan.id)])
        self.assertTrue(log.without_consent)
        self.assertEqual(log.consent_state, "withdrawn")
        self.assertEqual(log.user_id, self.salesman)
        self.assertIn("without consent", self.jan.message_ids[0].body)
        with self.assertRaises(UserError):
            log.with_user(self.admin).unlink()

    def test_call_board_shows_consent(self):
        pbx = self.env["crm.pbx"].create({"name": "Test PBX"})
        self.anna.phone = "+48 601 234 567"
        call = self.env["crm.call"]._pbx_event(
            pbx,
            {
                "call_id": "c-1",
                "event": "ringing",
                "timestamp": self.now,
                "direction": "inbound",
                "caller": "+48601234567",
                "called": "226214500",
            },
        )
        self.assertEqual(call.partner_id, self.anna)
        self.assertEqual(call.crm_consent_phone_marketing, "none")
        self.give(self.anna, self.phone)
        call.invalidate_recordset()
        self.assertEqual(call.crm_consent_phone_marketing, "given")
