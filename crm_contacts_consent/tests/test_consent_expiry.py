from datetime import timedelta
from unittest.mock import patch

from odoo import fields

from .common import ConsentCase


class TestConsentExpiry(ConsentCase):
    def test_validity_sets_expiry(self):
        self.marketing.validity_months = 24
        consent = self.give(self.anna)
        self.assertEqual(
            consent.expiry_date.date(),
            (self.now + timedelta(days=0)).date().replace(year=self.now.year + 2)
            if not (self.now.month == 2 and self.now.day == 29)
            else consent.expiry_date.date(),
        )
        self.marketing.validity_months = 0
        self.assertFalse(self.give(self.jan).expiry_date)

    def test_expired_consent_is_not_valid_before_the_cron(self):
        self.marketing.validity_months = 1
        self.give(self.anna, days_ago=40)
        self.assertEqual(self.state(self.anna), "expired")
        self.assertFalse(self.anna.crm_consent_email_marketing)

    def test_cron_expires_and_reminds_once(self):
        self.marketing.validity_months = 1
        old = self.give(self.anna, days_ago=40)
        # expires within the reminder window (30 days by default)
        soon = self.give(self.anna, self.phone, days_ago=20)
        self.give(self.jan, days_ago=1)
        Consent = self.env["crm.consent"]
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", return_value=1.0
        ):
            expired = Consent._cron_consent_expiry(batch_size=1)
        self.assertEqual(expired, 1)
        line = Consent.search(
            [("partner_id", "=", self.anna.id), ("state", "=", "expired")]
        )
        self.assertEqual(len(line), 1)
        self.assertEqual(line.date, old.expiry_date)
        self.assertEqual(line.method, "system")
        self.assertEqual(line.text_id, old.text_id)
        activity_type = self.env.ref(
            "crm_contacts_consent.mail_activity_consent_expiry"
        )
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", self.anna.id),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.salesman)
        self.assertEqual(activities.date_deadline, soon.expiry_date.date())
        # Jan has no account manager: no reminder; re-running adds nothing
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", self.jan.id)]
            )
        )
        count = Consent.search_count([])
        self.assertEqual(Consent._cron_consent_expiry(), 0)
        self.assertEqual(Consent.search_count([]), count)
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [
                    ("res_id", "=", self.anna.id),
                    ("activity_type_id", "=", activity_type.id),
                ]
            ),
            1,
        )
        # confirmed again: valid
        self.give(self.anna)
        self.assertEqual(self.state(self.anna), "given")

    def test_cron_record_exists(self):
        cron = self.env.ref("crm_contacts_consent.ir_cron_crm_consent_expiry")
        self.assertEqual(cron.code.strip(), "model._cron_consent_expiry()")
        self.assertTrue(fields.Datetime.now())
