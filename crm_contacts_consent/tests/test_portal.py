from datetime import datetime, timedelta

from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.misc import hash_sign


@tagged("post_install", "-at_install")
class TestConsentPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Consent = cls.env["crm.consent"]
        cls.email = cls.env.ref("crm_contacts_consent.channel_email")
        cls.marketing = cls.env.ref("crm_contacts_consent.purpose_marketing")
        cls.ola = new_test_user(
            cls.env,
            "consent_ola",
            groups="base.group_portal",
            lang="en_US",
            email="ola@example.com",
        )
        cls.piotr = new_test_user(
            cls.env,
            "consent_piotr",
            groups="base.group_portal",
            lang="en_US",
            email="piotr@example.com",
        )
        cls.guest = cls.env["res.partner"].create(
            {"name": "Gość Bez Konta", "email": "gosc@example.com"}
        )

    def _lines(self, partner):
        return self.Consent.search([("partner_id", "=", partner.id)])

    def setUp(self):
        super().setUp()
        # a (public) session, for the CSRF token of the forms
        self.authenticate(None, None)

    def _post(self, url, action="give"):
        return self.url_open(
            url,
            data={
                "csrf_token": Request.csrf_token(self),
                "channel_id": self.email.id,
                "purpose_id": self.marketing.id,
                "consent_action": action,
            },
        )

    def test_portal_user_gives_and_withdraws(self):
        self.authenticate("consent_ola", "consent_ola")
        page = self.url_open("/my/consents")
        self.assertEqual(page.status_code, 200)
        self.assertIn("I agree", page.text)
        response = self._post("/my/consents/update")
        self.assertEqual(response.status_code, 200)
        line = self._lines(self.ola.partner_id)
        self.assertEqual(line.state, "given")
        self.assertEqual(line.method, "portal")
        self.assertEqual(line.user_id, self.ola)
        self.assertEqual(line.text_id, self.marketing.current_text_id)
        self.assertTrue(line.ip_address)
        self.assertEqual(line.address, "ola@example.com")
        self.assertIn("Withdraw", response.text)
        # giving twice is refused with the reason, nothing written
        self._post("/my/consents/update")
        self.assertEqual(len(self._lines(self.ola.partner_id)), 1)
        self._post("/my/consents/update", "withdraw")
        self.assertEqual(self._lines(self.ola.partner_id)[:1].state, "withdrawn")
        # the other person is untouched
        self.assertFalse(self._lines(self.piotr.partner_id))

    def test_signed_link_without_account(self):
        token = self.guest._crm_consent_portal_token()
        page = self.url_open(f"/consent/{token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Gość Bez Konta", page.text)
        self._post(f"/consent/{token}/update")
        line = self._lines(self.guest)
        self.assertEqual(line.state, "given")
        self.assertEqual(line.method, "web")
        self.assertEqual(line.address, "gosc@example.com")
        self.assertEqual(line.user_id, self.env.ref("base.public_user"))
        self.assertTrue(line.ip_address)

    def test_signed_link_confirms_a_request(self):
        pending = self.Consent.create(
            {
                "partner_id": self.guest.id,
                "channel_id": self.email.id,
                "purpose_id": self.marketing.id,
                "text_id": self.marketing.current_text_id.id,
                "state": "pending",
                "method": "email",
            }
        )
        token = self.guest._crm_consent_portal_token()
        self._post(f"/consent/{token}/update")
        given = self._lines(self.guest)[:1]
        self.assertEqual(given.state, "given")
        self.assertEqual(given.confirmation_of_id, pending)
        self.assertEqual(given.method, "email")

    def test_bad_links_are_refused(self):
        env = self.env(su=True)
        good = self.guest._crm_consent_portal_token()
        expired = hash_sign(
            env,
            "crm_contacts_consent",
            {"partner_id": self.guest.id},
            expiration=datetime.now() - timedelta(hours=1),
        )
        other_scope = hash_sign(env, "other_scope", {"partner_id": self.guest.id})
        tampered = good[:-3] + ("AAA" if good[-3:] != "AAA" else "BBB")
        for token in (expired, other_scope, tampered, "not-a-token", "AQ"):
            with self.subTest(token=token):
                self.assertEqual(self.url_open(f"/consent/{token}").status_code, 403)
                self.assertEqual(
                    self._post(f"/consent/{token}/update").status_code, 403
                )
        self.assertFalse(self._lines(self.guest))

    def test_someone_elses_link(self):
        token = self.guest._crm_consent_portal_token()
        self.authenticate("consent_piotr", "consent_piotr")
        self.assertEqual(self.url_open(f"/consent/{token}").status_code, 403)
        self.assertEqual(self._post(f"/consent/{token}/update").status_code, 403)
        self.assertFalse(self._lines(self.guest))
        self.assertFalse(self._lines(self.piotr.partner_id))
        # his own link works
        own = self.piotr.partner_id._crm_consent_portal_token()
        self.assertEqual(self.url_open(f"/consent/{own}").status_code, 200)
