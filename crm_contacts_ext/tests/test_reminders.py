from datetime import date

from odoo.tests import tagged

from .common import CrmContactsCase


@tagged("post_install", "-at_install")
class TestReminders(CrmContactsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "crm_contacts_ext.reminder_days", 5
        )
        cls.today = date(2031, 7, 21)  # + 5 days = 26 July, Anna's name day
        cls.anna = cls.Partner.create(
            {"name": "Anna Nowak", "user_id": cls.salesman.id}
        )
        cls.birthday = cls.Partner.create(
            {
                "name": "Xenon Urodzinowy",
                "birthdate_date": "1980-07-26",
                "parent_id": cls.company_a.id,
            }
        )
        cls.company_a.user_id = cls.salesman
        cls.archived = cls.Partner.create(
            {"name": "Anna Archiwalna", "user_id": cls.salesman.id, "active": False}
        )
        cls.no_manager = cls.Partner.create({"name": "Anna Bezopiekuna"})

    def _activities(self, partners):
        return self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", partners.ids)]
        )

    def test_birthday_and_name_day_reminders(self):
        self.env["res.partner"]._cron_crm_celebration_reminders(today=self.today)
        name_day = self._activities(self.anna)
        self.assertEqual(len(name_day), 1)
        self.assertEqual(
            name_day.activity_type_id,
            self.env.ref("crm_contacts_ext.mail_activity_type_name_day"),
        )
        self.assertEqual(name_day.date_deadline, date(2031, 7, 26))
        self.assertEqual(name_day.user_id, self.salesman)
        self.assertIn("Anna Nowak", name_day.summary)
        birthday = self._activities(self.birthday)
        self.assertEqual(
            birthday.activity_type_id,
            self.env.ref("crm_contacts_ext.mail_activity_type_birthday"),
        )
        self.assertEqual(birthday.user_id, self.salesman, "the company's manager")
        self.assertFalse(self._activities(self.archived | self.no_manager))

    def test_rerun_creates_no_duplicates(self):
        Partner = self.env["res.partner"]
        first = Partner._cron_crm_celebration_reminders(today=self.today)
        self.assertTrue(first)
        again = Partner._cron_crm_celebration_reminders(today=self.today)
        self.assertFalse(again)
        self.assertEqual(len(self._activities(self.anna | self.birthday)), 2)

    def test_done_activity_does_not_come_back(self):
        Partner = self.env["res.partner"]
        Partner._cron_crm_celebration_reminders(today=self.today)
        self._activities(self.anna).action_feedback(feedback="Flowers sent")
        self.assertFalse(self._activities(self.anna))
        self.assertFalse(Partner._cron_crm_celebration_reminders(today=self.today))
        self.assertFalse(self._activities(self.anna))

    def test_next_year_reminded_again(self):
        Partner = self.env["res.partner"]
        Partner._cron_crm_celebration_reminders(today=self.today)
        self._activities(self.anna).unlink()
        Partner._cron_crm_celebration_reminders(today=date(2032, 7, 21))
        self.assertEqual(self._activities(self.anna).date_deadline, date(2032, 7, 26))

    def test_other_days_nothing(self):
        self.env["res.partner"]._cron_crm_celebration_reminders(today=date(2031, 7, 22))
        self.assertFalse(self._activities(self.anna | self.birthday))

    def test_leap_day_birthday_in_common_year(self):
        leap = self.Partner.create(
            {
                "name": "Xenia Przestępna",
                "birthdate_date": "1984-02-29",
                "user_id": self.salesman.id,
            }
        )
        self.env["res.partner"]._cron_crm_celebration_reminders(today=date(2031, 2, 23))
        self.assertEqual(self._activities(leap).date_deadline, date(2031, 2, 28))

    def test_no_reminder_to_a_manager_of_another_company(self):
        """The scheduler sees every company: a person of company B whose
        account manager works only in company A got an activity that manager
        cannot open."""
        other = self.env["res.company"].create({"name": "Oddział Poznań"})
        person = self.Partner.create(
            {
                "name": "Anna Poznańska",
                "user_id": self.salesman.id,
                "company_id": other.id,
            }
        )
        self.assertNotIn(other, self.salesman.company_ids)
        self.env["res.partner"]._cron_crm_celebration_reminders(today=self.today)
        self.assertFalse(self._activities(person))
        self.assertTrue(self._activities(self.anna))
