from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CollectionCommon


@tagged("post_install", "-at_install")
class TestBalanceConfirmation(CollectionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Confirmation = cls.env["crm.balance.confirmation"]
        cls.accountant = new_test_user(
            cls.env,
            "crm_balance_accountant",
            groups="base.group_user,account.group_account_invoice",
            company_id=cls.company.id,
        )
        cls.salesperson = new_test_user(
            cls.env,
            "crm_balance_salesperson",
            groups="base.group_user,sales_team.group_sale_salesman",
            company_id=cls.company.id,
        )
        cls.business.write(
            {"email": "ksiegowosc@handel.example.com", "user_id": cls.salesperson.id}
        )

    def _issue(self, partners, as_of=None, user=None):
        return self.Confirmation.with_user(user or self.accountant)._crm_issue(
            partners, as_of or self.AS_OF
        )

    def test_balance_per_currency_as_of_the_date_never_changes(self):
        inv = self._invoice(self.business, "2024-04-01", 1000, due="2024-04-15")
        self._pay(inv, 400, "2024-05-10")
        # paid after the date: still owed on the date
        self._pay(inv, 100, "2024-06-20")
        eur = self._invoice(
            self.business, "2024-05-01", 500, due="2024-05-31", currency=self.eur
        )
        # after the date: not in the balance
        self._invoice(self.business, "2024-06-15", 300)
        # a contact's invoice is the customer's
        contact = self.env["res.partner"].create(
            {"name": "Jan Handlowy", "parent_id": self.business.id}
        )
        self._invoice(contact, "2024-06-01", 50, due="2024-06-30")
        confirmation = self._issue(contact)
        self.assertEqual(confirmation.partner_id, self.business)
        self.assertEqual(confirmation.date, self.AS_OF)
        self.assertEqual(confirmation.state, "draft")
        balances = {
            line.currency_id: (line.amount_currency, line.amount)
            for line in confirmation.line_ids
        }
        # 500 EUR at the company's rate of the invoice date (0.25): 2,000 PLN
        self.assertEqual(
            balances,
            {self.company.currency_id: (650.0, 650.0), self.eur: (500.0, 2000.0)},
        )
        self.assertEqual(confirmation.amount_total, 2650.0)
        # paid in full afterwards: what the customer confirms stays
        self._pay(inv, 500, "2024-06-21")
        self._pay(eur, 500, "2024-06-21", currency=self.eur)
        confirmation.invalidate_recordset()
        self.assertEqual(
            sorted(confirmation.line_ids.mapped("amount_currency")), [500.0, 650.0]
        )
        self.assertEqual(confirmation.amount_total, 2650.0)
        # a later date sees the payments
        later = self._issue(self.business, date(2024, 6, 30))
        self.assertEqual(later.line_ids.mapped("amount_currency"), [300.0 + 50.0])

    def test_wizard_sends_by_email_and_lists_those_to_print(self):
        self._invoice(self.business, "2024-04-01", 1000)
        without_email = self.env["res.partner"].create(
            {"name": "Bez Maila Sp. z o.o.", "is_company": True}
        )
        self._invoice(without_email, "2024-04-01", 200)
        wizard = (
            self.env["crm.balance.confirmation.wizard"]
            .with_user(self.accountant)
            .with_context(
                active_model="res.partner",
                active_ids=(self.business | without_email).ids,
            )
            .create({"date": self.AS_OF})
        )
        self.assertEqual(wizard.partner_ids, self.business | without_email)
        action = wizard.action_issue()
        confirmations = self.Confirmation.search(action["domain"])
        self.assertEqual(confirmations.partner_id, self.business | without_email)
        sent = confirmations.filtered(lambda rec: rec.partner_id == self.business)
        to_print = confirmations - sent
        self.assertEqual(sent.state, "sent")
        self.assertEqual(sent.sent_user_id, self.accountant)
        self.assertTrue(sent.sent_date)
        mail = self.env["mail.mail"].search(
            [("model", "=", sent._name), ("res_id", "=", sent.id)]
        )
        self.assertEqual(mail.recipient_ids, self.business)
        self.assertIn(sent.name, mail.subject)
        self.assertIn(
            f"/my/balance_confirmations/{sent.id}?access_token=", mail.body_html
        )
        # in the customer's language (Polish: the company's country)
        self.assertRegex(mail.body_html, "<strong>1\xa0?000,00\xa0zł</strong>")
        self.assertEqual(to_print.state, "print")
        self.assertEqual(to_print.amount_total, 200.0)
        with self.assertRaisesRegex(UserError, to_print.name):
            to_print.with_user(self.accountant).action_send()
        to_print.with_user(self.accountant).action_mark_sent()
        self.assertEqual(to_print.state, "sent")

    def test_wizard_from_the_aging_takes_its_customers_and_date(self):
        inv = self._invoice(self.business, "2024-04-01", 1000)
        other = self._invoice(self.consumer, "2024-04-01", 100)
        rows = self._rows(inv | other, date(2024, 5, 31))
        wizard = (
            self.env["crm.balance.confirmation.wizard"]
            .with_user(self.accountant)
            .with_context(active_model="crm.receivable.aging", active_ids=rows.ids)
            .create({"send": False})
        )
        self.assertEqual(wizard.partner_ids, self.business | self.consumer)
        self.assertEqual(wizard.date, date(2024, 5, 31))
        confirmations = self.Confirmation.search(wizard.action_issue()["domain"])
        self.assertEqual(set(confirmations.mapped("state")), {"draft", "print"})
        self.assertEqual(set(confirmations.mapped("date")), {date(2024, 5, 31)})

    def test_polish_report_for_polish_customers(self):
        self.env["ir.module.module"]._load_module_terms(
            ["crm_analytics_collection"], ["pl_PL"], overwrite=True
        )
        self.business.country_id = self.env.ref("base.pl")
        self._invoice(self.business, "2024-04-01", 1234.5)
        confirmation = self._issue(self.business)
        self.assertEqual(confirmation.lang, "pl_PL")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "crm_analytics_collection.action_report_balance_confirmation",
                confirmation.ids,
            )[0]
            .decode()
        )
        self.assertIn(confirmation.name, html)
        self.assertIn("Potwierdzenie salda", html)
        self.assertIn("Potwierdzamy zgodność salda", html)
        # the amount and the date in Polish format
        self.assertIn('<span class="oe_currency_value">1234,50</span>\xa0zł', html)
        self.assertIn("09.06.2024", html)

    def test_bad_input_is_refused_naming_the_document(self):
        self._invoice(self.business, "2024-04-01", 1000)
        confirmation = self._issue(self.business)
        # as a request: what failed is rolled back
        with (
            self.assertRaisesRegex(ValidationError, confirmation.name),
            self.env.cr.savepoint(),
        ):
            self._issue(self.business)
        self.assertEqual(
            self.Confirmation.search_count([("partner_id", "=", self.business.id)]), 1
        )
        with self.assertRaisesRegex(UserError, confirmation.name):
            confirmation._crm_answer("confirmed")
        confirmation.with_user(self.accountant).action_send()
        with self.assertRaisesRegex(UserError, confirmation.name):
            confirmation._crm_answer("disputed", "  ")
        self.assertEqual(confirmation.state, "sent")
        self.assertFalse(confirmation.answer_date)
        confirmation.with_user(self.accountant).action_confirm()
        self.assertEqual(confirmation.state, "confirmed")
        self.assertEqual(confirmation.answer_partner_id, self.accountant.partner_id)
        with self.assertRaisesRegex(UserError, confirmation.name):
            confirmation._crm_answer("confirmed")
        with self.assertRaisesRegex(UserError, confirmation.name):
            confirmation.with_user(self.accountant).action_cancel()
        other = self._issue(self.business, date(2024, 6, 30))
        other.with_user(self.accountant).action_cancel()
        with self.assertRaisesRegex(UserError, other.name):
            other._crm_answer("disputed", "Faktura zapłacona")
        self.assertFalse(other.answer_comment)
        # cancelled: a new one of the same date may be issued
        self.assertTrue(self._issue(self.business, date(2024, 6, 30)))
        # two of one customer and date in one go: refused, none written
        values = {
            "partner_id": self.business.id,
            "company_id": self.company.id,
            "date": date(2024, 5, 31),
        }
        with (
            self.assertRaisesRegex(ValidationError, "31.05.2024"),
            self.env.cr.savepoint(),
        ):
            self.Confirmation.with_context(lang="pl_PL").create([values, values])
        self.assertFalse(
            self.Confirmation.search_count([("date", "=", date(2024, 5, 31))])
        )
        wizard = self.env["crm.balance.confirmation.wizard"].create(
            {
                "partner_ids": [Command.set(self.business.ids)],
                "date": date(2999, 1, 1),
            }
        )
        with self.assertRaises(UserError):
            wizard.action_issue()

    def test_dispute_becomes_an_activity_of_the_sender_and_account_manager(self):
        self._invoice(self.business, "2024-04-01", 1000)
        confirmation = self._issue(self.business)
        confirmation.with_user(self.accountant).action_send()
        contact = self.env["res.partner"].create(
            {"name": "Ewa Księgowa", "parent_id": self.business.id}
        )
        confirmation._crm_answer("disputed", "Faktura FV/1 zapłacona 30.05", contact)
        self.assertEqual(confirmation.state, "disputed")
        self.assertEqual(confirmation.answer_partner_id, contact)
        self.assertTrue(confirmation.answer_date)
        self.assertEqual(confirmation.answer_comment, "Faktura FV/1 zapłacona 30.05")
        self.assertEqual(
            confirmation.activity_ids.user_id, self.accountant | self.salesperson
        )
        self.assertIn("FV/1", confirmation.activity_ids[:1].note)

    def test_access_per_group(self):
        self._invoice(self.business, "2024-04-01", 1000)
        other_customer = self.env["res.partner"].create(
            {"name": "Inny Klient", "is_company": True}
        )
        self._invoice(other_customer, "2024-04-01", 100)
        confirmations = self._issue(self.business | other_customer)
        mine = confirmations.filtered(lambda rec: rec.partner_id == self.business)
        # salespeople: their customers' confirmations, read-only
        as_salesperson = self.Confirmation.with_user(self.salesperson)
        self.assertEqual(as_salesperson.search([]), mine)
        self.assertEqual(mine.with_user(self.salesperson).line_ids.amount, 1000.0)
        with self.assertRaises(AccessError):
            mine.with_user(self.salesperson).action_cancel()
        with self.assertRaises(AccessError):
            self._issue(self.business, date(2024, 6, 30), user=self.salesperson)
        with self.assertRaises(AccessError):
            (confirmations - mine).with_user(self.salesperson).read(["name"])
        # portal users: their company's sent confirmations only
        portal = new_test_user(
            self.env,
            "crm_balance_portal",
            groups="base.group_portal",
            company_id=self.company.id,
        )
        portal.partner_id.parent_id = self.business
        as_portal = self.Confirmation.with_user(portal)
        self.assertFalse(as_portal.search([]))
        mine.with_user(self.accountant).action_send()
        self.assertEqual(as_portal.search([]), mine)
        self.assertEqual(mine.with_user(portal).line_ids.amount, 1000.0)
        with self.assertRaises(AccessError):
            mine.with_user(portal).write({"state": "confirmed"})
