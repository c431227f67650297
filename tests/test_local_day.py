"""'Today' by default is the user's day, or the company's for a user without a
timezone (the mail gateway, the scheduler, a user never set up): at 00:30 on
1 January in Warsaw it is 31 December in UTC."""

from datetime import date

from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tests.common import freeze_time

DEFAULTS = [
    ("helpdesk.ticket", "reported_date"),
    ("crm.offer", "rate_date"),
    ("crm.receivable.aging.wizard", "as_of_date"),
    ("crm.correspondence", "date"),
    ("crm.payment.behaviour.wizard", "date_to"),
    ("crm.offer.nbp.import", "date_to"),
]


@tagged("post_install", "-at_install")
class TestLocalDay(TransactionCase):
    def test_default_dates_are_the_companys_day(self):
        self.env.company.partner_id.tz = "Europe/Warsaw"
        user = new_test_user(self.env, "local_day_no_tz", groups="base.group_user")
        user.tz = False
        with freeze_time("2030-12-31 23:30:00"):
            for model, field in DEFAULTS:
                with self.subTest(model=model):
                    values = self.env[model].with_user(user).default_get([field])
                    self.assertEqual(str(values[field]), "2031-01-01")

    def test_crons_count_the_companys_day(self):
        """The employment cron made a job starting on 1 January current only
        an hour later (at 01:00 in Warsaw)."""
        self.env.company.partner_id.tz = "Europe/Warsaw"
        person = self.env["res.partner"].create({"name": "Jan Nowy"})
        employer = self.env["res.partner"].create({"name": "Firma", "is_company": True})
        job = self.env["crm.employment"].create(
            {
                "person_id": person.id,
                "employer_id": employer.id,
                "date_start": date(2031, 1, 1),
            }
        )
        with freeze_time("2030-12-31 23:30:00"):
            self.env["crm.employment"].with_user(
                self.env.ref("base.user_root")
            ).with_context(tz=False)._cron_refresh_current()
            self.assertTrue(job.is_current)
