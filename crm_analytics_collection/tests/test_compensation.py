from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CollectionCommon


@tagged("post_install", "-at_install")
class TestCompensation(CollectionCommon):
    def test_rate_day_is_last_business_day_of_previous_month(self):
        days = dict(self.Aging._crm_rate_days(date(2026, 11, 1)))
        # 31 March 2024 is Easter Sunday, 30 March a Saturday
        self.assertEqual(days[date(2024, 4, 1)], date(2024, 3, 29))
        # 31 October 2026 is a Saturday
        self.assertEqual(days[date(2026, 11, 1)], date(2026, 10, 30))
        # 31 December 2022 is a Saturday
        self.assertEqual(days[date(2023, 1, 1)], date(2022, 12, 30))
        # 1 and 3 May are holidays: April's last business day for June 2024
        self.assertEqual(days[date(2024, 5, 1)], date(2024, 4, 30))

    def test_thresholds(self):
        # due in April 2024: EUR rate of 29 March 2024, 0.25 EUR per PLN
        amounts = {5000.00: 160.0, 5000.01: 280.0, 49999.99: 280.0, 50000.00: 400.0}
        invoices = {
            amount: self._invoice(self.business, "2024-04-01", amount, due="2024-04-15")
            for amount in amounts
        }
        rows = {row["move_id"]: row for row in self.Aging._crm_compensation(self.AS_OF)}
        for amount, expected in amounts.items():
            row = rows[invoices[amount].id]
            self.assertEqual(row["rate_date"], date(2024, 3, 29))
            self.assertEqual(float(row["compensation"]), expected, amount)
        self.assertEqual(
            [
                float(rows[invoices[amount].id]["compensation_eur"])
                for amount in amounts
            ],
            [40, 70, 70, 100],
        )
        aging_row = self._rows(invoices[5000.00], self.AS_OF)
        self.assertEqual(aging_row.crm_compensation, 160.0)
        self.assertEqual(
            self.business.with_context(crm_aging_date=self.AS_OF).crm_compensation_due,
            1120.0,
        )

    def test_eur_invoice_valued_in_pln(self):
        # 1500 EUR = 6000 PLN at 0.25: above 5,000 PLN, 70 EUR
        inv = self._invoice(
            self.business, "2024-04-01", 1500, due="2024-04-15", currency=self.eur
        )
        (row,) = self.Aging._crm_compensation(self.AS_OF, inv.line_ids.ids)
        self.assertEqual(float(row["compensation_eur"]), 70)
        self.assertEqual(float(row["compensation"]), 280.0)

    def test_no_compensation_for_consumers_or_paid_invoices(self):
        self._invoice(self.consumer, "2024-04-01", 1000, due="2024-04-15")
        paid = self._invoice(self.business, "2024-04-01", 1000, due="2024-04-15")
        self._pay(paid, 1000, "2024-04-10")
        self.assertEqual(self.Aging._crm_compensation(self.AS_OF), [])

    def test_missing_eur_rate(self):
        inv = self._invoice(self.business, "2024-04-01", 1000, due="2024-05-15")
        with self.assertRaisesRegex(UserError, f"2024-04-30.*{inv.name}"):
            self.Aging._crm_compensation(self.AS_OF)
