from datetime import date

from odoo import fields
from odoo.exceptions import UserError

from .common import RegistersCase, replay_registers

LISTED = "PL61109010140000071219812874"
UNLISTED = "PL10105000997603123456789123"


class TestPayment(RegistersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pln = cls.env.ref("base.PLN")
        cls.pln.active = True
        cls.today = fields.Date.context_today(cls.env["account.payment"])
        cls.vendor = cls._company(
            cls,
            name="Asseco",
            supplier_rank=1,
            crm_whitelist_accounts="61109010140000071219812874",
            crm_whitelist_date=cls.today,
            crm_whitelist_request_id="Xf0Kq-8c9a2d1",
        )
        Bank = cls.env["res.partner.bank"]
        cls.listed = Bank.create({"acc_number": LISTED, "partner_id": cls.vendor.id})
        cls.unlisted = Bank.create(
            {"acc_number": UNLISTED, "partner_id": cls.vendor.id}
        )
        cls.journal = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.company.id)], limit=1
        )

    def _payment(self, bank, amount, day=None):
        return self.env["account.payment"].create(
            {
                "payment_type": "outbound",
                "partner_type": "supplier",
                "partner_id": self.vendor.id,
                "amount": amount,
                "currency_id": self.pln.id,
                "journal_id": self.journal.id,
                "partner_bank_id": bank.id,
                "date": day or self.today,
            }
        )

    def test_bank_account_marks(self):
        self.assertEqual(self.listed.crm_whitelist_state, "listed")
        self.assertEqual(self.unlisted.crm_whitelist_state, "not_listed")

    def test_listed_account_pays(self):
        payment = self._payment(self.listed, 20000)
        self.assertFalse(payment.crm_whitelist_warning)
        payment.action_post()
        self.assertNotEqual(payment.state, "draft")

    def test_unlisted_account_above_threshold_is_refused(self):
        payment = self._payment(self.unlisted, 15000.01)
        self.assertIn("not on the VAT white list", payment.crm_whitelist_warning)
        self.assertIn("Xf0Kq-8c9a2d1", payment.crm_whitelist_warning)
        with self.assertRaisesRegex(UserError, "15000 PLN"):
            payment.action_post()
        self.assertEqual(payment.state, "draft")

    def test_unlisted_account_below_threshold_warns(self):
        payment = self._payment(self.unlisted, 15000)
        self.assertTrue(payment.crm_whitelist_warning)
        payment.action_post()
        self.assertNotEqual(payment.state, "draft")

    def test_old_check_is_renewed_on_the_payment_date(self):
        self.vendor.crm_whitelist_date = date(2026, 1, 1)
        self.vendor.crm_whitelist_accounts = False
        payment = self._payment(self.listed, 50000)
        self.assertTrue(payment.crm_whitelist_warning)
        with replay_registers(self.env) as registers:
            payment.action_post()
        self.assertEqual(registers.count("whitelist"), 1)
        self.assertEqual(self.vendor.crm_whitelist_date, payment.date)
        self.assertIn("61109010140000071219812874", self.vendor._crm_whitelist_set())
        proof = self.vendor.crm_register_check_ids
        self.assertEqual(proof.register, "whitelist")
        self.assertEqual(self.vendor.crm_whitelist_request_id, proof.request_id)

    def test_renewal_failing_refuses_with_the_reason(self):
        from .common import Registers

        self.vendor.crm_whitelist_date = date(2026, 1, 1)
        registers = Registers()
        registers.timeout = {"whitelist"}
        payment = self._payment(self.listed, 50000)
        with (
            replay_registers(self.env, registers),
            self.assertRaisesRegex(UserError, "did not answer in time"),
        ):
            payment.action_post()

    def test_vendor_bill_warns(self):
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.vendor.id,
                "partner_bank_id": self.unlisted.id,
                "invoice_date": self.today,
                "invoice_line_ids": [(0, 0, {"name": "Service", "price_unit": 100})],
            }
        )
        self.assertIn("not on the VAT white list", bill.crm_whitelist_warning)
        bill.partner_bank_id = self.listed
        self.assertFalse(bill.crm_whitelist_warning)

    def test_foreign_contractor_is_not_checked(self):
        foreign = self._company(
            name="Acme GmbH", vat="DE123456788", country_id=self.env.ref("base.de").id
        )
        bank = self.env["res.partner.bank"].create(
            {"acc_number": "DE89370400440532013000", "partner_id": foreign.id}
        )
        self.assertFalse(
            self.env["account.payment"]._crm_whitelist_message(foreign, bank)
        )
