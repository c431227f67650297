from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CollectionCommon
from .test_interest import interest


@tagged("post_install", "-at_install")
class TestInterestNote(CollectionCommon):
    def _wizard(self, partner, date_from="2024-05-01", date_to="2024-05-31"):
        return self.env["crm.interest.note.wizard"].create(
            {
                "partner_ids": [(6, 0, partner.ids)],
                "date_from": date_from,
                "date_to": date_to,
                "date": "2024-06-03",
            }
        )

    def test_note_for_late_payments_once(self):
        inv = self._invoice(self.business, "2024-04-01", 1000, due="2024-04-30")
        self._pay(inv, 600, "2024-05-10")
        self._pay(inv, 400, "2024-05-30")
        note = self._wizard(self.business)._issue()
        expected = round(interest(600, (10, 15.75)) + interest(400, (30, 15.75)), 2)
        self.assertEqual(expected, 7.77)
        self.assertEqual(note.state, "posted")
        self.assertTrue(note.crm_interest_note)
        self.assertEqual(note.journal_id.type, "general")
        self.assertEqual(note.move_type, "entry")
        self.assertFalse(note.line_ids.tax_ids)
        self.assertFalse(note.line_ids.tax_line_id)
        receivable = note.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertEqual(receivable.balance, expected)
        self.assertEqual(receivable.date_maturity, date(2024, 6, 17))
        self.assertEqual(len(note.crm_interest_note_line_ids), 2)
        self.assertEqual(note.crm_interest_note_line_ids.mapped("days"), [10, 30])
        # the note is a receivable item like any other, bearing no interest
        row = self._rows(note, date(2024, 7, 31))
        self.assertEqual(row.amount_residual, expected)
        self.assertEqual(row.crm_interest, 0.0)
        self.assertEqual(row.crm_compensation, 0.0)
        # the same payments again: refused, naming the note
        with self.assertRaisesRegex(UserError, note.name):
            self._wizard(self.business)._issue()
        with self.assertRaisesRegex(UserError, note.name):
            self._wizard(self.business, "2024-05-20", "2024-06-30")._issue()

    def test_open_item_interest_leaves_out_what_is_noted(self):
        inv = self._invoice(self.business, "2024-04-01", 1000, due="2024-04-30")
        self._pay(inv, 600, "2024-05-10")
        before = self._interest(inv)[date(2024, 4, 30)][0]
        self.assertEqual(
            before, round(interest(600, (10, 15.75)) + interest(400, (40, 15.75)), 2)
        )
        self._wizard(self.business)._issue()
        self.assertEqual(
            self._interest(inv)[date(2024, 4, 30)][0], interest(400, (40, 15.75))
        )

    def test_eur_note_in_invoice_currency(self):
        inv = self._invoice(
            self.business, "2024-04-01", 1000, due="2024-04-30", currency=self.eur
        )
        self._pay(inv, 1000, "2024-05-30", currency=self.eur)
        note = self._wizard(self.business)._issue()
        self.assertEqual(note.currency_id, self.eur)
        receivable = note.line_ids.filtered(lambda line: line.balance > 0)
        self.assertEqual(receivable.amount_currency, interest(1000, (30, 15.75)))
        self.assertEqual(receivable.balance, interest(4000, (30, 15.75)))

    def test_bad_input(self):
        inv = self._invoice(self.business, "2024-04-01", 1000, due="2024-04-30")
        self._pay(inv, 1000, "2024-04-20")
        with self.assertRaisesRegex(UserError, "paid nothing late"):
            self._wizard(self.business)._issue()
        with self.assertRaisesRegex(UserError, "starts"):
            self._wizard(self.business, "2024-06-01", "2024-05-01")._issue()
        self.assertFalse(
            self.env["account.move"].search([("crm_interest_note", "=", True)])
        )
