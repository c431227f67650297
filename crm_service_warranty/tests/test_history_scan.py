from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import ServiceWarrantyCommon


@tagged("post_install", "-at_install")
class TestHistoryAndScan(ServiceWarrantyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot = cls._lot("HS-0001")
        cls._deliver(cls.lot, cls.customer_a, "2025-01-10 10:00:00")

    def test_history_lists_everything_newest_first(self):
        event = self.env["calendar.event"].create(
            {
                "name": "Visit: grinder jammed",
                "start": "2025-03-01 09:00:00",
                "stop": "2025-03-01 10:00:00",
            }
        )
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Grinder jammed",
                "description": "<p>Jammed</p>",
                "lot_id": self.lot.id,
                "partner_id": self.customer_a.id,
                "source_ref": f"calendar.event,{event.id}",
            }
        )
        ticket.message_post(body="Customer called again", message_type="comment")
        self.env["helpdesk.ticket.cost.line"].create(
            {"ticket_id": ticket.id, "product_id": self.part.id, "quantity": 1}
        )
        repair = self.env["repair.order"].create(
            {
                "product_id": self.device.id,
                "lot_id": self.lot.id,
                "partner_id": self.customer_a.id,
                "schedule_date": "2025-04-01 12:00:00",
            }
        )
        call_note = self.customer_a.message_post(
            body="Phone call: the grinder smells burnt", message_type="comment"
        )
        self.env["helpdesk.ticket"].create(
            {
                "name": "Burnt smell",
                "description": "<p>Smell</p>",
                "lot_id": self.lot.id,
                "partner_id": self.customer_a.id,
                "source_ref": f"mail.message,{call_note.id}",
            }
        )
        other = self._lot("HS-0002")
        self.env["helpdesk.ticket"].create(
            {"name": "Other", "description": "<p>x</p>", "lot_id": other.id}
        )
        action = self.lot.action_open_service_history()
        history = self.env[action["res_model"]].search(action["domain"])
        kinds = set(history.mapped("kind"))
        self.assertEqual(
            kinds, {"delivery", "ticket", "repair", "cost", "event", "message"}
        )
        self.assertEqual(set(history.lot_id.ids), {self.lot.id})
        dates = history.mapped("date")
        self.assertEqual(dates, sorted(dates, reverse=True))
        names = " ".join(history.mapped("name"))
        self.assertIn("Customer called again", names)
        self.assertIn("the grinder smells burnt", names)
        note_line = history.filtered(lambda h: "smells burnt" in h.name)
        self.assertEqual(
            (note_line.res_model, note_line.res_id), ("res.partner", self.customer_a.id)
        )
        repair_line = history.filtered(lambda h: h.kind == "repair")
        opened = repair_line.action_open_record()
        self.assertEqual(
            (opened["res_model"], opened["res_id"]), ("repair.order", repair.id)
        )
        # every line opens the document it names
        for line in history:
            opened = line.action_open_record()
            self.assertEqual(
                (opened["res_model"], opened["res_id"]), (line.res_model, line.res_id)
            )
        # the same screen from the ticket
        from_ticket = ticket.action_open_device_history()
        self.assertEqual(from_ticket["domain"], action["domain"])

    def test_scan_known_serial(self):
        scan = self.env["crm.service.scan"].create({})
        self.assertIsNone(scan.on_barcode_scanned("HS-0001"))
        self.assertEqual(scan.lot_id, self.lot)
        self.assertFalse(scan.unknown)
        new_ticket = scan.action_new_ticket()
        self.assertEqual(new_ticket["res_model"], "helpdesk.ticket")
        self.assertEqual(new_ticket["context"]["default_lot_id"], self.lot.id)
        self.assertEqual(
            new_ticket["context"]["default_partner_id"], self.customer_a.id
        )
        ticket = (
            self.env["helpdesk.ticket"]
            .with_context(**new_ticket["context"])
            .create({"description": "<p>x</p>"})
        )
        self.assertEqual(ticket.product_id, self.device)
        self.assertEqual(ticket.partner_id, self.customer_a)
        history = scan.action_open_history()
        self.assertEqual(history["domain"], [("lot_id", "=", self.lot.id)])

    def test_scan_unknown_serial(self):
        scan = self.env["crm.service.scan"].create({})
        result = scan.on_barcode_scanned("NO-SUCH-SN")
        self.assertIn("NO-SUCH-SN", result["warning"]["message"])
        self.assertTrue(scan.unknown)
        with self.assertRaises(UserError) as cm:
            scan.action_new_ticket()
        self.assertRegex(str(cm.exception), "NO-SUCH-SN")
        register = scan.action_register_device()
        self.assertEqual(register["res_model"], "stock.lot")
        self.assertEqual(register["context"]["default_name"], "NO-SUCH-SN")

    def test_devices_found_by_a_person_of_the_customer(self):
        """The caller gives their own name: the devices of their company are
        found by it in the devices' search, as by the company's name."""
        lot = self._lot("SRCH-1")
        self._deliver(lot, self.customer_a, "2025-06-01 10:00:00")
        arch = self.env["stock.lot"].get_view(
            self.env.ref("crm_service_warranty.stock_lot_view_search_device").id,
            "search",
        )["arch"]
        node = etree.fromstring(arch).xpath("//field[@name='customer_id']")[0]
        for typed in ("Anna Alfa", "Alfa Serwis"):
            domain = safe_eval(node.get("filter_domain"), {"self": typed})
            self.assertIn(lot, self.env["stock.lot"].search(domain))
        domain = safe_eval(node.get("filter_domain"), {"self": "Beta Kawa"})
        self.assertNotIn(lot, self.env["stock.lot"].search(domain))
