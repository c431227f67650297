from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from .common import VisitsCase


@tagged("post_install", "-at_install")
class TestWeek(VisitsCase):
    def test_week_of_the_team(self):
        visit = self.visit(
            self.meblex, self.tomorrow, users=self.salesman | self.colleague
        )
        trip = self.Trip.create(
            {
                "name": "Wrocław trip",
                "date_start": self.tomorrow - timedelta(hours=1),
                "date_end": self.tomorrow + timedelta(hours=9),
                "vehicle_type": "company_car",
                "user_ids": [Command.set(self.salesman.ids)],
            }
        )
        meeting = self.env["calendar.event"].create(
            {
                "name": "Team meeting",
                "start": self.tomorrow + timedelta(hours=4),
                "stop": self.tomorrow + timedelta(hours=5),
                "partner_ids": [Command.set(self.colleague.partner_id.ids)],
            }
        )
        private = self.env["calendar.event"].create(
            {
                "name": "Dentist",
                "privacy": "private",
                "start": self.tomorrow + timedelta(hours=6),
                "stop": self.tomorrow + timedelta(hours=7),
                "partner_ids": [Command.set(self.colleague.partner_id.ids)],
            }
        )
        Week = self.env["crm.team.week"].with_user(self.salesman)
        domain = [
            ("start", "<", self.tomorrow + timedelta(days=1)),
            ("stop", ">=", self.tomorrow - timedelta(days=1)),
            ("user_id", "in", (self.salesman | self.colleague).ids),
        ]
        columns = ["kind", "user_id", "start", "stop", "name", "partner_id", "city"]
        Week.search_fetch(domain, columns)  # the user's access rules, once
        self.env.invalidate_all()
        with self.assertQueryCount(1):  # the view's one query
            Week.search_fetch(domain, columns)
        rows = Week.search_read(
            domain, ["kind", "user_id", "name", "city", "display_name"]
        )
        got = {(row["kind"], row["user_id"][0], row["display_name"]) for row in rows}
        self.assertEqual(
            got,
            {
                ("visit", self.salesman.id, visit.name),
                ("visit", self.colleague.id, visit.name),
                ("trip", self.salesman.id, trip.name),
                ("meeting", self.colleague.id, meeting.name),
                ("meeting", self.colleague.id, "Busy"),
            },
        )
        self.assertIn("Wrocław", [row["city"] for row in rows])
        self.assertTrue(private)
        # filters: my team, the customer, the city
        self.assertEqual(
            len(Week.search(domain + [("in_my_team", "=", True)])), len(rows)
        )
        self.assertEqual(
            set(
                Week.search(domain + [("partner_id", "=", self.meblex.id)]).mapped(
                    "kind"
                )
            ),
            {"visit"},
        )
        self.assertEqual(len(Week.search(domain + [("city", "=", "Wrocław")])), 2)
        # another team's salesperson does not see this team's visits and trips
        theirs = self.env["crm.team.week"].with_user(self.stranger).search(domain)
        self.assertEqual(set(theirs.mapped("kind")), {"meeting"})
        line = Week.search(domain + [("kind", "=", "trip")])
        self.assertEqual(line.action_open_document()["res_id"], trip.id)
