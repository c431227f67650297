from datetime import date

from odoo.exceptions import UserError

from ..models.crm_register_client import RegisterError
from .common import RegistersCase, replay_registers


class TestGus(RegistersCase):
    def _check(self, partner):
        action = partner.action_crm_register_check()
        return self.env["crm.register.wizard"].browse(action["res_id"])

    def test_fill_legal_person_from_gus(self):
        partner = self._company(name="Asseco")
        with replay_registers(self.env) as registers:
            wizard = self._check(partner)
        # login, search, report, PKD report, logout; then KRS and white list
        self.assertEqual(
            [what for register, what in registers.calls if register == "gus"],
            [
                "Zaloguj",
                "DaneSzukajPodmioty",
                "DanePobierzPelnyRaport",
                "DanePobierzPelnyRaport",
                "Wyloguj",
            ],
        )
        self.assertEqual(registers.count("krs"), 1)
        self.assertEqual(registers.count("whitelist"), 1)
        lines = {line.field_name: line for line in wizard.line_ids}
        # the name the user typed differs: shown side by side, not taken
        self.assertEqual(lines["name"].card_value, "Asseco")
        self.assertEqual(lines["name"].register_value, "ASSECO SYSTEMS SPÓŁKA AKCYJNA")
        self.assertFalse(lines["name"].use)
        # empty on the card: taken by default
        self.assertTrue(lines["regon"].use)
        self.assertEqual(lines["regon"].register_value, "180853177")
        self.assertEqual(lines["crm_krs"].register_value, "0000421310")
        self.assertEqual(lines["street"].register_value, "ul. Test-Krucza 14")
        self.assertEqual(lines["zip"].register_value, "35-322")
        self.assertEqual(lines["crm_pkd_code"].register_value, "62.01.Z")
        self.assertEqual(lines["crm_start_date"].register_value, "2012-05-21")
        self.assertEqual(partner.name, "Asseco", "nothing written before Save")
        wizard.action_apply()
        self.assertEqual(partner.name, "Asseco", "the typed name is kept")
        self.assertEqual(partner.regon, "180853177")
        self.assertEqual(partner.crm_krs, "0000421310")
        self.assertEqual(partner.city, "Rzeszów")
        self.assertEqual(partner.state_id, self.env.ref("base.state_pl_pk"))
        self.assertEqual(partner.crm_start_date, date(2012, 5, 21))
        self.assertEqual(partner.crm_register_status, "active")
        self.assertEqual(partner.crm_vat_status, "active")
        self.assertIn("PREZES ZARZĄDU", partner.crm_representation)
        self.assertEqual(
            partner._crm_whitelist_set(),
            {"61109010140000071219812874", "82249000050000460038099095"},
        )
        checks = partner.crm_register_check_ids
        self.assertEqual(set(checks.mapped("register")), {"gus", "krs", "whitelist"})
        proof = checks.filtered(lambda c: c.register == "whitelist")
        self.assertTrue(proof.request_id.startswith("Xf0Kq-8c9a2d1"))
        self.assertEqual(partner.crm_whitelist_request_id, proof.request_id)
        self.assertEqual(partner.crm_register_checked_by, self.env.user)

    def test_pick_a_differing_field(self):
        partner = self._company(name="Asseco")
        with replay_registers(self.env):
            wizard = self._check(partner)
        wizard.line_ids.filtered(lambda line: line.field_name == "name").use = True
        wizard.action_apply()
        self.assertEqual(partner.name, "ASSECO SYSTEMS SPÓŁKA AKCYJNA")
        gus = partner.crm_register_check_ids.filtered(lambda c: c.register == "gus")
        self.assertIn("Asseco → ASSECO SYSTEMS SPÓŁKA AKCYJNA", gus.changes)

    def test_sole_trader_ceidg(self):
        partner = self._company(name="Jan", vat="PL1234563218")
        with replay_registers(self.env) as registers:
            wizard = self._check(partner)
        self.assertEqual(registers.count("krs"), 0, "a sole trader has no KRS")
        lines = {line.field_name: line.register_value for line in wizard.line_ids}
        self.assertEqual(lines["street"], "ul. Testowa 7/2")
        self.assertEqual(lines["zip"], "42-622")
        self.assertEqual(lines["crm_pkd_code"], "41.20.Z")
        wizard.action_apply()
        self.assertEqual(partner.crm_vat_status, "exempt")
        self.assertEqual(partner.regon, "240381039")

    def test_search_by_regon(self):
        partner = self._company(vat=False, regon="180853177")
        with replay_registers(self.env) as registers:
            wizard = self._check(partner)
        self.assertIn(("gus", "DaneSzukajPodmioty"), registers.calls)
        self.assertIn("name", wizard.line_ids.mapped("field_name"))

    def _assert_fails(self, partner, registers, kind, *words):
        with (
            replay_registers(self.env, registers),
            self.assertRaises(RegisterError) as error,
        ):
            self._check(partner)
        self.assertEqual(error.exception.register, "gus")
        self.assertEqual(error.exception.kind, kind)
        for word in ("GUS REGON", *words):
            self.assertIn(word, str(error.exception))
        self.assertFalse(partner.regon, "the card stays as it was")
        self.assertFalse(partner.crm_register_check_ids)
        return error.exception

    def test_invalid_nip(self):
        partner = self._company()
        partner.vat = "PL5170359458"
        self.env.cr.execute(
            "UPDATE res_partner SET vat = 'PL5170359459' WHERE id = %s", [partner.id]
        )
        partner.invalidate_recordset(["vat"])
        registers = self._assert_fails(partner, None, "invalid", "PL5170359459")
        del registers

    def test_no_number(self):
        partner = self._company(vat=False)
        with self.assertRaisesRegex(UserError, "NIP"):
            partner.action_crm_register_check()

    def test_unknown_entity(self):
        from .common import Registers

        self._assert_fails(
            self._company(vat="PL5260250216"), Registers(), "not_found", "5260250216"
        )

    def test_wrong_key(self):
        from .common import Registers

        registers = Registers()
        registers.gus_login = "gus_login_wrong_key.mtom"
        self._assert_fails(self._company(), registers, "key", "key")

    def test_session_expired_renewed_once(self):
        from .common import Registers

        registers = Registers()
        registers.gus_search_override = ["gus_search_empty.mtom"]
        registers.gus_code = "gus_getvalue_7.mtom"
        partner = self._company()
        with replay_registers(self.env, registers):
            wizard = self._check(partner)
        self.assertEqual(registers.count("gus", "Zaloguj"), 2)
        self.assertTrue(wizard.line_ids)

    def test_session_expired_twice(self):
        from .common import Registers

        registers = Registers()
        registers.gus_search_override = ["gus_search_empty.mtom"] * 2
        registers.gus_code = "gus_getvalue_7.mtom"
        self._assert_fails(self._company(), registers, "session", "session")

    def test_limit(self):
        from .common import Registers

        registers = Registers()
        registers.gus_search_override = ["gus_search_empty.mtom"]
        registers.gus_code = "gus_getvalue_1.mtom"
        self._assert_fails(self._company(), registers, "limit", "limit")

    def test_timeout(self):
        from .common import Registers

        registers = Registers()
        registers.timeout = {"gus"}
        self._assert_fails(self._company(), registers, "timeout", "5 s")

    def test_down(self):
        from .common import Registers

        registers = Registers()
        registers.down = {"gus"}
        self._assert_fails(self._company(), registers, "unavailable", "503")

    def test_malformed(self):
        from .common import Registers

        registers = Registers()
        registers.gus_login = "gus_unavailable.html"
        self._assert_fails(self._company(), registers, "malformed", "cannot be read")
