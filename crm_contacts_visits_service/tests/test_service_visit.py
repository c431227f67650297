from datetime import datetime, timedelta

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestServiceVisit(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz="Europe/Warsaw"))
        cls.company = cls.env.company
        cls.customer = cls.env["res.partner"].create(
            {"name": "Kawiarnia Test sp. z o.o.", "is_company": True, "city": "Łódź"}
        )
        cls.person = cls.env["res.partner"].create(
            {"name": "Ewa Barista", "parent_id": cls.customer.id}
        )
        device = cls.env["product.product"].create(
            {
                "name": "Espresso machine (visit)",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
            }
        )
        cls.lot = cls.env["stock.lot"].create(
            {
                "name": "SN-VISIT-001",
                "product_id": device.id,
                "company_id": cls.company.id,
            }
        )
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Does not heat",
                "description": "<p>Water stays cold.</p>",
                "partner_id": cls.person.id,
                "company_id": cls.company.id,
                "lot_id": cls.lot.id,
            }
        )

    def _plan(self, **values):
        context = self.ticket.action_crm_plan_visit()["context"]
        start = datetime(2024, 3, 5, 9)
        return (
            self.env["crm.visit"]
            .with_context(**context)
            .create({"start": start, "stop": start + timedelta(hours=2), **values})
        )

    def test_service_visit_from_a_ticket(self):
        visit = self._plan(km=42, travel_vehicle_type="car_small")
        self.assertEqual(visit.customer_id, self.customer)
        self.assertEqual(visit.contact_ids, self.person)
        self.assertEqual(visit.origin, "ticket")
        self.assertEqual(self.ticket.crm_visit_ids, visit)
        self.assertEqual(self.ticket.crm_visit_count, 1)
        # in the device's history
        history = self.env["crm.service.device.history"].search(
            [("lot_id", "=", self.lot.id), ("res_model", "=", "crm.visit")]
        )
        self.assertEqual(history.res_id, visit.id)
        self.assertEqual(history.ticket_id, self.ticket)
        self.assertEqual(history._document(), visit)
        # the report puts the travel on the ticket once: 42 km × 0.89 zł
        visit.outcome = "success"
        visit.action_save_report()
        line = visit.travel_cost_line_id
        self.assertEqual(line.ticket_id, self.ticket)
        self.assertEqual(line.cost_type, "travel")
        self.assertEqual(line.quantity, 42)
        self.assertEqual(line.unit_cost, 0.89)
        self.assertAlmostEqual(line.cost_total, 37.38)
        visit.action_save_report()
        self.assertEqual(len(self.ticket.cost_line_ids), 1)

    def test_travel_cost_needs_km_and_a_private_vehicle(self):
        visit = self._plan()
        with self.assertRaises(UserError) as caught:
            visit.action_crm_add_travel_cost()
        self.assertIn("Type the kilometres", str(caught.exception))
        visit.write({"km": 10, "travel_vehicle_type": "company_car"})
        with self.assertRaises(UserError) as caught:
            visit.action_crm_add_travel_cost()
        self.assertIn("company car", str(caught.exception))
        self.assertFalse(self.ticket.cost_line_ids)
