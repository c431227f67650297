from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import RegistersCase, replay_registers


class TestAccess(RegistersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plain = new_test_user(cls.env, "registers_plain", groups="base.group_user")
        cls.partner = cls._company(cls, name="Asseco")
        with replay_registers(cls.env):
            action = cls.partner.with_user(cls.manager).action_crm_register_check()
            cls.env["crm.register.wizard"].browse(action["res_id"]).with_user(
                cls.manager
            ).action_apply()

    def test_editor_fills_from_registers(self):
        self.assertEqual(self.partner.regon, "180853177")
        self.assertEqual(self.partner.crm_register_checked_by, self.manager)
        self.assertEqual(
            set(self.partner.crm_register_check_ids.mapped("user_id")), {self.manager}
        )

    def test_who_may_not_edit_may_not_fill(self):
        self.assertFalse(self.plain.has_group("base.group_partner_manager"))
        with replay_registers(self.env) as registers, self.assertRaises(AccessError):
            self.partner.with_user(self.plain).action_crm_register_check()
        self.assertEqual(registers.calls, [], "no register is asked for nothing")

    def test_everyone_sees_the_status_and_the_proof(self):
        partner = self.partner.with_user(self.plain)
        self.assertEqual(partner.crm_vat_status, "active")
        self.assertEqual(partner.crm_register_status, "active")
        self.assertTrue(partner.crm_whitelist_request_id)
        self.assertEqual(len(partner.crm_register_check_ids), 3)
        self.assertTrue(partner.crm_register_check_ids.mapped("request_id"))

    def test_the_log_is_read_only_for_all(self):
        for user in (self.plain, self.manager, self.env.ref("base.user_admin")):
            checks = self.partner.crm_register_check_ids.with_user(user)
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    checks.write({"request_id": "forged"})
                with self.assertRaises(UserError):
                    checks.unlink()
                with self.assertRaises(UserError):
                    checks.create({"partner_id": self.partner.id, "register": "gus"})
        # not even the superuser edits a proof
        with self.assertRaises(UserError):
            self.partner.crm_register_check_ids.sudo().write({"request_id": "forged"})
        self.assertNotIn(
            "forged", self.partner.crm_register_check_ids.mapped("request_id")
        )

    def test_gus_key_is_for_administrators(self):
        with self.assertRaises(AccessError):
            self.company.with_user(self.manager).crm_gus_key  # noqa: B018
