from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestServiceUi(HttpCase):
    def test_scan_ticket_costs_quotation_tour(self):
        new_test_user(
            self.env,
            "sw_tour",
            groups="base.group_user,helpdesk_mgmt.group_helpdesk_user,"
            "sales_team.group_sale_salesman",
        )
        customer = self.env["res.partner"].create(
            {"name": "Tour Customer", "is_company": True}
        )
        device = self.env["product.product"].create(
            {
                "name": "Tour device",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
                "warranty_months": 12,
            }
        )
        self.env["product.product"].create(
            {"name": "Tour labour", "type": "service", "list_price": 100}
        )
        # bought at a fair long ago: out of warranty, so its costs are billable
        lot = self.env["stock.lot"].create(
            {
                "name": "TOUR-SN-0001",
                "product_id": device.id,
                "customer_id": customer.id,
                "warranty_manual_date": "2020-01-01",
                "warranty_manual_reason": "Receipt",
            }
        )
        self.start_tour("/odoo", "crm_service_warranty_scan_tour", login="sw_tour")
        ticket = self.env["helpdesk.ticket"].search([("lot_id", "=", lot.id)])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, customer)
        self.assertEqual(ticket.product_id, device)
        self.assertFalse(ticket.under_warranty)
        line = ticket.cost_line_ids
        self.assertEqual(line.cost_type, "labour")
        self.assertEqual(line.billing, "billable")
        self.assertEqual(line.quantity, 2)
        order = line.sale_line_id.order_id
        self.assertEqual(order.partner_id, customer)
        self.assertAlmostEqual(order.amount_untaxed, 200)

    def test_devices_expiring_and_history_tour(self):
        new_test_user(
            self.env,
            "sw_tour_devices",
            groups="base.group_user,helpdesk_mgmt.group_helpdesk_user",
        )
        self.start_tour(
            "/odoo", "crm_service_warranty_devices_tour", login="sw_tour_devices"
        )
