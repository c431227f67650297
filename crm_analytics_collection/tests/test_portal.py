import json
import re

from odoo import Command, fields, http
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCollectionPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("base.main_company")
        cls.accountant = new_test_user(
            cls.env,
            "crm_portal_accountant",
            groups="base.group_user,account.group_account_invoice",
            company_id=company.id,
        )
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {
                "name": "Portal Saldo Sp. z o.o.",
                "is_company": True,
                "email": "saldo@portal.example.com",
            }
        )
        cls.other_customer = Partner.create(
            {
                "name": "Obcy Klient S.A.",
                "is_company": True,
                "email": "obcy@portal.example.com",
            }
        )
        cls.portal_user = new_test_user(
            cls.env, "crm_portal_customer", groups="base.group_portal"
        )
        cls.portal_user.partner_id.parent_id = cls.customer
        cls.other_user = new_test_user(
            cls.env, "crm_portal_stranger", groups="base.group_portal"
        )
        cls.other_user.partner_id.parent_id = cls.other_customer
        today = fields.Date.today()
        day = fields.Date.add(today, days=-40)
        invoice = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.customer.id,
                    "invoice_date": day,
                    "invoice_date_due": fields.Date.add(day, days=10),
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Service", "price_unit": 1200.0, "tax_ids": []}
                        )
                    ],
                }
            )
        )
        invoice.action_post()
        # an invoice paid 30 days late, on an interest note
        late = invoice.copy(
            {
                "invoice_date": fields.Date.add(today, days=-70),
                "invoice_date_due": fields.Date.add(today, days=-60),
            }
        )
        late.action_post()
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=late.ids
        ).create({"payment_date": fields.Date.add(today, days=-30)})._create_payments()
        cls.note = (
            cls.env["crm.interest.note.wizard"]
            .create(
                {
                    "partner_ids": [Command.set(cls.customer.ids)],
                    "date_from": fields.Date.add(today, days=-31),
                    "date_to": today,
                    "date": today,
                }
            )
            ._issue()
        )
        Confirmation = cls.env["crm.balance.confirmation"].with_user(cls.accountant)
        cls.confirmation = Confirmation._crm_issue(cls.customer, today)
        cls.confirmation.action_send()
        cls.demand = cls.env["crm.payment.demand"]._crm_issue(cls.customer, today)
        cls.demand.action_mark_sent()

    def _answer(self, answer, comment=""):
        response = self.url_open(
            f"/my/balance_confirmations/{self.confirmation.id}/answer",
            data={
                "answer": answer,
                "comment": comment,
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        # the request wrote through its own environment
        self.env.invalidate_all()
        return response

    def test_customer_confirms_in_the_portal(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        listing = self.url_open("/my/balance_confirmations")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.confirmation.name, listing.text)
        response = self._answer("confirmed")
        self.assertEqual(response.status_code, 200)
        self.assertIn("answered=1", response.url)
        self.assertEqual(self.confirmation.state, "confirmed")
        self.assertEqual(
            self.confirmation.answer_partner_id, self.portal_user.partner_id
        )
        self.assertTrue(self.confirmation.answer_date)
        self.assertFalse(self.confirmation.activity_ids)
        # confirming twice: refused on the page, nothing changes
        answered = self.confirmation.answer_date
        again = self._answer("disputed", "x")
        self.assertEqual(again.status_code, 200)
        self.assertIn(self.confirmation.name, again.text)
        self.assertEqual(self.confirmation.state, "confirmed")
        self.assertEqual(self.confirmation.answer_date, answered)

    def test_customer_disputes_in_the_portal(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        # no comment: refused, nothing written
        response = self._answer("disputed")
        self.assertEqual(response.status_code, 200)
        self.assertIn("alert-danger", response.text)
        self.assertEqual(self.confirmation.state, "sent")
        self._answer("disputed", "Brakuje wpłaty z 15 listopada")
        self.assertEqual(self.confirmation.state, "disputed")
        self.assertEqual(
            self.confirmation.answer_partner_id, self.portal_user.partner_id
        )
        self.assertEqual(
            self.confirmation.answer_comment, "Brakuje wpłaty z 15 listopada"
        )
        activity = self.confirmation.activity_ids
        self.assertEqual(activity.user_id, self.accountant)
        self.assertIn("15 listopada", activity.note)

    def test_customer_answers_through_the_emails_link(self):
        url = self.confirmation.get_portal_url()
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        self.url_open(
            f"/my/balance_confirmations/{self.confirmation.id}/answer",
            data={
                "answer": "confirmed",
                "access_token": self.confirmation.access_token,
                "csrf_token": csrf,
            },
        )
        self.env.invalidate_all()
        self.assertEqual(self.confirmation.state, "confirmed")
        self.assertEqual(self.confirmation.answer_partner_id, self.customer)

    def test_another_customer_gets_a_404_and_writes_nothing(self):
        self.authenticate(self.other_user.login, self.other_user.login)
        url = f"/my/balance_confirmations/{self.confirmation.id}"
        self.assertEqual(self.url_open(url).status_code, 404)
        self.assertEqual(
            self.url_open(f"/my/payment_demands/{self.demand.id}").status_code, 404
        )
        listing = self.url_open("/my/balance_confirmations")
        self.assertNotIn(self.confirmation.name, listing.text)
        response = self._answer("confirmed")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.confirmation.state, "sent")
        self.assertFalse(self.confirmation.answer_partner_id)
        self.assertEqual(
            self.url_open(f"/my/interest_notes/{self.note.id}").status_code, 404
        )
        # a wrong token is no better
        response = self.url_open(f"{url}?access_token=wrong")
        self.assertEqual(response.status_code, 404)

    def test_payment_demand_pages_and_home_counters(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        home = self.url_open("/my")
        for url in ("/my/balance_confirmations", "/my/payment_demands"):
            self.assertIn(f'href="{url}"', home.text)
        # the demand's own link (its access_url) opens
        page = self.url_open(self.demand.access_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.demand.name, page.text)
        self.assertIn(self.demand.line_ids.name, page.text)
        listing = self.url_open("/my/payment_demands")
        self.assertIn(self.demand.name, listing.text)
        pdf = self.url_open(f"{self.demand.access_url}?report_type=html")
        self.assertEqual(pdf.status_code, 200)
        self.assertIn(self.demand.name, pdf.text)
        notes = self.url_open("/my/interest_notes")
        self.assertIn(self.note.name, notes.text)
        note = self.url_open(f"/my/interest_notes/{self.note.id}")
        self.assertEqual(note.status_code, 200)
        self.assertIn(self.note.crm_interest_note_line_ids.invoice_id.name, note.text)
        response = self.url_open(
            "/my/counters",
            data=json.dumps(
                {
                    "params": {
                        "counters": [
                            "balance_confirmation_count",
                            "payment_demand_count",
                            "interest_note_count",
                        ]
                    }
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(
            response.json()["result"],
            {
                "balance_confirmation_count": 1,
                "payment_demand_count": 1,
                "interest_note_count": 1,
            },
        )
