from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import TransactionCase, new_test_user


class TestMailingConsent(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.email = ref("crm_contacts_consent.channel_email")
        cls.marketing = ref("crm_contacts_consent.purpose_marketing")
        cls.newsletter = ref("crm_contacts_consent.purpose_newsletter")
        cls.marketing.validity_months = 1
        cls.marketer = new_test_user(
            cls.env,
            "consent_marketer",
            groups="base.group_user,mass_mailing.group_mass_mailing_user",
            lang="en_US",
        )
        Partner = cls.env["res.partner"]
        cls.agreed = Partner.create({"name": "Agreed", "email": "agreed@example.com"})
        cls.never = Partner.create({"name": "Never", "email": "never@example.com"})
        cls.withdrew = Partner.create(
            {"name": "Withdrew", "email": "withdrew@example.com"}
        )
        cls.expired = Partner.create(
            {"name": "Expired", "email": "expired@example.com"}
        )
        cls.pending = Partner.create(
            {"name": "Pending", "email": "pending@example.com"}
        )
        now = fields.Datetime.now()
        cls.consent(cls.agreed, now - timedelta(days=2))
        cls.consent(cls.withdrew, now - timedelta(days=5))
        cls.consent(cls.withdrew, now - timedelta(days=1), state="withdrawn")
        cls.consent(cls.expired, now - timedelta(days=40))
        cls.consent(cls.pending, now - timedelta(days=1), state="pending")
        cls.everyone = cls.agreed + cls.never + cls.withdrew + cls.expired + cls.pending

    @classmethod
    def consent(cls, partner, date, state="given", purpose=None):
        purpose = purpose or cls.marketing
        return cls.env["crm.consent"].create(
            {
                "partner_id": partner.id,
                "channel_id": cls.email.id,
                "purpose_id": purpose.id,
                "text_id": purpose.current_text_id.id,
                "state": state,
                "method": "email",
                "date": date,
            }
        )

    def _mailing(self, partners, **vals):
        return (
            self.env["mailing.mailing"]
            .with_user(self.marketer)
            .create(
                {
                    "subject": "Spring offer",
                    "body_html": "<p>New products</p>",
                    "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "mailing_domain": repr([("id", "in", partners.ids)]),
                    **vals,
                }
            )
        )

    def _traces(self, mailing):
        return {
            trace.res_id: (trace.trace_status, trace.failure_type)
            for trace in self.env["mailing.trace"].search(
                [("mass_mailing_id", "=", mailing.id)]
            )
        }

    def test_mailing_skips_recipients_without_consent(self):
        mailing = self._mailing(self.everyone)
        self.assertEqual(mailing.crm_consent_purpose_id, self.marketing)
        mailing.action_send_mail()
        traces = self._traces(mailing)
        self.assertEqual(traces[self.agreed.id][0], "outgoing")
        self.assertEqual(traces[self.never.id], ("cancel", "crm_consent_missing"))
        self.assertEqual(traces[self.withdrew.id], ("cancel", "crm_consent_withdrawn"))
        self.assertEqual(traces[self.expired.id], ("cancel", "crm_consent_expired"))
        # awaiting the e-mail confirmation is no consent yet
        self.assertEqual(traces[self.pending.id], ("cancel", "crm_consent_missing"))
        mailing.invalidate_recordset()
        self.assertEqual(mailing.crm_consent_skipped, 4)
        self.assertEqual(mailing.crm_consent_missing, 2)
        self.assertEqual(mailing.crm_consent_withdrawn, 1)
        self.assertEqual(mailing.crm_consent_expired, 1)
        action = mailing.action_view_traces_crm_consent()
        self.assertEqual(len(self.env["mailing.trace"].search(action["domain"])), 4)
        # only the consenting recipient gets a mail
        mails = self.env["mail.mail"].sudo().search([("mailing_id", "=", mailing.id)])
        self.assertEqual(len(mails), 1)
        self.assertEqual(mails.recipient_ids, self.agreed)

    def test_each_purpose_needs_its_own_consent(self):
        mailing = self._mailing(self.agreed, crm_consent_purpose_id=self.newsletter.id)
        mailing.action_send_mail()
        self.assertEqual(
            self._traces(mailing)[self.agreed.id], ("cancel", "crm_consent_missing")
        )

    def test_no_purpose_no_check(self):
        mailing = self._mailing(self.everyone, crm_consent_purpose_id=False)
        mailing.action_send_mail()
        statuses = {status for status, _failure in self._traces(mailing).values()}
        self.assertEqual(statuses, {"outgoing"})

    def test_mailing_list_by_address(self):
        mailing_list = self.env["mailing.list"].create(
            {
                "name": "Spring",
                "contact_ids": [
                    fields.Command.create({"name": "A", "email": "AGREED@example.com"}),
                    fields.Command.create({"name": "N", "email": "never@example.com"}),
                    fields.Command.create({"name": "X", "email": "nobody@example.com"}),
                ],
            }
        )
        mailing = self._mailing(
            self.agreed,
            mailing_model_id=self.env["ir.model"]._get_id("mailing.list"),
            contact_list_ids=[fields.Command.link(mailing_list.id)],
            mailing_domain="[]",
        )
        mailing.action_send_mail()
        contacts = {c.email_normalized: c.id for c in mailing_list.contact_ids}
        traces = self._traces(mailing)
        self.assertEqual(traces[contacts["agreed@example.com"]][0], "outgoing")
        self.assertEqual(
            traces[contacts["never@example.com"]], ("cancel", "crm_consent_missing")
        )
        self.assertEqual(
            traces[contacts["nobody@example.com"]], ("cancel", "crm_consent_missing")
        )

    def test_withdrawal_between_two_batches_stops_the_rest(self):
        Partner = self.env["res.partner"]
        people = Partner.create(
            [{"name": f"Batch {i}", "email": f"batch{i}@example.com"} for i in range(4)]
        )
        for person in people:
            self.consent(person, fields.Datetime.now() - timedelta(days=1))
        self.env["ir.config_parameter"].sudo().set_param("mail.batch_size", 2)
        Composer = type(self.env["mail.compose.message"])
        original = Composer._prepare_mail_values
        batches = []

        def prepare(composer, res_ids):
            batches.append(list(res_ids))
            if len(batches) == 2:
                # everyone withdraws while the first batch is being sent
                for person in people:
                    self.consent(person, fields.Datetime.now(), state="withdrawn")
            return original(composer, res_ids)

        mailing = self._mailing(people)
        with patch.object(Composer, "_prepare_mail_values", prepare):
            mailing.action_send_mail()
        self.assertEqual(len(batches), 2)
        traces = self._traces(mailing)
        for res_id in batches[0]:
            self.assertEqual(traces[res_id][0], "outgoing")
        for res_id in batches[1]:
            self.assertEqual(traces[res_id], ("cancel", "crm_consent_withdrawn"))
        mailing.invalidate_recordset()
        self.assertEqual(mailing.crm_consent_withdrawn, 2)
