from datetime import timedelta
from unittest.mock import patch

from odoo import fields

from odoo.addons.crm_contacts_registers.tests.common import (
    Registers,
    RegistersCase,
    replay_registers,
)

LISTED = "PL61109010140000071219812874"
UNLISTED = "PL10105000997603123456789123"


class TestBankVerification(RegistersCase):
    """A white-list answer of the registers check is Odoo's verification of
    the day: Odoo does not ask the register again for the same accounts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo verifies payments of Polish companies to Polish contractors
        cls.company.country_id = cls.poland
        cls.pln = cls.env.ref("base.PLN")
        cls.pln.active = True
        cls.Verification = cls.env["l10n_pl.bank.account.verification"]
        cls.today = fields.Date.context_today(
            cls.env["account.payment"].with_context(tz="Europe/Warsaw")
        )
        cls.vendor = cls._company(cls, name="Asseco", supplier_rank=1)
        Bank = cls.env["res.partner.bank"]
        cls.listed = Bank.create({"acc_number": LISTED, "partner_id": cls.vendor.id})
        cls.unlisted = Bank.create(
            {"acc_number": UNLISTED, "partner_id": cls.vendor.id}
        )

    def _registers(self):
        """The white list answering at 10:00 today, Warsaw time."""
        registers = Registers()
        registers.whitelist_time = f"{self.today:%d-%m-%Y} 10:00:00"
        return registers

    def _verifications(self):
        return self.Verification.search(
            [("partner_id", "=", self.vendor.id)], order="partner_bank_account_number"
        )

    def _check(self, day=None, registers=None):
        with replay_registers(self.env, registers or self._registers()) as replay:
            self.vendor._crm_whitelist_refresh(self.company, day or self.today)
        return replay

    def test_a_check_verifies_every_account_of_the_contractor(self):
        replay = self._check()
        request = self.vendor.crm_whitelist_request_id
        self.assertEqual(replay.count("whitelist"), 1)
        self.assertEqual(
            [
                (
                    v.partner_bank_id,
                    v.verification_status,
                    v.verification_request_id,
                    v.verification_date,
                    v.partner_vat,
                )
                for v in self._verifications()
            ],
            [
                (self.unlisted, "invalid", request, self.today, "PL5170359458"),
                (self.listed, "valid", request, self.today, "PL5170359458"),
            ],
        )

    def test_a_payment_above_the_threshold_asks_the_register_once(self):
        self.vendor.crm_whitelist_date = self.today - timedelta(days=30)
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.company.id)], limit=1
        )
        payment = self.env["account.payment"].create(
            {
                "payment_type": "outbound",
                "partner_type": "supplier",
                "partner_id": self.vendor.id,
                "amount": 20000,
                "currency_id": self.pln.id,
                "journal_id": journal.id,
                "partner_bank_id": self.listed.id,
                "date": self.today,
            }
        )
        Model = type(self.Verification)
        with (
            replay_registers(self.env, self._registers()) as replay,
            patch.object(
                Model,
                "_make_request",
                side_effect=AssertionError("Odoo asked the white list again"),
            ),
        ):
            payment.action_post()
        self.assertEqual(replay.count("whitelist"), 1)
        self.assertNotEqual(payment.state, "draft")
        self.assertEqual(payment.l10n_pl_verification_status, "valid")
        self.assertEqual(
            payment.l10n_pl_verification_request_id,
            self.vendor.crm_whitelist_request_id,
        )

    def test_the_nightly_check_verifies_for_the_day(self):
        other = self._company(name="Jan Testowy", vat="PL1234563218")
        bank = self.env["res.partner.bank"].create(
            {"acc_number": "PL27114020040000300201355387", "partner_id": other.id}
        )
        with replay_registers(self.env, self._registers()) as replay:
            (self.vendor | other)._crm_register_recheck_batch(
                self.company, self.today, None, 100
            )
        self.assertEqual(replay.count("whitelist"), 1)
        verification = self.Verification.search([("partner_bank_id", "=", bank.id)])
        self.assertEqual(verification.verification_status, "valid")
        self.assertEqual(len(self._verifications()), 2)

    def test_a_check_as_of_another_day_is_not_todays_verification(self):
        self._check(day=self.today - timedelta(days=10))
        self.assertFalse(self._verifications())

    def test_an_error_is_replaced_and_a_verification_kept(self):
        kept = self.Verification.create(
            self.Verification._get_creation_vals(
                "invalid",
                partner_banks=self.listed,
                timestamp=fields.Datetime.to_datetime(f"{self.today} 08:00:00"),
                request_id="earlier-today",
            )
        )
        failed = self.Verification.create(
            self.Verification._get_creation_vals(
                "error",
                partner_banks=self.unlisted,
                timestamp=fields.Datetime.to_datetime(f"{self.today} 08:00:00"),
            )
        )
        self._check()
        self.assertEqual(self._verifications(), failed | kept)
        self.assertEqual(kept.verification_request_id, "earlier-today")
        self.assertEqual(failed.verification_status, "invalid")
        self.assertEqual(
            failed.verification_request_id, self.vendor.crm_whitelist_request_id
        )

    def test_an_answer_without_the_contractor_verifies_nothing_valid(self):
        registers = self._registers()
        # the white list does not know the NIP: no account of it is valid
        registers.whitelist_subjects = {}
        self.vendor.vat = "PL9512381607"
        self._check(registers=registers)
        self.assertEqual(
            set(self._verifications().mapped("verification_status")), {"invalid"}
        )

    def test_odoos_verification_in_polish(self):
        """Odoo's module has no Polish: the glue brings it (i18n_extra)."""
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_contacts_registers_bank_verification"], ["pl_PL"]
        )
        Payment = self.env["account.payment"].with_context(lang="pl_PL")
        field = Payment.fields_get(["l10n_pl_verification_status"])[
            "l10n_pl_verification_status"
        ]
        self.assertEqual(field["string"], "Status weryfikacji")
        self.assertIn(["valid", "Prawidłowy"], [list(s) for s in field["selection"]])
        arch = Payment.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("Weryfikacja rachunku bankowego", arch)
