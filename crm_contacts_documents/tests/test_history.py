from datetime import date, timedelta

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestHistory(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        groups = "base.group_user,crm_document_deadlines.group_document_user"
        cls.member = new_test_user(env, "hist_doc_member", groups=groups)
        cls.outsider = new_test_user(env, "hist_doc_outsider", groups=groups)
        cls.team = env["crm.document.team"].create(
            {"name": "Legal (history test)", "member_ids": [(6, 0, cls.member.ids)]}
        )
        doc_type = env["crm.document.type"].create(
            {"name": "Contract (history test)", "team_id": cls.team.id}
        )
        cls.company = env["res.partner"].create(
            {"name": "Gamma sp. z o.o.", "is_company": True}
        )
        cls.person = env["res.partner"].create(
            {"name": "Ewa Lis", "parent_id": cls.company.id}
        )
        today = date.today()
        cls.document = env["crm.document"].create(
            {
                "title": "Framework contract",
                "type_id": doc_type.id,
                "partner_id": cls.company.id,
                "team_id": cls.team.id,
                "user_id": cls.member.id,
                "signed_on": today - timedelta(days=10),
                "valid_from": today - timedelta(days=10),
                "valid_to": today + timedelta(days=355),
            }
        )
        cls.document.action_confirm()
        cls.letter = env["crm.correspondence"].create(
            {
                "direction": "incoming",
                "date": today - timedelta(days=2),
                "partner_id": cls.person.id,
                "subject": "Question about the contract",
                "team_id": cls.team.id,
                "holder_user_id": cls.member.id,
            }
        )

    def _history(self, partner, user):
        action = partner.action_open_crm_history()
        return self.env["crm.history"].with_user(user).search(action["domain"])

    def test_document_and_letter_in_history(self):
        lines = self._history(self.company, self.member)
        self.assertEqual(lines.mapped("kind"), ["correspondence", "document"])
        self.assertEqual(
            lines.mapped("date"), sorted(lines.mapped("date"), reverse=True)
        )
        letter_line, document_line = lines
        self.assertEqual(
            letter_line.partner_id,
            self.person,
            "a company's history includes its people's letters",
        )
        self.assertIn(self.letter.name, letter_line.name)
        self.assertIn("Question about the contract", letter_line.name)
        self.assertIn(self.document.name, document_line.name)
        self.assertIn("Framework contract", document_line.name)
        self.assertIn("Active", document_line.name)
        self.assertEqual(document_line.user_id, self.member)
        action = document_line.action_open_document()
        self.assertEqual(
            (action["res_model"], action["res_id"]),
            ("crm.document", self.document.id),
        )
        action = letter_line.action_open_document()
        self.assertEqual(
            (action["res_model"], action["res_id"]),
            ("crm.correspondence", self.letter.id),
        )

    def test_person_history_has_only_the_letter(self):
        lines = self._history(self.person, self.member)
        self.assertEqual(lines.mapped("kind"), ["correspondence"])

    def test_outsider_does_not_see_them(self):
        self.assertFalse(self._history(self.company, self.outsider))
        self.assertEqual(self.company.with_user(self.outsider).crm_history_count, 0)

    def test_status_and_validity_in_the_readers_language(self):
        """The status showed as its key ("active", "expiring") and the dates
        as ISO, also in Polish: the SQL cannot know the reader's language."""
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_document_deadlines"], ["pl_PL"]
        )
        lines = self._history(self.company, self.member).with_context(lang="pl_PL")
        line = lines.filtered(lambda h: h.kind == "document")
        start, end = self.document.valid_from, self.document.valid_to
        self.assertEqual(
            line.name,
            f"{self.document.name} – Framework contract – Aktywny – "
            f"{start:%d.%m.%Y}–{end:%d.%m.%Y}",
        )
