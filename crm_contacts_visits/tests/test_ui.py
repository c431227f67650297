from datetime import datetime, timedelta

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestVisitsUi(HttpCase):
    def test_tour_trip_week_report_history(self):
        user = new_test_user(
            self.env,
            "visit_tour",
            groups="base.group_user,base.group_partner_manager,"
            "sales_team.group_sale_salesman",
            lang="en_US",
            tz="Europe/Warsaw",
        )
        Partner = self.env["res.partner"]
        customers = Partner.create(
            [
                {"name": f"Tour Customer {name}", "is_company": True, "city": city}
                for name, city in (
                    ("Alfa", "Wrocław"),
                    ("Beta", "Opole"),
                    ("Gamma", "Brzeg"),
                )
            ]
        )
        now = datetime.now().replace(microsecond=0, second=0)
        trip = self.env["crm.visit.trip"].create(
            {
                "name": "Tour Trip",
                "date_start": now - timedelta(days=1),
                "date_end": now + timedelta(days=1),
                "vehicle_type": "car_large",
                "user_ids": [(6, 0, user.ids)],
            }
        )
        self.start_tour(
            "/odoo/contacts",
            "crm_contacts_visits_tour",
            login="visit_tour",
            timeout=900,
        )
        visits = self.env["crm.visit"].search([("trip_id", "=", trip.id)])
        self.assertEqual(visits.customer_id, customers)
        first = visits.filtered(lambda v: v.customer_id == customers[0])
        self.assertEqual(first.visit_state, "done")
        self.assertEqual(first.outcome, "success")
        history = self.env["crm.history"].search(
            [("partner_id", "=", customers[0].id), ("kind", "=", "visit_report")]
        )
        self.assertEqual(len(history), 1)
