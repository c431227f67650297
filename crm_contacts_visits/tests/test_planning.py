from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.calendar.models.calendar_attendee import CalendarAttendee as Attendee

from .common import VisitsCase


@tagged("post_install", "-at_install")
class TestPlanning(VisitsCase):
    def test_visit_is_a_calendar_event(self):
        visit = self.visit(
            self.meblex, self.tomorrow, contact_ids=[(6, 0, self.anna.ids)]
        )
        event = visit.event_id
        self.assertEqual(event._name, "calendar.event")
        self.assertEqual(event.name, "Visit: Meblex Test sp. z o.o.")
        self.assertEqual(event.start, self.tomorrow)
        self.assertEqual(event.location, "ul. Długa 5, 50-001 Wrocław")
        # the event opens the visit (Odoo's "document" button of the event)
        self.assertEqual((event.res_model, event.res_id), ("crm.visit", visit.id))
        # in the user's calendar: Odoo's own search of the user's events
        mine = self.env["calendar.event"].search(
            [("partner_ids", "in", self.salesman.partner_id.ids)]
        )
        self.assertIn(event, mine)
        # moving the event in the calendar moves the visit
        event.start = self.tomorrow + timedelta(hours=2)
        self.assertEqual(visit.start, self.tomorrow + timedelta(hours=2))
        # deleting the visit deletes its event
        visit.unlink()
        self.assertFalse(event.exists())

    def test_invitations_to_the_customers_people(self):
        invited = []

        def notify(attendees, template, *args, **kwargs):
            if template == self.env.ref(
                "calendar.calendar_template_meeting_invitation"
            ):
                invited.extend(attendees.partner_id)
            return True

        with patch.object(
            Attendee, "_notify_attendees", autospec=True, side_effect=notify
        ):
            visit = self.visit(
                self.meblex,
                self.tomorrow,
                users=self.salesman | self.colleague,
                contact_ids=[(6, 0, self.anna.ids)],
            )
        self.assertEqual(
            set(visit.event_id.partner_ids.ids),
            {self.anna.id, self.salesman.partner_id.id, self.colleague.partner_id.id},
        )
        self.assertIn(self.anna, invited)
        # one more person to meet: invited; one user less: no longer an attendee
        invited.clear()
        with patch.object(
            Attendee, "_notify_attendees", autospec=True, side_effect=notify
        ):
            visit.write(
                {
                    "contact_ids": [(4, self.piotr.id)],
                    "user_ids": [(3, self.colleague.id)],
                }
            )
        self.assertEqual(invited, [self.piotr])
        self.assertEqual(
            set(visit.event_id.partner_ids.ids),
            {self.anna.id, self.piotr.id, self.salesman.partner_id.id},
        )

    def test_no_one_named_invites_the_customer(self):
        visit = self.visit(self.drewpol, self.tomorrow)
        self.assertIn(self.drewpol, visit.event_id.partner_ids)

    def test_plan_from_a_person_and_an_offer(self):
        action = self.anna.action_crm_plan_visit()
        self.assertEqual(action["context"]["default_customer_id"], self.meblex.id)
        self.assertEqual(action["context"]["default_contact_ids"], self.anna.ids)
        self.assertEqual(action["context"]["default_origin"], "person")
        self.assertEqual(
            self.meblex.action_crm_plan_visit()["context"]["default_origin"], "company"
        )
        offer = self.env["sale.order"].create({"partner_id": self.anna.id})
        context = offer.action_crm_plan_visit()["context"]
        self.assertEqual(context["default_sale_order_id"], offer.id)
        self.assertEqual(context["default_origin"], "offer")
        visit = self.Visit.with_context(**context).create(
            {"start": self.tomorrow, "stop": self.tomorrow + timedelta(hours=1)}
        )
        self.assertEqual(visit.customer_id, self.meblex)
        self.assertEqual(offer.crm_visit_ids, visit)
        self.assertEqual(self.meblex.crm_visit_count, 1)
        self.assertEqual(self.anna.crm_visit_count, 1)

    def test_overlap_flags(self):
        first = self.visit(self.meblex, self.tomorrow, hours=2)
        second = self.visit(self.drewpol, self.tomorrow + timedelta(hours=1))
        later = self.visit(self.drewpol, self.tomorrow + timedelta(hours=3))
        colleague = self.visit(self.drewpol, self.tomorrow, users=self.colleague)
        self.assertTrue(first.has_overlap)
        self.assertTrue(second.has_overlap)
        self.assertFalse(later.has_overlap)
        self.assertFalse(colleague.has_overlap, "another user's visit is no overlap")
        second.action_cancel()
        first.invalidate_recordset(["has_overlap"])
        self.assertFalse(first.has_overlap, "a cancelled visit is no overlap")

    def test_trip_flags_visits_outside_its_dates(self):
        trip = self.Trip.create(
            {
                "name": "Wrocław",
                "date_start": self.tomorrow,
                "date_end": self.tomorrow + timedelta(hours=10),
                "vehicle_type": "company_car",
            }
        )
        inside = self.visit(
            self.meblex, self.tomorrow + timedelta(hours=2), trip_id=trip.id
        )
        outside = self.visit(
            self.drewpol, self.tomorrow + timedelta(days=1), trip_id=trip.id
        )
        self.assertFalse(inside.outside_trip)
        self.assertTrue(outside.outside_trip)
        self.assertTrue(trip.has_outside)
        with self.assertRefused(UserError, "outside the dates of the trip Wrocław"):
            trip.action_confirm()
        self.assertEqual(trip.trip_state, "draft")
        outside.trip_id = False
        trip.action_confirm()
        self.assertEqual(trip.trip_state, "confirmed")
        # the route: from the company to each visit and back, as OSM links
        self.assertIn("openstreetmap.org/directions?", trip.route_html)
        self.assertIn("ul.+D%C5%82uga+5", trip.route_html)

    def test_bad_input_is_refused_and_nothing_is_written(self):
        visits = self.Visit.search_count([])
        events = self.env["calendar.event"].search_count([])
        with self.assertRefused(ValidationError, "cannot be earlier|ends before"):
            self.visit(self.meblex, self.tomorrow, hours=-1)
        with self.assertRefused(ValidationError, "Kilometres cannot be negative"):
            self.visit(self.meblex, self.tomorrow, km=-5)
        self.assertEqual(self.Visit.search_count([]), visits)
        self.assertEqual(self.env["calendar.event"].search_count([]), events)
        with self.assertRefused(ValidationError, "Kilometres cannot be negative"):
            self.Trip.create(
                {
                    "name": "Minus",
                    "date_start": self.tomorrow,
                    "date_end": self.tomorrow + timedelta(hours=3),
                    "km_return": -1,
                }
            )
        with self.assertRefused(ValidationError, "returns before it leaves"):
            self.Trip.create(
                {
                    "name": "Backwards",
                    "date_start": self.tomorrow,
                    "date_end": self.tomorrow - timedelta(hours=3),
                }
            )
        # a vehicle without a rate on the trip date (before 14.11.2007)
        with self.assertRefused(
            ValidationError, r"no Private moped rate on 2005-06-01 for the trip Old"
        ):
            self.Trip.create(
                {
                    "name": "Old",
                    "date_start": datetime(2005, 6, 1, 6),
                    "date_end": datetime(2005, 6, 1, 16),
                    "vehicle_type": "moped",
                }
            )
        self.assertFalse(
            self.Trip.search([("name", "in", ["Minus", "Backwards", "Old"])])
        )
