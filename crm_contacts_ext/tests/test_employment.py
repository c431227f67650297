from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CrmContactsCase


@tagged("post_install", "-at_install")
class TestEmployment(CrmContactsCase):
    def _employ(self, employer, **vals):
        return self.env["crm.employment"].create(
            {"person_id": self.person.id, "employer_id": employer.id, **vals}
        )

    def test_person_in_several_companies_current_and_former(self):
        today = fields.Date.context_today(self.env.user)
        current_a = self._employ(
            self.company_a,
            position="Buyer",
            department="Purchasing",
            date_start=today - timedelta(days=400),
        )
        current_b = self._employ(self.company_b, position="Board member")
        former_b = self._employ(
            self.company_b,
            position="Intern",
            date_start=date(2010, 1, 1),
            date_end=date(2011, 6, 30),
        )
        future = self._employ(self.company_a, date_start=today + timedelta(days=10))
        self.assertTrue(current_a.is_current)
        self.assertTrue(current_b.is_current)
        self.assertFalse(former_b.is_current)
        self.assertFalse(future.is_current, "not started yet")
        self.assertEqual(
            self.person.crm_employment_ids.employer_id, self.company_a | self.company_b
        )
        self.assertEqual(self.company_b.crm_current_staff_ids, current_b)
        self.assertEqual(self.company_b.crm_former_staff_ids, former_b)
        self.assertEqual(self.company_a.crm_current_staff_ids, current_a)
        self.assertEqual(self.person.parent_id, self.company_a, "main employer kept")

    def test_ending_an_employment_moves_it_to_former_staff(self):
        job = self._employ(self.company_b, position="Driver")
        self.assertEqual(self.company_b.crm_current_staff_ids, job)
        job.date_end = fields.Date.context_today(job) - timedelta(days=1)
        self.assertFalse(job.is_current)
        self.assertEqual(self.company_b.crm_former_staff_ids, job)

    def test_daily_refresh_of_current(self):
        today = fields.Date.context_today(self.env.user)
        job = self._employ(self.company_b, date_end=today + timedelta(days=1))
        self.assertTrue(job.is_current)
        # a day passes: the stored flag is stale until the daily job runs
        self.env.cr.execute(
            "UPDATE crm_employment SET date_end = %s WHERE id = %s",
            (today - timedelta(days=1), job.id),
        )
        job.invalidate_recordset()
        self.assertTrue(job.is_current)
        self.assertEqual(self.env["crm.employment"]._cron_refresh_current(), 1)
        job.invalidate_recordset()
        self.assertFalse(job.is_current)
        self.assertEqual(self.env["crm.employment"]._cron_refresh_current(), 0)

    def test_bad_employment_is_refused(self):
        count = self.env["crm.employment"].search_count([])
        with self.assertRaises(ValidationError) as caught:
            self._employ(
                self.company_a, date_start=date(2020, 5, 1), date_end=date(2020, 4, 1)
            )
        self.assertRegex(str(caught.exception), "end of an employment cannot be before")
        with self.assertRaises(ValidationError) as caught:
            self.env["crm.employment"].create(
                {"person_id": self.company_b.id, "employer_id": self.company_a.id}
            )
        self.assertRegex(str(caught.exception), "Beta S.A. is a company")
        with self.assertRaises(ValidationError) as caught:
            self._employ(self.Partner.create({"name": "Ewa Prywatna"}))
        self.assertRegex(str(caught.exception), "Ewa Prywatna is not a company")
        self.assertEqual(self.env["crm.employment"].search_count([]), count)

    def test_future_job_is_upcoming_not_former(self):
        """A job starting next month showed under the company's Former
        Staff: it is neither former nor current, but upcoming."""
        today = fields.Date.context_today(self.env.user)
        job = self._employ(self.company_b, date_start=today + timedelta(days=30))
        self.assertEqual(job.status, "upcoming")
        company = self.company_b.with_user(self.salesman)
        self.assertFalse(company.crm_former_staff_ids)
        self.assertFalse(company.crm_current_staff_ids)
        self.assertEqual(company.crm_upcoming_staff_ids, job)
        former = (
            self.env["crm.employment"]
            .with_user(self.salesman)
            .search(
                [("employer_id", "=", self.company_b.id), ("status", "=", "former")]
            )
        )
        self.assertFalse(former)
        # the day it starts, the daily job makes it current; then former
        self.env.cr.execute(
            "UPDATE crm_employment SET date_start = %s WHERE id = %s",
            (today, job.id),
        )
        job.invalidate_recordset()
        self.assertEqual(self.env["crm.employment"]._cron_refresh_current(), 1)
        job.invalidate_recordset()
        self.assertEqual(job.status, "current")
        self.assertEqual(company.crm_current_staff_ids, job)
        self.env.cr.execute(
            "UPDATE crm_employment SET date_start = %s, date_end = %s WHERE id = %s",
            (today - timedelta(days=10), today - timedelta(days=1), job.id),
        )
        job.invalidate_recordset()
        self.assertEqual(self.env["crm.employment"]._cron_refresh_current(), 1)
        job.invalidate_recordset()
        self.assertEqual(job.status, "former")
        company.invalidate_recordset()
        self.assertEqual(company.crm_former_staff_ids, job)
        self.assertEqual(self.env["crm.employment"]._cron_refresh_current(), 0)
