from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, new_test_user


class ConsentCase(TransactionCase):
    """Channels, purposes, texts, people and users of the consent tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Consent = cls.env["crm.consent"]
        ref = cls.env.ref
        cls.email = ref("crm_contacts_consent.channel_email")
        cls.phone = ref("crm_contacts_consent.channel_phone")
        cls.sms = ref("crm_contacts_consent.channel_sms")
        cls.letter = ref("crm_contacts_consent.channel_letter")
        cls.marketing = ref("crm_contacts_consent.purpose_marketing")
        cls.newsletter = ref("crm_contacts_consent.purpose_newsletter")
        cls.partners_offers = ref("crm_contacts_consent.purpose_partners")
        cls.survey = ref("crm_contacts_consent.purpose_survey")
        cls.salesman = new_test_user(
            cls.env,
            "consent_salesman",
            groups="base.group_user,base.group_partner_manager",
            lang="en_US",
        )
        cls.manager = new_test_user(
            cls.env,
            "consent_manager",
            groups="base.group_user,crm_contacts_consent.group_crm_consent_manager",
            lang="en_US",
        )
        cls.admin = cls.env.ref("base.user_admin")
        Partner = cls.env["res.partner"]
        cls.company = Partner.create(
            {"name": "Alfa sp. z o.o.", "is_company": True, "email": "biuro@alfa.pl"}
        )
        cls.anna = Partner.create(
            {
                "name": "Anna Nowak",
                "parent_id": cls.company.id,
                "email": "anna.nowak@alfa.pl",
                "phone": "+48 601 234 567",
                "user_id": cls.salesman.id,
            }
        )
        cls.jan = Partner.create(
            {"name": "Jan Kowalski", "email": "jan@beta.pl", "phone": "+48 602 111 222"}
        )
        cls.now = fields.Datetime.now().replace(microsecond=0)

    def give(self, partner, channel=None, purpose=None, days_ago=0, **vals):
        purpose = purpose or self.marketing
        return self.Consent.create(
            {
                "partner_id": partner.id,
                "channel_id": (channel or self.email).id,
                "purpose_id": purpose.id,
                "text_id": purpose.current_text_id.id,
                "state": "given",
                "method": "phone",
                "date": self.now - timedelta(days=days_ago),
                **vals,
            }
        )

    def withdraw(self, partner, channel=None, purpose=None, days_ago=0, **vals):
        return self.Consent.create(
            {
                "partner_id": partner.id,
                "channel_id": (channel or self.email).id,
                "purpose_id": (purpose or self.marketing).id,
                "state": "withdrawn",
                "method": "email",
                "date": self.now - timedelta(days=days_ago),
                **vals,
            }
        )

    def state(self, partner, channel=None, purpose=None):
        return self.Consent._crm_consent_states(
            partner.ids, channel or self.email, purpose or self.marketing
        ).get(partner.id, "none")
