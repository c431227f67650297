from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import DocumentsCase


@tagged("post_install", "-at_install")
class TestArchive(DocumentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Location = cls.env["crm.archive.location"]
        cls.archive = Location.create({"name": "Archive", "kind": "archive"})
        cls.room = Location.create(
            {"name": "Room 1", "kind": "room", "parent_id": cls.archive.id}
        )
        cls.binder = Location.create(
            {"name": "Binder A", "kind": "binder", "parent_id": cls.room.id}
        )
        cls.doc = cls.env["crm.document"].create(
            {
                "title": "Lease",
                "type_id": cls.contract.id,
                "has_paper_original": True,
                "location_id": cls.binder.id,
            }
        )

    def test_location_tree(self):
        self.assertEqual(self.binder.complete_name, "Archive / Room 1 / Binder A")
        self.room.name = "Room 2"
        self.assertEqual(self.binder.complete_name, "Archive / Room 2 / Binder A")
        self.assertEqual(self.archive.document_count, 1)
        with self.assertRaises(UserError):
            self.archive.parent_id = self.binder
        self.assertFalse(self.archive.parent_id)

    def test_label_barcode_and_report(self):
        self.assertRegex(self.doc.barcode, r"^DOC\d{7}$")
        no_paper = self.env["crm.document"].create(
            {"title": "Scan only", "type_id": self.contract.id}
        )
        self.assertFalse(no_paper.barcode)
        with self.assertRaises(UserError):
            no_paper.action_print_label()
        no_paper.has_paper_original = True
        self.assertTrue(no_paper.barcode)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "crm_document_deadlines.report_document_label", self.doc.ids
        )[0]
        self.assertIn(b"/report/barcode/?barcode_type=Code128", html)
        self.assertIn(self.doc.barcode.encode(), html)
        self.assertIn(b"Archive / Room 1 / Binder A", html)

    def test_check_out_in_and_overdue(self):
        Checkout = self.env["crm.document.checkout"]
        with freeze_time("2026-11-02 10:00:00"):
            checkout = Checkout.create(
                {
                    "document_id": self.doc.id,
                    "user_id": self.user_b.id,
                    "expected_return": date(2026, 11, 5),
                }
            )
            self.assertTrue(self.doc.is_checked_out)
            with self.assertRaises(ValidationError) as cm:
                Checkout.create(
                    {"document_id": self.doc.id, "expected_return": date(2026, 11, 6)}
                )
            self.assertRegex(str(cm.exception), "already taken out")
        with freeze_time("2026-11-05"):
            self.assertEqual(Checkout._cron_overdue_returns(), 0)
        with freeze_time("2026-11-06"):
            self.assertEqual(Checkout._cron_overdue_returns(), 1)
            self.assertEqual(Checkout._cron_overdue_returns(), 0)
        self.assertTrue(checkout.is_overdue)
        self.assertEqual(self.doc.activity_ids.user_id, self.user_b)
        with freeze_time("2026-11-07 12:00:00"):
            scan = self.env["crm.document.scan"].create({"barcode": self.doc.barcode})
            self.assertEqual(scan.document_id, self.doc)
            action = scan.action_return()
        self.assertEqual(action["res_id"], self.doc.id)
        self.assertEqual(str(checkout.date_in), "2026-11-07 12:00:00")
        self.assertFalse(checkout.is_overdue)
        self.assertFalse(self.doc.is_checked_out)
        self.assertFalse(self.doc.activity_ids)
        with self.assertRaises(UserError):
            self.doc.action_check_in()

    def test_scan_unknown_label_and_open(self):
        scan = self.env["crm.document.scan"].create({"barcode": "NOPE"})
        with self.assertRaises(UserError) as cm:
            scan.action_open()
        self.assertRegex(str(cm.exception), "NOPE")
        # scanning an unknown label says so at once
        scan = self.env["crm.document.scan"].create({})
        answer = scan.on_barcode_scanned("NOPE-2")
        self.assertRegex(
            answer["warning"]["message"], "No document has the label NOPE-2"
        )
        self.assertIsNone(scan.on_barcode_scanned(self.doc.barcode))
        self.assertEqual(scan.action_open()["res_id"], self.doc.id)
        # the label of a document of a team the user is not in
        scan = self.env["crm.document.scan"].with_user(self.user_b).create({})
        answer = scan.on_barcode_scanned(self.doc.barcode)
        self.assertRegex(answer["warning"]["message"], "not one you may open")
        with self.assertRaises(UserError):
            scan.action_open()

    def test_expected_return_before_check_out_refused(self):
        with self.assertRaises(ValidationError) as cm:
            self.env["crm.document.checkout"].create(
                {"document_id": self.doc.id, "expected_return": date(2000, 1, 1)}
            )
        self.assertRegex(str(cm.exception), r"expected return \(01/01/2000\) is before")
        self.assertFalse(self.doc.checkout_ids)
