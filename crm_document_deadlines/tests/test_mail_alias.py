import base64
from datetime import date

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tests.common import freeze_time

from .common import DocumentsCase

EMAIL = """Return-Path: <{sender}>
To: correspondence@example.com
From: {from_header}
Subject: {subject}
Date: Tue, 10 Nov 2026 09:15:00 +0100
Message-ID: <{msgid}@mail.example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Dzień dobry, w załączeniu pismo.
"""


@tagged("post_install", "-at_install")
class TestMailAlias(DocumentsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rule = cls.env["crm.correspondence.rule"]
        Rule.search([]).active = False
        cls.team_sales = cls.env["crm.document.team"].create(
            {"name": "Sales (test)", "member_ids": [(6, 0, cls.user_b.ids)]}
        )
        Rule.create(
            [
                {
                    "name": "Complaints",
                    "sequence": 1,
                    "match_on": "keyword",
                    "pattern": "Reklamacja",
                    "user_id": cls.user_a.id,
                    "team_id": cls.team_legal.id,
                },
                {
                    "name": "Kowalski",
                    "sequence": 2,
                    "match_on": "domain",
                    "pattern": "kowalski.example.pl",
                    "partner_id": cls.partner.id,
                    "user_id": cls.user_b.id,
                    "team_id": cls.team_sales.id,
                },
            ]
        )

    def _process(self, msgid, sender, subject, from_header=None):
        raw = EMAIL.format(
            sender=sender,
            from_header=from_header or f"Jan Kowalski <{sender}>",
            subject=subject,
            msgid=msgid,
        )
        res_id = self.env["mail.thread"].message_process(
            "crm.correspondence", raw.encode()
        )
        return self.env["crm.correspondence"].browse(res_id)

    def test_alias_exists(self):
        alias = self.env.ref("crm_document_deadlines.mail_alias_correspondence")
        self.assertEqual(alias.alias_model_id.model, "crm.correspondence")

    def test_sender_domain_rule(self):
        entry = self._process("m1", "sekretariat@kowalski.example.pl", "Zapytanie")
        self.assertEqual(entry.direction, "incoming")
        self.assertEqual(entry.channel, "email")
        self.assertRegex(entry.name, r"^KP/2026/\d{5}$")
        self.assertEqual(entry.subject, "Zapytanie")
        self.assertEqual(entry.partner_id, self.partner)
        self.assertEqual(entry.holder_user_id, self.user_b)
        self.assertEqual(entry.team_id, self.team_sales)
        # Date: Tue, 10 Nov 2026 09:15 +0100 is the sender's, not the receipt
        self.assertEqual(str(entry.sender_date), "2026-11-10")
        self.assertEqual(entry.date, fields.Date.context_today(entry))
        self.assertIn("w załączeniu pismo", entry.message_ids[-1].body)

    def test_subject_rule_wins_by_sequence_and_partner_by_email(self):
        other = self.env["res.partner"].create(
            {"name": "Ewa", "email": "ewa@nowhere.example.com"}
        )
        entry = self._process(
            "m2", "ewa@nowhere.example.com", "RE: reklamacja nr 5/2026"
        )
        self.assertEqual(entry.holder_user_id, self.user_a)
        self.assertEqual(entry.team_id, self.team_legal)
        self.assertEqual(entry.partner_id, other)
        both = self._process("m3", "a@kowalski.example.pl", "Reklamacja")
        self.assertEqual(both.holder_user_id, self.user_a)
        self.assertEqual(both.partner_id, self.partner)

    def test_malformed_emails_still_registered(self):
        no_subject = self._process("m4", "x@unknown.example.com", "")
        self.assertEqual(no_subject.subject, "(no subject)")
        self.assertFalse(no_subject.partner_id)
        self.assertFalse(no_subject.holder_user_id)
        bad_from = self._process(
            "m5", "nobody", "Pismo", from_header="=?utf-8?q?broken?= <not an address"
        )
        self.assertTrue(bad_from.exists())
        self.assertEqual(bad_from.subject, "Pismo")
        self.assertFalse(bad_from.partner_id)
        self.assertRegex(bad_from.name, r"^KP/")

    def test_email_without_date_or_sender_is_registered(self):
        """An e-mail without a Date header (scan-to-mail devices) was refused
        with "'NoneType' object has no attribute 'date'" and never registered."""
        raw = (
            "To: correspondence@example.com\n"
            "Subject: Skan pisma\n"
            "Message-ID: <no-date@scanner.example.com>\n"
            "Content-Type: text/plain; charset=utf-8\n\n"
            "skan\n"
        )
        res_id = self.env["mail.thread"].message_process(
            "crm.correspondence", raw.encode()
        )
        entry = self.env["crm.correspondence"].browse(res_id)
        self.assertEqual(entry.subject, "Skan pisma")
        self.assertEqual(entry.direction, "incoming")
        self.assertRegex(entry.name, r"^KP/\d{4}/\d{5}$")
        self.assertEqual(entry.date, fields.Date.context_today(entry))
        self.assertFalse(entry.email_from)

    def test_sender_date_is_kept_the_register_counts_from_receipt(self):
        """A mail dated 31 December 2025 arriving on 2 December 2026 is
        KP/2026/..., received on 2 December; the reply counts from then."""
        raw = EMAIL.format(
            sender="a@kowalski.example.pl",
            from_header="a@kowalski.example.pl",
            subject="Wezwanie",
            msgid="late",
        ).replace("Tue, 10 Nov 2026 09:15:00 +0100", "Wed, 31 Dec 2025 23:30:00 +0100")
        self.env.company.partner_id.tz = "Europe/Warsaw"
        with freeze_time("2026-12-02 08:00:00"):
            res_id = self.env["mail.thread"].message_process(
                "crm.correspondence", raw.encode()
            )
            entry = self.env["crm.correspondence"].browse(res_id)
            self.assertRegex(entry.name, r"^KP/2026/\d{5}$")
            self.assertEqual(entry.date, date(2026, 12, 2))
            # 23:30 in Warsaw, 22:30 UTC: still the sender's 31 December
            self.assertEqual(entry.sender_date, date(2025, 12, 31))
            entry.reply_days = 2
            self.assertEqual(entry.reply_due, date(2026, 12, 4))

    def test_rules_holders_and_departments_of_the_letters_company_only(self):
        other = self.env["res.company"].create({"name": "Oddział Gdańsk"})
        clerk_b = new_test_user(
            self.env,
            "doc_clerk_gdansk",
            groups="base.group_user,crm_document_deadlines.group_document_user",
            company_id=other.id,
            company_ids=[other.id],
        )
        team_b = self.env["crm.document.team"].create(
            {"name": "Gdańsk office", "company_id": other.id}
        )
        self.env["crm.correspondence.rule"].create(
            [
                {
                    "name": "Gdańsk: Kowalski",
                    "sequence": 0,
                    "match_on": "domain",
                    "pattern": "kowalski.example.pl",
                    "user_id": clerk_b.id,
                    "team_id": team_b.id,
                    "company_id": other.id,
                },
                {
                    # a shared rule pointing at another company's department
                    "name": "Shared",
                    "sequence": 0,
                    "match_on": "keyword",
                    "pattern": "Zapytanie",
                    "team_id": team_b.id,
                    "company_id": False,
                },
            ]
        )
        entry = self._process("mc1", "sekretariat@kowalski.example.pl", "Zapytanie")
        self.assertEqual(entry.company_id, self.env.company)
        # this company's rule, not the Gdańsk one that comes first
        self.assertEqual(entry.holder_user_id, self.user_b)
        self.assertEqual(entry.team_id, self.team_sales)
        raw = EMAIL.format(
            sender="b@kowalski.example.pl",
            from_header="b@kowalski.example.pl",
            subject="Zapytanie",
            msgid="mc2",
        )
        # the defaults of the Gdańsk alias
        res_id = self.env["mail.thread"].message_process(
            "crm.correspondence", raw.encode(), custom_values={"company_id": other.id}
        )
        there = self.env["crm.correspondence"].browse(res_id)
        self.assertEqual(there.company_id, other)
        self.assertEqual(there.holder_user_id, clerk_b)
        self.assertEqual(there.team_id, team_b)
        self.assertEqual(there.with_user(clerk_b).subject, "Zapytanie")

    def test_emailed_attachment_in_the_attachments_field(self):
        pdf = b"%PDF-1.4 pismo"
        raw = (
            "To: correspondence@example.com\n"
            "From: sekretariat@kowalski.example.pl\n"
            "Subject: Pismo z zalacznikiem\n"
            "Date: Tue, 10 Nov 2026 09:15:00 +0100\n"
            "Message-ID: <att@mail.example.com>\n"
            "MIME-Version: 1.0\n"
            'Content-Type: multipart/mixed; boundary="XX"\n\n'
            "--XX\n"
            'Content-Type: text/plain; charset="utf-8"\n\n'
            "W zalaczeniu pismo.\n"
            "--XX\n"
            'Content-Type: application/pdf; name="pismo.pdf"\n'
            'Content-Disposition: attachment; filename="pismo.pdf"\n'
            "Content-Transfer-Encoding: base64\n\n"
            f"{base64.b64encode(pdf).decode()}\n"
            "--XX--\n"
        )
        res_id = self.env["mail.thread"].message_process(
            "crm.correspondence", raw.encode()
        )
        entry = self.env["crm.correspondence"].browse(res_id)
        self.assertEqual(entry.attachment_ids.mapped("name"), ["pismo.pdf"])
        self.assertEqual(entry.attachment_ids.raw, pdf)
        self.assertEqual(entry.message_ids.attachment_ids, entry.attachment_ids)
