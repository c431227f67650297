import base64

from odoo.exceptions import UserError, ValidationError

from .common import ConsentCase


class TestConsentRegister(ConsentCase):
    def test_each_channel_and_purpose(self):
        """A consent is per channel and purpose: one never implies another."""
        pairs = [
            (channel, purpose)
            for purpose in (
                self.marketing,
                self.newsletter,
                self.partners_offers,
                self.survey,
            )
            for channel in (self.email, self.phone, self.sms, self.letter)
            if purpose._crm_allows_channel(channel)
        ]
        self.assertIn((self.email, self.newsletter), pairs)
        self.assertNotIn((self.phone, self.newsletter), pairs)
        for index, (channel, purpose) in enumerate(pairs):
            self.assertEqual(self.state(self.anna, channel, purpose), "none")
            self.give(self.anna, channel, purpose)
            self.assertEqual(self.state(self.anna, channel, purpose), "given")
            # the pairs not given yet are still without consent
            for other_channel, other_purpose in pairs[index + 1 :]:
                self.assertEqual(
                    self.state(self.anna, other_channel, other_purpose), "none"
                )
            self.assertEqual(self.state(self.jan, channel, purpose), "none")
        self.withdraw(self.anna, self.sms, self.marketing)
        self.assertEqual(self.state(self.anna, self.sms, self.marketing), "withdrawn")
        self.assertEqual(self.state(self.anna, self.email, self.marketing), "given")

    def test_channel_not_allowed_for_purpose(self):
        with self.assertRaisesRegex(ValidationError, "Newsletter cannot be agreed to"):
            self.give(self.anna, self.phone, self.newsletter)
        self.assertFalse(self.Consent.search([("partner_id", "=", self.anna.id)]))

    def test_current_state_and_filters(self):
        self.give(self.anna, days_ago=10)
        self.give(self.jan, days_ago=10)
        self.withdraw(self.jan, days_ago=2)
        Partner = self.env["res.partner"]
        allowed = Partner.search([("crm_consent_email_marketing", "=", True)])
        self.assertIn(self.anna, allowed)
        self.assertNotIn(self.jan, allowed)
        not_allowed = Partner.search([("crm_consent_email_marketing", "=", False)])
        self.assertIn(self.jan, not_allowed)
        self.assertNotIn(self.anna, not_allowed)
        self.assertTrue(self.anna.crm_consent_email_marketing)
        self.assertFalse(self.jan.crm_consent_email_marketing)
        status = self.env["crm.consent.status"].search(
            [("partner_id", "in", (self.anna + self.jan).ids)]
        )
        self.assertEqual(
            {(s.partner_id, s.state) for s in status},
            {(self.anna, "given"), (self.jan, "withdrawn")},
        )
        # the pivot: who may be contacted, by purpose and channel
        groups = self.env["crm.consent.status"]._read_group(
            [("partner_id", "in", (self.anna + self.jan).ids)],
            ["purpose_id", "channel_id", "state"],
            ["__count"],
        )
        self.assertIn((self.marketing, self.email, "given", 1), groups)

    def test_who_may_be_contacted_is_one_query(self):
        self.give(self.anna)
        self.give(self.jan)
        self.Consent.flush_model()
        with self.assertQueryCount(1):
            states = self.Consent._crm_consent_states(
                (self.anna + self.jan + self.company).ids, self.email, self.marketing
            )
        self.assertEqual(states, {self.anna.id: "given", self.jan.id: "given"})

    def test_versioned_texts(self):
        text_1 = self.marketing.current_text_id
        agreed_before = text_1.consent_count
        consent = self.give(self.anna)
        self.assertEqual(consent.text_id, text_1)
        # the wording people agreed to cannot change
        with self.assertRaisesRegex(UserError, "Create a new version"):
            text_1.with_user(self.manager).body = "<p>Something else</p>"
        self.assertNotIn("Something else", text_1.body)
        action = text_1.with_user(self.manager).action_new_version()
        text_2 = self.env["crm.consent.text"].browse(action["res_id"])
        self.assertEqual(text_2.version, text_1.version + 1)
        text_2.with_user(self.manager).body = "<p>We may send you offers.</p>"
        self.assertEqual(self.marketing.current_text_id, text_2)
        # the consent given keeps its version; the new one is a new consent
        self.assertEqual(consent.text_id, text_1)
        again = self.give(self.anna)
        self.assertEqual(again.text_id, text_2)
        self.assertEqual(self.state(self.anna), "given")
        text_1.invalidate_recordset(["consent_count"])
        self.assertEqual(text_1.consent_count, agreed_before + 1)

    def test_append_only_for_everyone(self):
        consent = self.give(self.anna)
        for user in (self.salesman, self.manager, self.admin):
            line = consent.with_user(user)
            with self.assertRaises(UserError):
                line.write({"note": "changed"})
            with self.assertRaises(UserError):
                line.write({"state": "withdrawn"})
            with self.assertRaises(UserError):
                line.unlink()
        # not even the superuser changes what was agreed to
        with self.assertRaises(UserError):
            consent.sudo().write({"state": "withdrawn"})
        with self.assertRaises(UserError):
            consent.sudo().unlink()
        self.assertEqual(consent.state, "given")
        self.assertFalse(consent.note)

    def test_user_cannot_forge_system_fields(self):
        consent = (
            self.env["crm.consent"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.anna.id,
                    "channel_id": self.email.id,
                    "purpose_id": self.marketing.id,
                    "text_id": self.marketing.current_text_id.id,
                    "state": "given",
                    "method": "paper",
                    "scan": base64.b64encode(b"%PDF-1.4 scan"),
                    "scan_name": "form.pdf",
                    "user_id": self.admin.id,
                    "ip_address": "203.0.113.9",
                }
            )
        )
        self.assertEqual(consent.user_id, self.salesman)
        self.assertFalse(consent.ip_address)
        self.assertEqual(consent.address, "anna.nowak@alfa.pl")

    def test_bad_input(self):
        base = {
            "partner_id": self.anna.id,
            "channel_id": self.email.id,
            "purpose_id": self.marketing.id,
            "text_id": self.marketing.current_text_id.id,
            "state": "given",
            "method": "phone",
        }
        cases = [
            ({"text_id": False}, "version of the text"),
            ({"channel_id": False}, "needs a channel"),
            ({"purpose_id": False}, "needs a purpose"),
            ({"partner_id": False}, "needs the contact"),
            ({"method": "paper"}, "needs the scan"),
            ({"text_id": self.newsletter.current_text_id.id}, "is not a text of"),
            ({"date": "2099-01-01 00:00:00"}, "in the future"),
            ({"state": "withdrawn"}, "no consent to withdraw"),
        ]
        for vals, message in cases:
            with (
                self.subTest(message=message),
                self.assertRaisesRegex(ValidationError, message),
            ):
                self.Consent.with_user(self.salesman).create([{**base, **vals}])
        self.assertFalse(self.Consent.search([("partner_id", "=", self.anna.id)]))

    def test_withdrawal_before_consent_date(self):
        consent = self.give(self.anna, days_ago=5)
        with self.assertRaisesRegex(ValidationError, "cannot be before the consent"):
            self.withdraw(self.anna, days_ago=6)
        self.assertEqual(
            self.Consent.search([("partner_id", "=", self.anna.id)]), consent
        )
        self.assertEqual(self.state(self.anna), "given")

    def test_duplicate_consent_same_version(self):
        self.give(self.anna, days_ago=3)
        with self.assertRaisesRegex(ValidationError, "already given"):
            self.give(self.anna)
        self.assertEqual(
            self.Consent.search_count([("partner_id", "=", self.anna.id)]), 1
        )
        # after a withdrawal, the same version may be given again
        self.withdraw(self.anna, days_ago=1)
        self.give(self.anna)
        self.assertEqual(self.state(self.anna), "given")

    def test_erasure_keeps_anonymised_proof(self):
        person = self.env["res.partner"].create(
            {"name": "Ewa Zapomniana", "email": "ewa@example.com"}
        )
        given = self.give(
            person,
            method="paper",
            scan=base64.b64encode(b"%PDF-1.4 signed form"),
            scan_name="ewa.pdf",
            note="Signed at the fair",
        )
        self.withdraw(person)
        lines = self.Consent.search([("partner_id", "=", person.id)])
        self.assertEqual(len(lines), 2)
        person.unlink()
        lines.invalidate_recordset()
        for line in lines:
            self.assertFalse(line.partner_id)
            self.assertTrue(line.anonymised)
            self.assertFalse(line.address)
            self.assertFalse(line.note)
            self.assertTrue(line.erased_date)
            self.assertIn("kept anonymised", line.erasure_note)
            # the proof: what, when, how, which text, who recorded it
            self.assertTrue(line.channel_id and line.purpose_id and line.date)
            self.assertEqual(line.user_id, self.env.user)
        self.assertFalse(given.scan)
        self.assertEqual(given.text_id, self.marketing.current_text_id)
        self.assertEqual(set(lines.mapped("state")), {"given", "withdrawn"})

    def test_caller_card_shows_phone_marketing_consent(self):
        self.give(self.anna, self.phone)
        cards = (self.anna + self.jan)._crm_caller_cards(self.env.company)
        consent = {card["id"]: card["phone_marketing_consent"] for card in cards}
        self.assertEqual(consent, {self.anna.id: "given", self.jan.id: "none"})
