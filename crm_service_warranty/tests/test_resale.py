from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ServiceWarrantyCommon


@tagged("post_install", "-at_install")
class TestResale(ServiceWarrantyCommon):
    """A ticket keeps the warranty of its customer on its reported day."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.device.warranty_months = 12
        cls.lot = cls._lot("RS-1")
        cls.delivery_a = cls._deliver(cls.lot, cls.contact_a, "2025-01-10 10:00:00")
        cls.ticket_a = cls._ticket(cls.lot, cls.contact_a, "2025-06-01")
        cls.line_a = cls.env["helpdesk.ticket.cost.line"].create(
            {"ticket_id": cls.ticket_a.id, "product_id": cls.part.id}
        )

    @classmethod
    def _ticket(cls, lot, partner, reported):
        return cls.env["helpdesk.ticket"].create(
            {
                "name": f"Service of {lot.name}",
                "description": "<p>Broken</p>",
                "lot_id": lot.id,
                "partner_id": partner.id,
                "reported_date": reported,
            }
        )

    def _covered(self, partner, reported):
        return self._ticket(self.lot, partner, reported).under_warranty

    def _assert_a_covered(self):
        self.assertTrue(self.ticket_a.under_warranty)
        self.assertEqual(self.ticket_a.warranty_effective_end, date(2026, 1, 10))
        self.assertEqual(self.line_a.billing, "warranty")
        self.assertEqual(self.ticket_a.billable_total, 0)

    def test_resold_device_does_not_bill_the_previous_owner(self):
        self._assert_a_covered()
        self._return(self.lot, self.customer_a, "2025-07-01 10:00:00")
        self._deliver(self.lot, self.customer_b, "2025-08-01 10:00:00")
        self.assertEqual(self.lot.customer_id, self.customer_b)
        self.assertEqual(self.lot.warranty_effective_end, date(2026, 8, 1))
        self._assert_a_covered()
        with self.assertRaises(UserError):
            self.ticket_a.action_create_quotation()
        self.assertFalse(self.line_a.sale_line_id)
        # B's ticket has B's warranty
        ticket_b = self._ticket(self.lot, self.customer_b, "2026-03-01")
        self.assertTrue(ticket_b.under_warranty)
        self.assertEqual(ticket_b.warranty_effective_end, date(2026, 8, 1))
        # a ticket reported now about A's time is A's warranty, not B's
        late_a = self._ticket(self.lot, self.customer_a, "2025-06-15")
        self.assertTrue(late_a.under_warranty)
        self.assertEqual(late_a.warranty_effective_end, date(2026, 1, 10))
        # A after the device left them, B before it came to them: not covered
        self.assertFalse(self._covered(self.customer_a, "2025-09-01"))
        self.assertFalse(self._covered(self.customer_b, "2025-06-15"))

    def test_return_day_is_still_the_customers(self):
        self._return(self.lot, self.customer_a, "2025-07-01 10:00:00")
        self.assertTrue(self._covered(self.customer_a, "2025-07-01"))
        self.assertFalse(self._covered(self.customer_a, "2025-07-02"))
        self._assert_a_covered()

    def test_product_warranty_change_keeps_reported_tickets(self):
        self.device.warranty_months = 3
        self.assertEqual(self.lot.warranty_effective_end, date(2025, 4, 10))
        self._assert_a_covered()
        self.device.warranty_months = 1
        self._assert_a_covered()

    def test_extended_warranty_sold_later_keeps_reported_tickets(self):
        late = self._ticket(self.lot, self.customer_a, "2026-03-01")
        self.assertFalse(late.under_warranty)
        self.lot.extended_warranty_end = "2027-01-10"
        self.assertFalse(late.under_warranty)
        self.assertEqual(late.warranty_effective_end, date(2026, 1, 10))
        # a ticket reported now gets the extension
        self.assertTrue(self._covered(self.customer_a, "2026-03-02"))

    def test_manual_start_change_keeps_reported_tickets(self):
        lot = self._lot(
            "RS-MAN",
            customer_id=self.customer_a.id,
            warranty_manual_date="2025-01-01",
            warranty_manual_reason="Receipt",
        )
        ticket = self._ticket(lot, self.customer_a, "2025-03-01")
        self.assertTrue(ticket.under_warranty)
        lot.write(
            {"warranty_manual_date": "2023-01-01", "warranty_manual_reason": "Older"}
        )
        self.assertEqual(lot.warranty_effective_end, date(2024, 1, 1))
        self.assertTrue(ticket.under_warranty)
        self.assertEqual(ticket.warranty_effective_end, date(2026, 1, 1))

    def test_update_of_all_serials_keeps_reported_tickets(self):
        self._return(self.lot, self.customer_a, "2025-07-01 10:00:00")
        self._deliver(self.lot, self.customer_b, "2025-08-01 10:00:00")
        self.env["stock.lot"]._update_delivery_all()
        self._assert_a_covered()

    def test_edit_of_the_ticket_recomputes(self):
        with Form(self.ticket_a) as form:
            form.reported_date = date(2026, 2, 1)
        self.assertFalse(self.ticket_a.under_warranty)
        self.assertEqual(self.line_a.billing, "billable")
        self.ticket_a.reported_date = "2025-06-01"
        self._assert_a_covered()
        # another customer: not their warranty
        self.ticket_a.partner_id = self.customer_b
        self.assertFalse(self.ticket_a.under_warranty)
        self.assertEqual(self.line_a.billing, "billable")
        self.ticket_a.partner_id = self.customer_a
        self._assert_a_covered()
        # another device, never delivered
        self.ticket_a.lot_id = self._lot("RS-OTHER")
        self.assertFalse(self.ticket_a.under_warranty)
        self.assertFalse(self.ticket_a.warranty_effective_end)

    def test_quoted_and_invoiced_lines_never_change(self):
        self.ticket_a.reported_date = "2026-02-01"
        self.assertEqual(self.line_a.billing, "billable")
        order = self.env["sale.order"].browse(
            self.ticket_a.action_create_quotation()["res_id"]
        )
        free = self.env["helpdesk.ticket.cost.line"].create(
            {"ticket_id": self.ticket_a.id, "product_id": self.labour.id}
        )
        self.ticket_a.reported_date = "2025-06-01"
        self.assertTrue(self.ticket_a.under_warranty)
        self.assertEqual(free.billing, "warranty")
        self.assertEqual(self.line_a.billing, "billable")
        self.assertEqual(self.line_a.sale_order_id, order)
        order.action_confirm()
        order._create_invoices()
        self.ticket_a.reported_date = "2026-02-01"
        self.assertEqual(self.line_a.billing, "billable")
        self.assertEqual(free.billing, "billable")
        self.ticket_a.reported_date = "2025-06-01"
        self.assertEqual(self.line_a.billing, "billable")
        self.assertEqual(self.line_a.billable_total, 100)

    def _return_with_picking(self, delivery):
        """The user clicks Return on the delivery, then Validate."""
        wizard = (
            self.env["stock.return.picking"]
            .with_context(
                active_id=delivery.id,
                active_ids=delivery.ids,
                active_model="stock.picking",
            )
            .create({})
        )
        wizard.product_return_moves.quantity = 1
        picking = self.env["stock.picking"].browse(
            wizard.action_create_returns()["res_id"]
        )
        picking.move_ids.move_line_ids.lot_id = self.lot
        picking.move_ids.picked = True
        result = picking.button_validate()
        self.assertIs(result, True)
        self.assertEqual(picking.state, "done")
        return picking

    def test_return_picking_ends_the_customers_ownership(self):
        self.assertEqual(self.customer_a.service_device_count, 1)
        self._return_with_picking(self.delivery_a)
        self.assertFalse(self.lot.customer_id)
        self.assertEqual(self.lot.delivery_partner_id, self.contact_a)
        self.assertTrue(self.lot.return_date)
        self.assertEqual(self.lot.warranty_source, "none")
        self.assertFalse(self.lot.warranty_effective_end)
        self.customer_a.invalidate_recordset(["service_device_count"])
        self.assertEqual(self.customer_a.service_device_count, 0)
        history = self.env["crm.service.device.history"].search(
            [("lot_id", "=", self.lot.id), ("kind", "in", ("delivery", "return"))]
        )
        self.assertEqual(history.mapped("kind"), ["return", "delivery"])
        self._assert_a_covered()
        # delivered again: the new customer's
        self._deliver(self.lot, self.customer_b, "2099-01-01 10:00:00")
        self.assertEqual(self.lot.customer_id, self.customer_b)
        self.assertFalse(self.lot.return_date)
