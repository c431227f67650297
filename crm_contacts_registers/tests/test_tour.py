from odoo.tests import HttpCase, new_test_user, tagged

from .common import replay_registers


@tagged("post_install", "-at_install")
class TestRegistersTour(HttpCase):
    def test_tour_fill_from_gus(self):
        new_test_user(
            self.env,
            "registers_tour",
            groups="base.group_user,base.group_partner_manager",
            lang="en_US",
        )
        # the demo companies are the recorded ones: the tour creates its own
        self.env.cr.execute(
            "UPDATE res_partner SET vat = NULL, regon = NULL, crm_krs = NULL "
            "WHERE regon IN ('180853177', '240381039')"
        )
        self.env["res.partner"].invalidate_model(["vat", "regon", "crm_krs"])
        with replay_registers(self.env) as registers:
            self.start_tour(
                "/odoo/action-contacts.action_contacts/new",
                "crm_contacts_registers_tour",
                login="registers_tour",
                timeout=300,
            )
        self.assertEqual(registers.count("gus", "Zaloguj"), 1)
        partner = self.env["res.partner"].search([("vat", "=", "PL5170359458")])
        self.assertEqual(partner.name, "ASSECO SYSTEMS SPÓŁKA AKCYJNA")
        self.assertEqual(partner.regon, "180853177")
        self.assertEqual(
            set(partner.crm_register_check_ids.mapped("register")),
            {"gus", "krs", "whitelist"},
        )
