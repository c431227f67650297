from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, new_test_user


class TestSegmentConsent(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.email = cls.env.ref("crm_contacts_consent.channel_email")
        cls.marketing = cls.env.ref("crm_contacts_consent.purpose_marketing")
        cls.marketer = new_test_user(
            cls.env,
            "consent_segment_marketer",
            groups="sales_team.group_sale_salesman,base.group_partner_manager,"
            "mass_mailing.group_mass_mailing_user",
            lang="en_US",
        )
        Partner = cls.env["res.partner"]
        cls.agreed = Partner.create({"name": "Agreed", "email": "agreed@firma.pl"})
        cls.never = Partner.create({"name": "Never", "email": "never@firma.pl"})
        cls.withdrew = Partner.create({"name": "Withdrew", "email": "out@firma.pl"})
        cls.no_mail = Partner.create({"name": "No Mail"})
        Consent = cls.env["crm.consent"]
        base = {
            "channel_id": cls.email.id,
            "purpose_id": cls.marketing.id,
            "text_id": cls.marketing.current_text_id.id,
            "method": "web",
        }
        now = fields.Datetime.now()
        Consent.create({**base, "partner_id": cls.agreed.id, "state": "given"})
        Consent.create(
            {
                **base,
                "partner_id": cls.withdrew.id,
                "state": "given",
                "date": now - timedelta(days=3),
            }
        )
        Consent.create({**base, "partner_id": cls.withdrew.id, "state": "withdrawn"})
        cls.mailing_list = cls.env["mailing.list"].create({"name": "Spring"})

    def test_warning_when_adding_a_segment(self):
        customers = self.agreed + self.never + self.withdrew + self.no_mail
        wizard = (
            self.env["crm.customer.segment.apply"]
            .with_user(self.marketer)
            .create(
                {
                    "partner_ids": [fields.Command.set(customers.ids)],
                    "action_type": "mailing_list",
                    "mailing_list_id": self.mailing_list.id,
                }
            )
        )
        self.assertEqual(wizard.crm_consent_purpose_id, self.marketing)
        self.assertEqual(wizard.crm_consent_blocked_count, 2)
        self.assertIn("2 of the 3 customers", wizard.crm_consent_warning)
        self.assertIn(
            "1 never agreed, 1 withdrew, 0 expired", wizard.crm_consent_warning
        )
        result = wizard.action_apply()
        self.assertEqual(result["params"]["type"], "warning")
        self.assertIn("cannot be mailed", result["params"]["message"])
        # they join the list: the mailings skip them
        self.assertEqual(len(self.mailing_list.contact_ids), 3)

    def test_no_warning_when_everyone_agreed(self):
        wizard = self.env["crm.customer.segment.apply"].create(
            {
                "partner_ids": [fields.Command.set(self.agreed.ids)],
                "action_type": "mailing_list",
                "mailing_list_id": self.mailing_list.id,
            }
        )
        self.assertFalse(wizard.crm_consent_warning)
        self.assertEqual(wizard.action_apply()["params"]["type"], "success")
