from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import VisitsCase


@tagged("post_install", "-at_install")
class TestReportHistory(VisitsCase):
    def test_report_and_history(self):
        visit = self.visit(
            self.meblex,
            self.tomorrow - timedelta(days=2),
            contact_ids=[(6, 0, self.anna.ids)],
            purpose="New catalogue",
        )
        History = self.env["crm.history"]
        lines = History.search([("partner_id", "in", self.meblex.ids)])
        self.assertEqual(lines.mapped("kind"), ["visit"], "a visit, not also a meeting")
        self.assertIn("New catalogue", lines.name)

        action = visit.action_open_report()
        self.assertEqual(action["target"], "new")
        report = visit.with_user(self.salesman)
        with self.assertRefused(UserError, "Choose the outcome"):
            report.action_save_report()
        call = self.env.ref("mail.mail_activity_data_call")
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.salesman)
            .create({"name": "photo.jpg", "raw": b"x"})
        )
        report.write(
            {
                "outcome": "follow_up",
                "report_notes": "<p>Wants a sample of oak</p>",
                "next_step_type_id": call.id,
                "next_step_date": (self.tomorrow + timedelta(days=3)).date(),
                "next_step_summary": "Call about the sample",
                "attachment_ids": [(6, 0, attachment.ids)],
            }
        )
        report.action_save_report()
        self.assertEqual(visit.visit_state, "done")
        self.assertEqual(visit.report_user_id, self.salesman)
        self.assertEqual(attachment.res_model, "crm.visit")
        activity = visit.next_activity_id
        self.assertEqual(activity.res_model, "res.partner")
        self.assertEqual(activity.res_id, self.meblex.id)
        self.assertEqual(activity.user_id, self.salesman)
        self.assertEqual(activity.summary, "Call about the sample")
        # saving again makes no second activity
        report.action_save_report()
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_model", "=", "res.partner"), ("res_id", "=", self.meblex.id)]
            ),
            1,
        )
        lines = History.with_user(self.salesman).search(
            [("partner_id", "in", self.meblex._crm_history_partner_ids(False))]
        )
        report_line = lines.filtered(lambda line: line.kind == "visit_report")
        self.assertEqual(
            report_line.name,
            "Visit: Meblex Test sp. z o.o. – Follow-up needed – Wants a sample of oak",
        )
        self.assertIn("activity", lines.mapped("kind"))
        opened = report_line.action_open_document()
        self.assertEqual(
            (opened["res_model"], opened["res_id"]), ("crm.visit", visit.id)
        )

    def test_others_do_not_see_the_visit_in_the_history(self):
        self.visit(self.meblex, self.tomorrow)
        lines = (
            self.env["crm.history"]
            .with_user(self.stranger)
            .search([("partner_id", "=", self.meblex.id)])
        )
        self.assertFalse(lines.filtered(lambda line: line.kind == "visit"))
