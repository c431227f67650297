from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import VisitsCase


@tagged("post_install", "-at_install")
class TestAccess(VisitsCase):
    def test_access_per_group(self):
        own = self.visit(self.meblex, self.tomorrow)
        colleague = self.visit(self.drewpol, self.tomorrow, users=self.colleague)
        stranger = self.visit(self.drewpol, self.tomorrow, users=self.stranger)
        everyone = own | colleague | stranger

        def visible(user):
            return self.Visit.with_user(user).search([("id", "in", everyone.ids)])

        # salespeople: their own and their team's
        self.assertEqual(visible(self.salesman), own | colleague)
        self.assertEqual(visible(self.stranger), stranger)
        # managers: all
        self.assertEqual(visible(self.manager), everyone)
        # a plain employee: only the visits they go to
        self.assertFalse(visible(self.employee))
        # they plan their own
        mine = self.Visit.with_user(self.salesman).create(
            {
                "customer_id": self.meblex.id,
                "start": self.tomorrow,
                "stop": self.tomorrow,
            }
        )
        self.assertEqual(mine.user_ids, self.salesman)
        mine.with_user(self.salesman).purpose = "Prices"
        # the team's visits: read, not written
        colleague.with_user(self.salesman).read(["purpose"])
        with self.assertRaises(AccessError):
            colleague.with_user(self.salesman).write({"purpose": "Not mine"})
        with self.assertRaises(AccessError):
            stranger.with_user(self.salesman).read(["purpose"])
        stranger.with_user(self.manager).write({"purpose": "Manager's"})

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "Other Visits Co"})
        self.manager.company_ids = [(4, other.id)]
        visit = self.visit(self.meblex, self.tomorrow, company_id=other.id)
        # a manager of the main company only
        self.assertFalse(
            self.Visit.with_user(self.manager)
            .with_context(allowed_company_ids=self.env.company.ids)
            .search([("id", "=", visit.id)])
        )
        self.assertTrue(
            self.Visit.with_user(self.manager)
            .with_context(allowed_company_ids=[self.env.company.id, other.id])
            .search([("id", "=", visit.id)])
        )

    def test_trips_per_group(self):
        own = self.Trip.with_user(self.salesman).create(
            {
                "name": "Mine",
                "date_start": self.tomorrow,
                "date_end": self.tomorrow,
                "vehicle_type": "company_car",
            }
        )
        theirs = self.Trip.with_user(self.stranger).create(
            {
                "name": "Theirs",
                "date_start": self.tomorrow,
                "date_end": self.tomorrow,
                "vehicle_type": "company_car",
            }
        )
        both = own | theirs
        self.assertEqual(
            self.Trip.with_user(self.colleague).search([("id", "in", both.ids)]), own
        )
        self.assertEqual(
            self.Trip.with_user(self.manager).search([("id", "in", both.ids)]), both
        )
        with self.assertRaises(AccessError):
            own.with_user(self.colleague).write({"name": "Renamed"})
        # travel rates: everyone reads, managers edit
        rate = self.env.ref("crm_contacts_visits.rate_per_diem_2023")
        rate.with_user(self.employee).read(["amount"])
        with self.assertRaises(AccessError):
            rate.with_user(self.salesman).write({"amount": 1})
        rate.with_user(self.manager).write({"amount": 46})
