from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CollectionCommon


def interest(amount, *days_at_rate):
    """The interest by hand: amount x rate x days / 365, summed, rounded."""
    return round(
        sum(amount * rate / 100 * days / 365 for days, rate in days_at_rate) + 1e-9, 2
    )


@tagged("post_install", "-at_install")
class TestInterest(CollectionCommon):
    def test_half_year_rate_change(self):
        # due 20 June 2025: 10 days at 15.75% (H1 2025), 10 at 15.25% (H2 2025)
        inv = self._invoice(self.business, "2025-06-01", 1000, due="2025-06-20")
        result = self._interest(inv, date(2025, 7, 10))
        expected = interest(1000, (10, 15.75), (10, 15.25))
        self.assertEqual(expected, 8.49)
        self.assertEqual(result[date(2025, 6, 20)], (expected, expected))

    def test_leap_year(self):
        # 21-29 February 2024 (9 days, the 29th counts) + 1-10 March: 19 days,
        # over a 365-day year
        inv = self._invoice(self.business, "2024-02-01", 1000, due="2024-02-20")
        result = self._interest(inv, date(2024, 3, 10))
        self.assertEqual(result[date(2024, 2, 20)][0], interest(1000, (19, 15.75)))
        self.assertEqual(result[date(2024, 2, 20)][0], 8.2)

    def test_not_yet_due_and_due_today(self):
        inv = self._invoice(self.business, "2024-06-01", 1000, due="2024-06-09")
        self.assertEqual(self._interest(inv), {})

    def test_installments(self):
        inv = self._invoice(
            self.business, "2024-01-01", 2000, payment_term=self._installment_term()
        )
        result = self._interest(inv, date(2024, 3, 31))
        # 1000 due 31 January: 60 days; 1000 due 1 March: 30 days
        self.assertEqual(
            result,
            {
                date(2024, 1, 31): (25.89, 25.89),
                date(2024, 3, 1): (12.95, 12.95),
            },
        )
        self.assertEqual(25.89, interest(1000, (60, 15.75)))
        self.assertEqual(12.95, interest(1000, (30, 15.75)))

    def test_two_partial_payments(self):
        inv = self._invoice(self.business, "2024-04-01", 3000, due="2024-04-30")
        self._pay(inv, 1000, "2024-05-10")
        self._pay(inv, 1000, "2024-05-30")
        # 1000 for 10 days, 1000 for 30 days, the open 1000 for 40 days
        expected = interest(1000, (10, 15.75), (30, 15.75), (40, 15.75))
        self.assertEqual(expected, 34.52)
        self.assertEqual(self._interest(inv)[date(2024, 4, 30)][0], expected)
        # a year back nothing was due; as of 20 May only the first payment
        self.assertEqual(
            self._interest(inv, date(2024, 5, 20))[date(2024, 4, 30)][0],
            round(interest(1000, (10, 15.75)) + interest(2000, (20, 15.75)), 2),
        )

    def test_paid_on_time(self):
        inv = self._invoice(self.business, "2024-04-01", 1000, due="2024-04-30")
        self._pay(inv, 400, "2024-04-30")
        self.assertEqual(
            self._interest(inv)[date(2024, 4, 30)][0], interest(600, (40, 15.75))
        )

    def test_credit_note_reduces_from_its_date(self):
        inv = self._invoice(self.business, "2024-04-01", 2000, due="2024-04-30")
        self._refund(inv, 500, "2024-05-20")
        expected = interest(500, (20, 15.75)) + interest(1500, (40, 15.75))
        self.assertEqual(self._interest(inv)[date(2024, 4, 30)][0], expected)

    def test_eur_invoice(self):
        # 1000 EUR at 0.25 EUR per PLN = 4000 PLN
        inv = self._invoice(
            self.business, "2024-04-01", 1000, due="2024-04-30", currency=self.eur
        )
        company, document = self._interest(inv)[date(2024, 4, 30)]
        self.assertEqual(document, interest(1000, (40, 15.75)))
        self.assertEqual(document, 17.26)
        self.assertEqual(company, interest(4000, (40, 15.75)))

    def test_consumer_civil_interest(self):
        # art. 481 KC: reference rate 5.75% + 5.5 p.p.
        inv = self._invoice(self.consumer, "2024-04-01", 1000, due="2024-04-30")
        self.assertEqual(
            self._interest(inv)[date(2024, 4, 30)][0], interest(1000, (40, 11.25))
        )

    def test_consumer_across_reference_rate_change(self):
        # the reference rate fell from 6.75% to 6.00% on 7 September 2023
        inv = self._invoice(self.consumer, "2023-08-01", 1000, due="2023-08-31")
        expected = interest(1000, (6, 12.25), (24, 11.5))
        self.assertEqual(
            self._interest(inv, date(2023, 9, 30))[date(2023, 8, 31)][0], expected
        )

    def test_healthcare_debtor(self):
        inv = self._invoice(self.hospital, "2024-04-01", 1000, due="2024-04-30")
        self.assertEqual(
            self._interest(inv)[date(2024, 4, 30)][0], interest(1000, (40, 13.75))
        )

    def test_missing_period_is_an_error(self):
        inv = self._invoice(self.business, "2024-04-01", 1000, due="2024-04-30")
        with self.assertRaisesRegex(UserError, inv.name):
            self._interest(inv, date(2099, 1, 10))
        period = self.env["crm.interest.rate.period"].search(
            [("date_from", "=", "2024-01-01")]
        )
        self.assertEqual(len(period), 1)
        period.unlink()
        with self.assertRaisesRegex(UserError, "No statutory interest rate"):
            self._interest(inv)

    def test_begun_half_year_is_derived_until_announced(self):
        Period = self.env["crm.interest.rate.period"]
        Reference = self.env["crm.nbp.reference.rate"]
        last = Period.search([], order="date_to desc", limit=1)
        Period.search([("date_from", ">", last.date_from)]).unlink()
        # the act's rate of a half-year: the reference rate on its first day
        start = last.date_to + relativedelta(days=1)
        Reference.search([("date_from", ">", last.date_from)]).unlink()
        Reference.create({"date_from": start, "rate": 3.5, "source": "test"})
        Reference.create(
            {"date_from": start + relativedelta(days=1), "rate": 3.0, "source": "test"}
        )
        self.assertFalse(Period._derive_started_half_years(today=last.date_to))
        derived = Period._derive_started_half_years(
            today=start + relativedelta(months=6)
        )
        self.assertEqual(
            [(p.date_from, p.date_to, p.rate, p.rate_healthcare) for p in derived],
            [
                (start, start + relativedelta(months=6, days=-1), 13.5, 11.5),
                (
                    start + relativedelta(months=6),
                    start + relativedelta(months=12, days=-1),
                    13.0,
                    11.0,
                ),
            ],
        )
        self.assertFalse(any(derived.mapped("verified")))
        self.assertIn("art. 4 pkt 3", derived[0].source)
        # run again (the cron each night), nothing more
        self.assertFalse(
            Period._derive_started_half_years(today=start + relativedelta(months=6))
        )
        # the receivables' interest goes on into the derived half-year, at its
        # first day's rate (the change on its second day is the consumers')
        inv = self._invoice(
            self.business,
            last.date_to - relativedelta(days=30),
            1000,
            due=last.date_to - relativedelta(days=10),
        )
        self.assertEqual(
            self._interest(inv, start + relativedelta(days=9))[inv.invoice_date_due][0],
            interest(1000, (10, last.rate), (10, 13.5)),
        )

    def test_aging_rows_and_customer_card(self):
        inv = self._invoice(self.business, "2024-04-01", 1000, due="2024-04-30")
        other = self._invoice(self.business, "2024-04-01", 2000, due="2024-04-20")
        row = self._rows(inv, self.AS_OF)
        self.assertEqual(row.crm_interest, interest(1000, (40, 15.75)))
        partner = self.business.with_context(crm_aging_date=self.AS_OF)
        self.assertAlmostEqual(
            partner.crm_interest_due,
            interest(1000, (40, 15.75)) + interest(2000, (50, 15.75)),
        )
        # a year back nothing was due
        partner = self.business.with_context(crm_aging_date=date(2023, 6, 9))
        self.assertEqual(partner.crm_interest_due, 0.0)
        self.assertTrue(other)
