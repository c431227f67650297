from datetime import datetime

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import CallServiceCommon


@tagged("post_install", "-at_install")
class TestCallTicket(CallServiceCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service()

    def _call(self, call_id="t1"):
        return self.Call._pbx_event(
            self.pbx,
            {
                "call_id": call_id,
                "event": "ringing",
                "direction": "inbound",
                "caller": "601 987 654",
                "called": "22 100 00 00",
                "extension": "201",
                "timestamp": datetime(2026, 3, 2, 10, 0),
            },
        )

    def test_note_becomes_ticket(self):
        call = self._call()
        with self.assertRaises(UserError):
            call.action_create_ticket()
        call.note = "Grinder jams\nafter the last repair"
        action = call.action_create_ticket()
        ticket = self.Ticket.browse(action["res_id"])
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        self.assertEqual(ticket.partner_id, self.person)
        self.assertEqual(ticket.company_id, self.company)
        self.assertEqual(ticket.name, "Grinder jams")
        self.assertIn("after the last repair", str(ticket.description))
        self.assertEqual(call.ticket_id, ticket)
        self.assertEqual(ticket.call_id, call)
        self.assertEqual(ticket.source_ref, call)
        with self.assertRaises(UserError):
            call.action_create_ticket()

    def test_note_of_blanks_is_no_note(self):
        """A note of spaces and line breaks used to end in an IndexError."""
        call = self._call()
        call.note = " \n\t "
        with self.assertRaises(UserError):
            call.action_create_ticket()
        self.assertFalse(call.ticket_id)

    def test_unknown_caller_refused(self):
        call = self._call()
        call.write({"partner_id": False, "note": "Who was it?"})
        with self.assertRaises(UserError):
            call.action_create_ticket()
        self.assertFalse(call.ticket_id)

    def test_call_in_device_history(self):
        call = self._call()
        call.note = "Espresso machine leaks"
        ticket = self.Ticket.browse(call.action_create_ticket()["res_id"])
        ticket.lot_id = self.lot
        self.env.flush_all()
        lines = self.env["crm.service.device.history"].search(
            [("lot_id", "=", self.lot.id), ("kind", "=", "call")]
        )
        self.assertEqual(len(lines), 1)
        self.assertEqual((lines.res_model, lines.res_id), ("crm.call", call.id))
        self.assertIn("leaks", lines.name)
        action = lines.action_open_record()
        self.assertEqual((action["res_model"], action["res_id"]), ("crm.call", call.id))

    def test_helpdesk_agent_creates_ticket(self):
        self.agent.group_ids += self.env.ref("helpdesk_mgmt.group_helpdesk_user")
        call = self._call().with_user(self.agent)
        call.note = "Needs a service visit"
        ticket = self.Ticket.browse(call.action_create_ticket()["res_id"])
        self.assertEqual(ticket.call_id, call)
        self.assertEqual(call.ticket_id, ticket)
        self.assertEqual(ticket.create_uid, self.agent)
