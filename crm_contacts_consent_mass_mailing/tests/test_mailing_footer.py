import re
from datetime import timedelta

from odoo import fields
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.mail.tests.common import MockEmail


@tagged("post_install", "-at_install")
class TestMailingConsentFooter(HttpCase, MockEmail):
    """Every mail of a marketing mailing links to the recipient's consents;
    the recipient withdraws from there, without an account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.email = cls.env.ref("crm_contacts_consent.channel_email")
        cls.marketing = cls.env.ref("crm_contacts_consent.purpose_marketing")
        cls.marketer = new_test_user(
            cls.env,
            "consent_footer_marketer",
            groups="base.group_user,mass_mailing.group_mass_mailing_user",
            lang="en_US",
        )
        Partner = cls.env["res.partner"]
        cls.anna = Partner.create(
            {"name": "Anna Stopka", "email": "anna.stopka@example.com", "lang": "en_US"}
        )
        # a second contact with Anna's address who never agreed
        cls.namesake = Partner.create(
            {"name": "Anna (old record)", "email": "anna.stopka@example.com"}
        )
        cls.env["crm.consent"].create(
            {
                "partner_id": cls.anna.id,
                "channel_id": cls.email.id,
                "purpose_id": cls.marketing.id,
                "text_id": cls.marketing.current_text_id.id,
                "state": "given",
                "method": "email",
                "date": fields.Datetime.now() - timedelta(days=3),
            }
        )

    def _send(self, **vals):
        mailing = (
            self.env["mailing.mailing"]
            .with_user(self.marketer)
            .create(
                {
                    "subject": "Spring offer",
                    "body_html": "<p>New products</p>",
                    "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "mailing_domain": repr([("id", "=", self.anna.id)]),
                    **vals,
                }
            )
        )
        mailing.action_send_mail()
        with self.mock_mail_gateway():
            self.env["mail.mail"].sudo().search(
                [("mailing_id", "=", mailing.id)]
            ).send()
        self.assertEqual(len(self._mails), 1)
        return self._mails[0]

    def _link(self, sent):
        found = re.findall(r'href="([^"]*/consent/[^"]+)"', sent["body"])
        self.assertEqual(len(found), 1, sent["body"])
        return found[0]

    def test_footer_link_withdraws_without_account(self):
        sent = self._send()
        self.assertIn("Manage or withdraw your consents", sent["body"])
        self.assertIn(self.marketing.name, sent["body"])
        self.assertIn("Manage or withdraw your consents", sent["body_alternative"])
        link = self._link(sent)
        self.authenticate(None, None)
        page = self.url_open(link)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Anna Stopka", page.text)
        self.url_open(
            f"{link}/update",
            data={
                "csrf_token": Request.csrf_token(self),
                "channel_id": self.email.id,
                "purpose_id": self.marketing.id,
                "consent_action": "withdraw",
            },
        )
        self.anna.invalidate_recordset()
        self.assertFalse(self.anna.crm_consent_email_marketing)
        latest = self.env["crm.consent"].search(
            [("partner_id", "=", self.anna.id)], limit=1
        )
        self.assertEqual((latest.state, latest.method), ("withdrawn", "web"))
        # the next mailing skips her
        self.env["mailing.mailing"].with_user(self.marketer).create(
            {
                "subject": "Summer offer",
                "body_html": "<p>More products</p>",
                "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "mailing_domain": repr([("id", "=", self.anna.id)]),
            }
        ).action_send_mail()
        self.assertFalse(
            self.env["mail.mail"]
            .sudo()
            .search([("subject", "=", "Summer offer"), ("state", "!=", "cancel")])
        )

    def test_mailing_list_links_the_contact_who_agreed(self):
        mailing_list = self.env["mailing.list"].create(
            {
                "name": "Spring",
                "contact_ids": [
                    fields.Command.create(
                        {"name": "Anna", "email": "Anna.Stopka@example.com"}
                    )
                ],
            }
        )
        sent = self._send(
            mailing_model_id=self.env["ir.model"]._get_id("mailing.list"),
            contact_list_ids=[fields.Command.link(mailing_list.id)],
            mailing_domain="[]",
        )
        self.authenticate(None, None)
        page = self.url_open(self._link(sent))
        self.assertIn("Anna Stopka", page.text)
        self.assertNotIn("old record", page.text)

    def test_no_purpose_no_footer(self):
        sent = self._send(crm_consent_purpose_id=False)
        self.assertNotIn("/consent/", sent["body"])
