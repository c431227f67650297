from odoo.tests import Form, tagged

from .common import CrmContactsCase


@tagged("post_install", "-at_install")
class TestNameDay(CrmContactsCase):
    def _date(self, partner):
        name_day = partner.crm_name_day_id
        return (name_day.month, name_day.day) if name_day else None

    def test_calendar_covers_every_day_of_the_year(self):
        rows = self.env["crm.name.day"]._read_group([], ["month", "day"], ["__count"])
        self.assertEqual(len(rows), 366)

    def test_first_name_from_the_name(self):
        self.assertEqual(self.person.crm_first_name, "Jan")
        self.assertFalse(self.company_a.crm_first_name, "companies have none")
        self.person.name = "Anna Kowalska"
        self.assertEqual(self.person.crm_first_name, "Anna")
        self.assertEqual(self._date(self.person), (7, 26))
        # an address is no person: no first name, no name day
        warehouse = self.Partner.create(
            {"name": "Magazyn Anna", "type": "delivery", "parent_id": self.company_a.id}
        )
        self.assertFalse(warehouse.crm_first_name)
        self.assertFalse(warehouse.crm_name_day_id)

    def test_existing_contacts_got_a_first_name(self):
        demo = self.env.ref("crm_contacts_ext.partner_piotr_zielinski")
        self.assertEqual(demo.crm_first_name, "Piotr")
        self.assertEqual(self._date(demo), (6, 29))

    def test_name_with_several_dates_takes_the_customary_one(self):
        dates = self.env["crm.name.day"].search([("name", "=", "Jan")])
        self.assertGreater(len(dates), 5)
        self.assertEqual(self._date(self.person), (6, 24))
        maria = self.Partner.create({"name": "maria nowak"})
        self.assertEqual(maria.crm_first_name, "maria")
        self.assertEqual(self._date(maria), (8, 15), "case does not matter")

    def test_user_picks_another_date(self):
        january = self.env["crm.name.day"].search(
            [("name", "=", "Jan"), ("month", "=", 1), ("day", "=", 17)]
        )
        self.person.crm_name_day_id = january
        self.assertEqual(self._date(self.person), (1, 17))
        self.person.phone = "+48 600 000 000"
        self.assertEqual(self._date(self.person), (1, 17), "kept on other changes")

    def test_unknown_name_has_no_name_day(self):
        partner = self.Partner.create({"name": "Xavierus Nieznany"})
        self.assertEqual(partner.crm_first_name, "Xavierus")
        self.assertFalse(partner.crm_name_day_id)

    def test_own_first_name(self):
        partner = self.Partner.create({"name": "Kowalska Ewa", "crm_first_name": "Ewa"})
        self.assertEqual(self._date(partner), (12, 24))

    def test_renaming_keeps_the_users_first_name_and_date(self):
        """A first name the user corrected ("Kowalska Anna" → Anna) was
        replaced by the new name's first word when the name was edited (a new
        surname), and a name day picked by the user went back to the
        customary one: the account manager stopped being reminded."""
        anna = self.Partner.create({"name": "Kowalska Anna"})
        self.assertEqual(anna.crm_first_name, "Kowalska", "taken from the name")
        anna.crm_first_name = "Anna"
        anna.name = "Kowalska-Nowak Anna"
        self.assertEqual(anna.crm_first_name, "Anna")
        self.assertEqual(self._date(anna), (7, 26))
        january = self.env["crm.name.day"].search(
            [("name", "=", "Jan"), ("month", "=", 1), ("day", "=", 17)]
        )
        self.person.crm_name_day_id = january
        self.person.name = "Jan Nowak"
        self.assertEqual(self.person.crm_first_name, "Jan")
        self.assertEqual(self._date(self.person), (1, 17), "the date picked stays")
        self.person.name = "Piotr Nowak"
        self.assertEqual(self.person.crm_first_name, "Piotr", "a new first name")
        self.assertEqual(self._date(self.person), (6, 29))

    def test_renaming_in_the_form_keeps_the_users_first_name(self):
        anna = self.Partner.create({"name": "Kowalska Anna", "crm_first_name": "Anna"})
        with Form(anna) as form:
            form.name = "Kowalska-Nowak Anna"
            self.assertEqual(form.crm_first_name, "Anna")
            self.assertEqual(form.crm_name_day_id.day, 26)
        self.assertEqual(anna.crm_first_name, "Anna")
        jan = self.Partner.create({"name": "Jan Nowak"})
        with Form(jan) as form:
            form.name = "Janusz Nowak"
            self.assertEqual(form.crm_first_name, "Janusz")
        self.assertEqual(self._date(jan), (11, 21))
