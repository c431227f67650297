from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ServiceWarrantyCommon


@tagged("post_install", "-at_install")
class TestWarranty(ServiceWarrantyCommon):
    def test_start_from_delivery(self):
        lot = self._lot("WT-DEL-1")
        self._deliver(lot, self.contact_a, "2024-03-10 10:00:00")
        self.assertEqual(lot.delivery_date, date(2024, 3, 10))
        self.assertEqual(lot.warranty_source, "delivery")
        self.assertEqual(lot.warranty_start_date, date(2024, 3, 10))
        self.assertEqual(lot.warranty_end_date, date(2026, 3, 10))
        self.assertEqual(lot.warranty_effective_end, date(2026, 3, 10))
        # the customer is the company of the contact it was delivered to
        self.assertEqual(lot.customer_id, self.customer_a)

    def test_delivery_day_in_the_users_timezone(self):
        """A delivery validated at 00:30 on 1 January in Warsaw (23:30 UTC the
        day before) started the warranty on 31 December."""
        lot = self._lot("WT-DEL-TZ")
        self._deliver(lot, self.customer_a, "2025-12-31 23:30:00")
        lot.with_context(tz="UTC")._update_delivery()
        self.assertEqual(lot.delivery_date, date(2025, 12, 31))
        lot.with_context(tz="Europe/Warsaw")._update_delivery()
        self.assertEqual(lot.delivery_date, date(2026, 1, 1))
        self.assertEqual(lot.warranty_end_date, date(2028, 1, 1))

    def test_last_delivery_wins(self):
        lot = self._lot("WT-DEL-2")
        self._deliver(lot, self.customer_a, "2023-01-05 10:00:00")
        self._return(lot, self.customer_a, "2023-02-01 10:00:00")
        # back in our stock: nobody's, covered by nothing
        self.assertFalse(lot.customer_id)
        self.assertEqual(lot.return_date, date(2023, 2, 1))
        self.assertFalse(lot.warranty_effective_end)
        self._deliver(lot, self.customer_b, "2024-06-01 10:00:00")
        self.assertFalse(lot.return_date)
        self.assertEqual(lot.customer_id, self.customer_b)
        self.assertEqual(lot.warranty_start_date, date(2024, 6, 1))

    def test_start_from_invoice_without_delivery(self):
        lot = self._lot("WT-INV-1")
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer_b.id,
                "invoice_date": "2025-01-15",
                "invoice_line_ids": [
                    (0, 0, {"product_id": self.device.id, "price_unit": 900})
                ],
            }
        )
        invoice.action_post()
        lot.invoice_id = invoice
        self.assertEqual(lot.warranty_source, "invoice")
        self.assertEqual(lot.warranty_start_date, date(2025, 1, 15))
        self.assertEqual(lot.warranty_end_date, date(2027, 1, 15))
        self.assertEqual(lot.customer_id, self.customer_b)
        # a later delivery of the serial takes over
        self._deliver(lot, self.customer_b, "2025-02-01 08:00:00")
        self.assertEqual(lot.warranty_source, "delivery")
        self.assertEqual(lot.warranty_start_date, date(2025, 2, 1))

    def test_only_a_posted_customer_invoice_starts_a_warranty(self):
        """The form offers only posted customer invoices; RPC is held to it."""
        lot = self._lot("WT-INV-DRAFT")
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer_b.id,
                "invoice_date": "2025-01-15",
                "invoice_line_ids": [
                    (0, 0, {"product_id": self.device.id, "price_unit": 900})
                ],
            }
        )
        with self.assertRaises(ValidationError) as cm:
            lot.write({"invoice_id": invoice.id})
        self.assertIn("WT-INV-DRAFT", str(cm.exception))
        self.assertFalse(lot.invoice_id)
        # an invoice cancelled after it was linked starts nothing any more
        invoice.action_post()
        lot.invoice_id = invoice
        self.assertEqual(lot.customer_id, self.customer_b)
        invoice.button_draft()
        invoice.button_cancel()
        self.assertEqual(lot.warranty_source, "none")
        self.assertFalse(lot.warranty_effective_end)

    def test_manual_start_records_who_and_why(self):
        lot = self._lot(
            "WT-MAN-1",
            warranty_manual_date="2025-05-01",
            warranty_manual_reason="Receipt shown by the customer",
            customer_id=self.customer_a.id,
        )
        self.assertEqual(lot.warranty_source, "manual")
        self.assertEqual(lot.warranty_start_date, date(2025, 5, 1))
        self.assertEqual(lot.warranty_end_date, date(2027, 5, 1))
        self.assertEqual(lot.warranty_manual_user_id, self.env.user)
        self.assertEqual(lot.customer_id, self.customer_a)

    def test_manual_start_needs_a_reason(self):
        lot = self._lot("WT-MAN-2")
        with self.assertRaises(ValidationError) as cm:
            lot.write({"warranty_manual_date": "2025-05-01"})
        self.assertRegex(str(cm.exception), "WT-MAN-2.*why")
        self.assertFalse(lot.warranty_manual_date)

    def test_extended_warranty(self):
        lot = self._lot("WT-EXT-1")
        self._deliver(lot, self.customer_a, "2022-01-10 10:00:00")
        self.assertEqual(lot.warranty_effective_end, date(2024, 1, 10))
        lot.extended_warranty_end = "2027-01-10"
        self.assertEqual(lot.warranty_end_date, date(2024, 1, 10))
        self.assertEqual(lot.warranty_effective_end, date(2027, 1, 10))
        ticket = self._ticket(lot, "2025-06-01")
        self.assertTrue(ticket.under_warranty)

    def _ticket(self, lot, reported, partner=None):
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Grinder noise",
                "description": "<p>Noise</p>",
                "lot_id": lot.id,
                "partner_id": (partner or lot.customer_id).id,
                "reported_date": reported,
            }
        )

    def test_under_warranty_on_reported_day_not_today(self):
        lot = self._lot("WT-REP-1")
        self._deliver(lot, self.customer_a, "2023-01-01 10:00:00")
        # warranty ended on 2025-01-01, long before today
        self.assertLess(lot.warranty_effective_end, fields.Date.today())
        reported_in = self._ticket(lot, "2024-12-20")
        reported_after = self._ticket(lot, "2025-02-01")
        reported_before = self._ticket(lot, "2022-12-01")
        self.assertTrue(reported_in.under_warranty)
        self.assertFalse(reported_after.under_warranty)
        self.assertFalse(reported_before.under_warranty)
        self.assertEqual(reported_in.product_id, self.device)

    def test_product_without_warranty(self):
        self.device.warranty_months = 0
        lot = self._lot("WT-NONE-1")
        self._deliver(lot, self.customer_a, fields.Datetime.now())
        self.assertFalse(lot.warranty_end_date)
        self.assertFalse(self._ticket(lot, fields.Date.today()).under_warranty)

    def test_changing_warranty_months_recomputes_serials(self):
        lot = self._lot("WT-MON-1")
        self._deliver(lot, self.customer_a, "2024-01-01 10:00:00")
        self.device.warranty_months = 36
        self.assertEqual(lot.warranty_end_date, date(2027, 1, 1))

    def test_serial_fills_customer_and_product(self):
        lot = self._lot("WT-FILL-1")
        self._deliver(lot, self.contact_a, "2025-10-01 10:00:00")
        ticket = self.env["helpdesk.ticket"].new({"name": "x", "lot_id": lot.id})
        self.assertFalse(ticket._onchange_lot_id_customer())
        self.assertEqual(ticket.partner_id, self.customer_a)
        self.assertEqual(ticket.product_id, self.device)
        ticket.reported_date = lot.warranty_start_date + timedelta(days=1)
        self.assertTrue(ticket.under_warranty)

    def test_serial_of_another_customer_warns(self):
        lot = self._lot("WT-OTHER-1")
        self._deliver(lot, self.customer_a, "2025-10-01 10:00:00")
        ticket = self.env["helpdesk.ticket"].new(
            {"name": "x", "partner_id": self.customer_b.id, "lot_id": lot.id}
        )
        result = ticket._onchange_lot_id_customer()
        message = result["warning"]["message"]
        self.assertIn("WT-OTHER-1", message)
        self.assertIn("Alfa Serwis", message)
        self.assertIn("Beta Kawa", message)
        # the customer typed by the user is kept
        self.assertEqual(ticket.partner_id, self.customer_b)
        # a contact of the owner is no warning
        ticket.partner_id = self.contact_a
        self.assertFalse(ticket._onchange_lot_id_customer())

    def test_serial_of_another_product_is_refused(self):
        lot = self._lot("WT-PROD-1")
        with self.assertRaises(ValidationError) as cm:
            self.env["helpdesk.ticket"].create(
                {
                    "name": "x",
                    "description": "<p>x</p>",
                    "lot_id": lot.id,
                    "product_id": self.part.id,
                }
            )
        self.assertRegex(str(cm.exception), "WT-PROD-1.*Test coffee grinder")

    def test_update_of_serials_delivered_before_install(self):
        lot = self._lot("WT-OLD-1")
        self._deliver(lot, self.customer_a, "2024-03-10 10:00:00")
        self.env.cr.execute(
            "UPDATE stock_lot SET delivery_date = NULL, delivery_partner_id = NULL "
            "WHERE id = %s",
            [lot.id],
        )
        lot.invalidate_recordset()
        self.env["stock.lot"]._update_delivery_all(batch_size=2)
        self.assertEqual(lot.delivery_date, date(2024, 3, 10))
        self.assertEqual(lot.customer_id, self.customer_a)
        self.assertEqual(lot.warranty_end_date, date(2026, 3, 10))
