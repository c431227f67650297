from datetime import datetime

from odoo.tests import tagged

from .common import VisitsCase


@tagged("post_install", "-at_install")
class TestCosts(VisitsCase):
    def trip(self, start, end, vehicle="car_large", **values):
        return self.Trip.create(
            {
                "name": "Costs",
                "date_start": start,
                "date_end": end,
                "vehicle_type": vehicle,
                "user_ids": [(6, 0, self.salesman.ids)],
                **values,
            }
        )

    def test_mileage_with_a_rate_change_inside_the_trip(self):
        """16–17 January 2023: 0.8358 zł/km until the 16th, 1.15 zł/km from
        the 17th; each leg at the rate of the day it is driven (times UTC:
        07:00 is 08:00 in Warsaw)."""
        trip = self.trip(
            datetime(2023, 1, 16, 7), datetime(2023, 1, 17, 17), km_return=150
        )
        self.visit(
            self.meblex,
            datetime(2023, 1, 16, 9),
            trip_id=trip.id,
            km=120,
            trip_sequence=1,
        )
        self.visit(
            self.drewpol,
            datetime(2023, 1, 17, 9),
            trip_id=trip.id,
            km=80,
            trip_sequence=2,
        )
        lines = trip._crm_mileage_lines()
        self.assertEqual(
            [(str(line["date"]), line["km"], line["rate"]) for line in lines],
            [
                ("2023-01-16", 120, 0.8358),
                ("2023-01-17", 80, 1.15),
                ("2023-01-17", 150, 1.15),
            ],
        )
        self.assertEqual(
            lines[0]["route"],
            f"{self.env.company.partner_id.city or self.env.company.name} → Wrocław",
        )
        self.assertEqual(trip.km_actual, 350)
        self.assertAlmostEqual(trip.mileage_amount, 100.30 + 92.0 + 172.5)
        # 34 hours: a full day and 10 hours (over 8: a full day), 45 zł each
        self.assertEqual(trip.per_diem_days, 2)
        self.assertAlmostEqual(trip.per_diem_amount, 90)
        self.assertAlmostEqual(trip.amount_total, 364.80 + 90)

    def test_per_diem_rate_change_and_short_trips(self):
        # 31.12.2022 08:00 – 1.01.2023 20:00 (Warsaw): 36 hours, 30 zł then 45 zł
        trip = self.trip(
            datetime(2022, 12, 31, 7), datetime(2023, 1, 1, 19), vehicle="company_car"
        )
        self.assertEqual(trip.per_diem_days, 2)
        self.assertAlmostEqual(trip.per_diem_amount, 75)
        self.assertEqual(trip.mileage_amount, 0, "company car: no mileage allowance")
        # two travellers: each gets the per diem
        trip.user_ids = self.salesman | self.colleague
        self.assertAlmostEqual(trip.per_diem_amount, 150)
        # one day: under 8 hours nothing, 8 to 12 hours half, over 12 a full day
        for hours, days in ((7, 0), (10, 0.5), (13, 1)):
            short = self.trip(datetime(2024, 5, 6, 6), datetime(2024, 5, 6, 6 + hours))
            self.assertEqual(short.per_diem_days, days, hours)
            self.assertAlmostEqual(short.per_diem_amount, 45 * days)
        # over a day: a rest up to 8 hours is half a day
        longer = self.trip(datetime(2024, 5, 6, 6), datetime(2024, 5, 7, 12))
        self.assertEqual(longer.per_diem_days, 1.5)

    def test_rates_shipped_and_editable(self):
        Rate = self.env["crm.travel.rate"]
        company = self.env.company
        on = Rate._crm_rate_on
        self.assertEqual(
            on("car_small", datetime(2023, 1, 17).date(), company).amount, 0.89
        )
        self.assertEqual(
            on("car_large", datetime(2023, 1, 17).date(), company).amount, 1.15
        )
        self.assertEqual(
            on("motorcycle", datetime(2023, 1, 17).date(), company).amount, 0.69
        )
        self.assertEqual(
            on("moped", datetime(2023, 1, 17).date(), company).amount, 0.42
        )
        self.assertEqual(
            on("car_small", datetime(2023, 1, 16).date(), company).amount, 0.5214
        )
        self.assertEqual(
            on("moped", datetime(2010, 1, 1).date(), company).amount, 0.1382
        )
        self.assertEqual(
            on("per_diem", datetime(2022, 12, 31).date(), company).amount, 30
        )
        self.assertEqual(
            on("per_diem", datetime(2023, 1, 1).date(), company).amount, 45
        )
        # a company's own per diem replaces the shipped one
        Rate.create(
            {
                "rate_type": "per_diem",
                "amount": 50,
                "date_from": "2024-01-01",
                "company_id": company.id,
            }
        )
        self.assertEqual(
            on("per_diem", datetime(2024, 3, 1).date(), company).amount, 50
        )

    def test_trip_summary_pdf(self):
        trip = self.trip(
            datetime(2023, 1, 16, 7), datetime(2023, 1, 17, 17), km_return=10
        )
        self.visit(self.meblex, datetime(2023, 1, 16, 9), trip_id=trip.id, km=12)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("crm_contacts_visits.report_crm_visit_trip", trip.ids)[0]
            .decode()
        )
        self.assertIn("Meblex Test sp. z o.o.", html)
        self.assertIn("0.8358", html)
        self.assertIn("1.1500", html)
        # the reader's language: Polish decimals, dates without seconds
        self.env["res.lang"]._activate_lang("pl_PL")
        html_pl = (
            self.env["ir.actions.report"]
            .with_context(lang="pl_PL")
            ._render_qweb_html("crm_contacts_visits.report_crm_visit_trip", trip.ids)[0]
            .decode()
        )
        self.assertIn("0,8358", html_pl)
        self.assertIn("12,0", html_pl)
        self.assertRegex(html_pl, r"16\.01\.2023 \d\d:\d\d<")
