from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestContactsUi(HttpCase):
    def test_pesel_tour_fills_birth_date_and_sex(self):
        new_test_user(
            self.env,
            "tour_clerk",
            groups="base.group_user,base.group_partner_manager,"
            "crm_contacts_ext.group_crm_personal_data",
        )
        self.start_tour("/odoo", "crm_contacts_ext_pesel_tour", login="tour_clerk")
        person = self.env["res.partner"].search([("name", "=", "Ewa Tourowska")])
        self.assertEqual(person.sudo().pesel, "85071512348")
        self.assertEqual(person.birthdate_date, date(1985, 7, 15))
        self.assertEqual(person.gender, "female")

    def test_card_tour_history_employment_name_day(self):
        new_test_user(
            self.env,
            "tour_manager",
            groups="base.group_user,base.group_partner_manager,"
            "sales_team.group_sale_salesman_all_leads",
        )
        self.start_tour("/odoo", "crm_contacts_ext_card_tour", login="tour_manager")
        meblex = self.env.ref("crm_contacts_ext.partner_meblex")
        self.assertEqual(
            meblex.crm_satisfaction_level_id,
            self.env.ref("crm_contacts_ext.satisfaction_level_5"),
        )
        change = meblex.crm_satisfaction_history_ids.sorted("id")[-1]
        self.assertEqual(change.reason, "New framework contract signed")
        self.assertEqual(change.user_id.login, "tour_manager")

    def test_group_tour_draws_only_the_group(self):
        """The Group button drew every contact without a parent (Acme, Azure…)
        instead of the holding: web_hierarchy loses the action's domain when
        the action also names the record to start from."""
        new_test_user(
            self.env,
            "tour_group",
            groups="base.group_user,base.group_partner_manager,"
            "sales_team.group_sale_salesman",
        )
        logistyka = self.env.ref("crm_contacts_ext.partner_meblex_logistyka")
        self.start_tour(
            f"/odoo/contacts/{logistyka.id}",
            "crm_contacts_ext_group_tour",
            login="tour_group",
        )
