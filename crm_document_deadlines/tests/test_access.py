from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DocumentsCase


@tagged("post_install", "-at_install")
class TestAccess(DocumentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Document = cls.env["crm.document"]
        cls.legal_doc = Document.create(
            {"title": "Legal only", "type_id": cls.contract.id}
        )
        cls.open_doc = Document.create(
            {"title": "No team", "type_id": cls.contract.id, "team_id": False}
        )
        cls.open_doc.team_id = False
        cls.legal_letter = cls.env["crm.correspondence"].create(
            {
                "subject": "For legal",
                "team_id": cls.team_legal.id,
                "holder_user_id": cls.user_a.id,
            }
        )

    def test_team_record_rules(self):
        Document = self.env["crm.document"]
        self.assertEqual(self.legal_doc.team_id, self.team_legal)
        seen_a = Document.with_user(self.user_a).search(
            [("title", "in", ["Legal only", "No team"])]
        )
        seen_b = Document.with_user(self.user_b).search(
            [("title", "in", ["Legal only", "No team"])]
        )
        seen_m = Document.with_user(self.manager).search(
            [("title", "in", ["Legal only", "No team"])]
        )
        self.assertEqual(seen_a, self.legal_doc | self.open_doc)
        self.assertEqual(seen_b, self.open_doc)
        self.assertEqual(seen_m, self.legal_doc | self.open_doc)
        with self.assertRaises(AccessError):
            self.legal_doc.with_user(self.user_b).read(["title"])
        self.assertFalse(
            self.env["crm.correspondence"]
            .with_user(self.user_b)
            .search([("id", "=", self.legal_letter.id)])
        )
        # the user made responsible sees it although outside the team
        self.legal_doc.user_id = self.user_b
        self.assertEqual(self.legal_doc.with_user(self.user_b).title, "Legal only")

    def test_logs_follow_their_record(self):
        self.legal_doc.has_paper_original = True
        checkout = self.env["crm.document.checkout"].create(
            {
                "document_id": self.legal_doc.id,
                "user_id": self.user_a.id,
                "expected_return": "2099-01-01",
            }
        )
        forward = self.env["crm.correspondence.forward"].create(
            {
                "correspondence_id": self.legal_letter.id,
                "to_team_id": self.team_legal.id,
            }
        )
        Checkout = self.env["crm.document.checkout"]
        Forward = self.env["crm.correspondence.forward"]
        self.assertEqual(Checkout.with_user(self.user_a).search([]), checkout)
        self.assertFalse(Checkout.with_user(self.user_b).search([]))
        self.assertEqual(
            Forward.with_user(self.user_a).search([("id", "=", forward.id)]), forward
        )
        self.assertFalse(
            Forward.with_user(self.user_b).search([("id", "=", forward.id)])
        )
        self.assertEqual(
            Forward.with_user(self.manager).search([("id", "=", forward.id)]), forward
        )

    def test_groups(self):
        outsider = new_test_user(self.env, "doc_outsider", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["crm.document"].with_user(outsider).search([])
        with self.assertRaises(AccessError):
            self.open_doc.with_user(self.user_a).unlink()
        with self.assertRaises(AccessError):
            self.contract.with_user(self.user_a).write({"reminder_days": 1})
        self.open_doc.with_user(self.manager).unlink()
        self.assertFalse(self.open_doc.exists())

    def test_multi_company(self):
        other = self.env["res.company"].create({"name": "Druga Sp. z o.o."})
        doc = self.env["crm.document"].create(
            {
                "title": "Other company",
                "type_id": self.env.ref(
                    "crm_document_deadlines.document_type_order"
                ).id,
                "company_id": other.id,
                "team_id": False,
            }
        )
        letter = self.env["crm.correspondence"].create(
            {"subject": "Other company letter", "company_id": other.id}
        )
        self.assertFalse(
            self.env["crm.document"]
            .with_user(self.manager)
            .search([("id", "=", doc.id)])
        )
        self.assertFalse(
            self.env["crm.correspondence"]
            .with_user(self.manager)
            .search([("id", "=", letter.id)])
        )
        self.manager.company_ids |= other
        self.assertEqual(
            self.env["crm.document"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=[other.id])
            .search([("id", "=", doc.id)]),
            doc,
        )
