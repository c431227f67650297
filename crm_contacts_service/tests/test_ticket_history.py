import json

from odoo.tests import HttpCase, TransactionCase, tagged

from .common import CallServiceCommon


@tagged("post_install", "-at_install")
class TestTicketHistory(CallServiceCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service()

    def test_ticket_in_customer_history(self):
        ticket = self._ticket(
            self.person, lot_id=self.lot.id, stage_id=self.open_stage.id
        )
        self.env.flush_all()
        History = self.env["crm.history"]
        self.assertIn("ticket", dict(History._selection_kind()))
        lines = History.search(
            [("partner_id", "=", self.person.id), ("kind", "=", "ticket")]
        )
        self.assertEqual(len(lines), 1)
        self.assertEqual(
            (lines.res_model, lines.res_id), ("helpdesk.ticket", ticket.id)
        )
        for part in (ticket.number, "Does not heat", "Espresso machine", "SN-CALL-001"):
            self.assertIn(part, lines.name)
        self.assertIn(self.open_stage.with_context(lang="en_US").name, lines.name)
        action = lines.action_open_document()
        self.assertEqual(action["res_model"], "helpdesk.ticket")
        self.assertEqual(action["res_id"], ticket.id)

    def test_stage_in_the_readers_language(self):
        """The SQL took the stage's English name, also for a Polish reader."""
        self.env["res.lang"]._activate_lang("pl_PL")
        self.open_stage.with_context(lang="pl_PL").name = "Otwarte (test)"
        ticket = self._ticket(
            self.person, lot_id=self.lot.id, stage_id=self.open_stage.id
        )
        self.agent.group_ids += self.env.ref("helpdesk_mgmt.group_helpdesk_user")
        self.env.flush_all()
        line = (
            self.env["crm.history"]
            .with_user(self.agent)
            .with_context(lang="pl_PL")
            .search([("partner_id", "=", self.person.id), ("kind", "=", "ticket")])
        )
        self.assertEqual(
            line.name,
            f"{ticket.number} – Does not heat – Otwarte (test) – "
            "Espresso machine SN-CALL-001",
        )

    def test_ticket_lines_only_for_helpdesk_users(self):
        self._ticket(self.person)
        self.env.flush_all()
        domain = [("partner_id", "=", self.person.id), ("kind", "=", "ticket")]
        self.assertFalse(self.env["crm.history"].with_user(self.agent).search(domain))
        self.agent.group_ids += self.env.ref("helpdesk_mgmt.group_helpdesk_user")
        self.assertEqual(
            len(self.env["crm.history"].with_user(self.agent).search(domain)), 1
        )


@tagged("post_install", "-at_install")
class TestOpenTicketsOnIdentify(CallServiceCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_service()

    def test_identify_counts_open_tickets(self):
        self._ticket(self.person, stage_id=self.open_stage.id)
        self._ticket(self.firm, stage_id=self.open_stage.id)
        self._ticket(self.person, stage_id=self.closed_stage.id)
        other = self.Partner.create({"name": "Someone else", "is_company": True})
        self._ticket(other, stage_id=self.open_stage.id)
        response = self.url_open(
            "/crm_contacts_ext/pbx/identify",
            data=json.dumps({"number": "0048 601-987-654"}),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.key}",
            },
        )
        self.assertEqual(response.status_code, 200)
        matches = response.json()["matches"]
        self.assertEqual([m["id"] for m in matches], [self.person.id])
        self.assertEqual(matches[0]["open_tickets"], 2)

    def test_identify_without_tickets(self):
        response = self.url_open(
            "/crm_contacts_ext/pbx/identify",
            data=json.dumps({"number": "+48 22 621 45 00"}),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.key}",
            },
        )
        matches = response.json()["matches"]
        self.assertEqual([m["id"] for m in matches], [self.firm.id])
        self.assertEqual(matches[0]["open_tickets"], 0)
