from datetime import date, datetime

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDeadlinesInTheWeek(TransactionCase):
    def test_document_deadlines_are_in_the_week_of_the_team(self):
        user = new_test_user(
            self.env,
            "week_doc_user",
            groups="base.group_user,sales_team.group_sale_salesman,"
            "crm_document_deadlines.group_document_user",
        )
        doc_type = self.env["crm.document.type"].create(
            {"name": "Contract (week test)", "notice_days": 30}
        )
        customer = self.env["res.partner"].create(
            {"name": "Week Docs sp. z o.o.", "is_company": True, "city": "Gdańsk"}
        )
        document = self.env["crm.document"].create(
            {
                "title": "Framework contract",
                "type_id": doc_type.id,
                "partner_id": customer.id,
                "valid_from": date(2026, 1, 1),
                "valid_to": date(2026, 12, 31),
                "user_id": user.id,
            }
        )
        document.state = "active"
        lines = (
            self.env["crm.team.week"]
            .with_user(user)
            .search(
                [
                    ("start", ">=", datetime(2026, 12, 28)),
                    ("start", "<", datetime(2027, 1, 4)),
                    ("user_id", "=", user.id),
                ]
            )
        )
        expiry = lines.filtered(lambda line: line.kind == "document_expiry")
        self.assertEqual(expiry.res_id, document.id)
        self.assertEqual(expiry.start, datetime(2026, 12, 31))
        self.assertTrue(expiry.allday)
        self.assertEqual(expiry.city, "Gdańsk")
        self.assertIn("Framework contract", expiry.name)
        # someone without access to the documents does not see them
        other = new_test_user(self.env, "week_doc_other", groups="base.group_user")
        self.assertFalse(
            self.env["crm.team.week"]
            .with_user(other)
            .search([("kind", "=", "document_expiry"), ("res_id", "=", document.id)])
        )
