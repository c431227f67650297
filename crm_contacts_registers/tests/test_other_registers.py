from datetime import date

from ..models.crm_register_client import RegisterError
from .common import Registers, RegistersCase, replay_registers, replay_vies


class TestOtherRegisters(RegistersCase):
    def _wizard(self, partner, registers=None):
        with replay_registers(self.env, registers):
            action = partner.action_crm_register_check()
        return self.env["crm.register.wizard"].browse(action["res_id"])

    # KRS
    def test_krs_lookup(self):
        with replay_registers(self.env):
            values = self.env["crm.register.client"]._crm_krs_lookup(
                self.company, "421310"
            )
        self.assertEqual(values["krs"], "0000421310")
        self.assertEqual(values["regon"], "180853177")
        self.assertEqual(values["legal_form"], "Spółka akcyjna")
        self.assertEqual(values["start_date"], date(2012, 5, 21))
        self.assertEqual(values["pkd_code"], "62.01.Z")
        self.assertIn("ZARZĄD", values["representation"])

    def test_krs_not_found_in_either_register(self):
        registers = Registers()
        with (
            replay_registers(self.env, registers),
            self.assertRaises(RegisterError) as error,
        ):
            self.env["crm.register.client"]._crm_krs_lookup(self.company, "0000000001")
        self.assertEqual(error.exception.kind, "not_found")
        self.assertIn("KRS", str(error.exception))
        # the entrepreneurs' register, then the associations' one
        self.assertEqual(registers.count("krs"), 2)

    def test_krs_invalid_number(self):
        with self.assertRaises(RegisterError) as error:
            self.env["crm.register.client"]._crm_krs_lookup(self.company, "KRS-12")
        self.assertEqual(error.exception.kind, "invalid")

    def test_krs_down_is_a_warning_not_a_failure(self):
        registers = Registers()
        registers.down = {"krs"}
        partner = self._company()
        wizard = self._wizard(partner, registers)
        self.assertIn("KRS is not available", wizard.warnings)
        wizard.action_apply()
        self.assertEqual(partner.regon, "180853177", "GUS still fills the card")
        self.assertNotIn("krs", partner.crm_register_check_ids.mapped("register"))

    # white list
    def test_whitelist_lookup(self):
        with replay_registers(self.env) as registers:
            values = self.env["crm.register.client"]._crm_whitelist_lookup(
                self.company, "PL 517-035-94-58", date(2026, 12, 2)
            )
        self.assertEqual(registers.calls, [("whitelist", "5170359458")])
        self.assertEqual(values["vat_status"], "active")
        self.assertEqual(values["vat_status_date"], date(2012, 6, 12))
        self.assertEqual(len(values["accounts"]), 2)
        self.assertTrue(values["request_id"])

    def test_whitelist_removed_subject(self):
        with replay_registers(self.env):
            values = self.env["crm.register.client"]._crm_whitelist_lookup(
                self.company, "9512381607"
            )
        self.assertEqual(values["vat_status"], "removed")
        self.assertEqual(values["vat_status_date"], date(2026, 11, 30))

    def test_whitelist_failures(self):
        Client = self.env["crm.register.client"]
        for file_name, status, kind in (
            ("whitelist_limit.json", 400, "limit"),
            ("whitelist_malformed.json", 200, "malformed"),
            ("whitelist_search_invalid.json", 200, "invalid"),
            ("gus_unavailable.html", 200, "malformed"),
        ):
            registers = Registers()
            registers.whitelist_file = file_name
            registers.whitelist_status = status
            with self.subTest(file_name), replay_registers(self.env, registers):
                with self.assertRaises(RegisterError) as error:
                    Client._crm_whitelist_lookup(self.company, "5170359458")
                self.assertEqual(error.exception.kind, kind)
                self.assertIn("VAT white list", str(error.exception))
        with self.assertRaises(RegisterError) as error:
            Client._crm_whitelist_lookup(self.company, "5170359459")
        self.assertEqual(error.exception.kind, "invalid")

    def test_whitelist_timeout_is_a_warning(self):
        registers = Registers()
        registers.timeout = {"whitelist"}
        partner = self._company()
        wizard = self._wizard(partner, registers)
        self.assertIn("VAT white list did not answer in time", wizard.warnings)
        wizard.action_apply()
        self.assertFalse(partner.crm_vat_status, "no VAT status without an answer")

    # VIES (Odoo's base_vat check)
    def test_vies_valid(self):
        partner = self._company(
            name="Acme GmbH", vat="DE123456788", country_id=self.env.ref("base.de").id
        )
        with replay_vies("vies_valid.json") as post:
            wizard = self._wizard(partner)
        self.assertEqual(post.call_count, 1)
        self.assertIn("VIES", wizard.summary)
        wizard.action_apply()
        self.assertEqual(partner.crm_register_check_ids.register, "vies")

    def test_vies_invalid(self):
        partner = self._company(
            name="Acme GmbH", vat="DE123456788", country_id=self.env.ref("base.de").id
        )
        with (
            replay_vies("vies_invalid.json"),
            self.assertRaises(RegisterError) as error,
        ):
            self._wizard(partner)
        self.assertEqual(error.exception.register, "vies")
        self.assertFalse(partner.crm_register_check_ids)

    def test_status_change_line_in_the_readers_language(self):
        # the status labels are the selection's, translated in the database
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_contacts_registers"], ["pl_PL"]
        )
        partner = self.env["res.partner"].create(
            {"name": "Status Test sp. z o.o.", "is_company": True}
        )
        partner.sudo().crm_vat_status = "active"
        _vals, changes, _significant = partner.with_context(
            lang="pl_PL"
        )._crm_register_status_vals({"vat_status": "exempt"})
        self.assertEqual(changes, ["Status VAT: Czynny podatnik VAT → Zwolniony z VAT"])
