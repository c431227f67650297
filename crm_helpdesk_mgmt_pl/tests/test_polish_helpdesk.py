import io
import re

import polib
from lxml import etree

from odoo.exceptions import UserError
from odoo.modules import Manifest
from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_open, file_path
from odoo.tools.translate import (
    CodeTranslations,
    code_translations,
    get_po_paths,
    trans_export,
)

from odoo.addons.crm_helpdesk_mgmt_pl import post_load


@tagged("post_install", "-at_install")
class TestPolishHelpdesk(TransactionCase):
    """OCA helpdesk_mgmt translates 5 of its ~300 terms to Polish: the ticket
    form, stages, menus, portal and e-mails showed English to Polish staff.
    i18n_extra/pl.po brings the rest."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("pl_PL")
        # as a language install does: dependencies first
        cls.env["ir.module.module"]._load_module_terms(
            ["helpdesk_mgmt", "crm_helpdesk_mgmt_pl"], ["pl_PL"]
        )
        cls.Ticket = cls.env["helpdesk.ticket"].with_context(lang="pl_PL")

    def test_ticket_fields_in_polish(self):
        fields = self.Ticket.fields_get(
            ["name", "stage_id", "user_id", "team_id", "category_id", "priority"],
            ["string", "selection"],
        )
        self.assertEqual(
            {name: field["string"] for name, field in fields.items()},
            {
                "name": "Tytuł",
                "stage_id": "Etap",
                "user_id": "Przypisane do",
                "team_id": "Zespół",
                "category_id": "Kategoria",
                "priority": "Priorytet",
            },
        )
        self.assertEqual(
            fields["priority"]["selection"],
            [("0", "Niski"), ("1", "Średni"), ("2", "Wysoki"), ("3", "Bardzo wysoki")],
        )

    def test_stages_and_menus_in_polish(self):
        stage_names = {
            xmlid: self.env.ref(f"helpdesk_mgmt.{xmlid}")
            .with_context(lang="pl_PL")
            .name
            for xmlid in [
                "helpdesk_ticket_stage_new",
                "helpdesk_ticket_stage_in_progress",
                "helpdesk_ticket_stage_done",
            ]
        }
        self.assertEqual(
            stage_names,
            {
                "helpdesk_ticket_stage_new": "Nowe",
                "helpdesk_ticket_stage_in_progress": "W realizacji",
                "helpdesk_ticket_stage_done": "Zakończone",
            },
        )
        menu = self.env.ref("helpdesk_mgmt.helpdesk_all_ticket_menu")
        self.assertEqual(
            menu.with_context(lang="pl_PL").complete_name,
            "Helpdesk/Zgłoszenia/Wszystkie zgłoszenia",
        )
        team_menu = self.env.ref("helpdesk_mgmt.helpdesk_ticket_team_menu")
        self.assertEqual(team_menu.with_context(lang="pl_PL").name, "Zespoły")

    def test_ticket_form_in_polish(self):
        arch = self.Ticket.get_views([(False, "form")])["views"]["form"]["arch"]
        form = etree.fromstring(arch)
        self.assertEqual(
            form.xpath("//button[@name='assign_to_me']/@string"), ["Przypisz do mnie"]
        )
        self.assertEqual(form.xpath("//page[@name='description']/@string"), ["Opis"])
        self.assertEqual(
            form.xpath("//page[@name='other_info']/@string"), ["Inne informacje"]
        )
        self.assertEqual(
            form.xpath("//field[@name='duplicate_count']/@string"), ["Duplikaty"]
        )
        self.assertIn("To zgłoszenie jest", arch)
        self.assertNotIn("Other Information", arch)

    def test_code_terms_in_polish(self):
        """helpdesk_mgmt's own `_()` reads i18n_extra too (post_load)."""
        self.assertEqual(
            Manifest.for_addon("crm_helpdesk_mgmt_pl")["post_load"], "post_load"
        )
        # Odoo calls it when it imports the addon; pytest-odoo imports the
        # addons itself first, so Odoo never does here
        post_load()
        ticket = self.Ticket.message_new(
            {"subject": False, "email_from": "jan@example.com", "body": "Nie działa"}
        )
        self.assertEqual(ticket.name, "Brak tematu")
        dashboard = self.env["helpdesk.ticket.team"].with_context(lang="pl_PL")
        self.assertIn(
            "Otwarte zgłoszenia",
            [tile["name"] for tile in dashboard.retrieve_dashboard()],
        )
        wizard = (
            self.env["helpdesk.ticket.duplicate.wizard"]
            .with_context(lang="pl_PL")
            .create({"ticket_id": ticket.id, "duplicate_of_id": ticket.id})
        )
        with self.assertRaises(UserError) as refused:
            wizard.action_confirm()
        self.assertEqual(
            str(refused.exception),
            "Wskaż prawidłowe zgłoszenie, którego to jest duplikat!",
        )
        web = code_translations.get_web_translations("helpdesk_mgmt", "pl_PL")
        self.assertIn(
            "Wybrany plik (%sB) przekracza maksymalny dozwolony rozmiar pliku (%sB).",
            [message["string"] for message in web["messages"]],
        )

    def test_assignment_email_in_polish(self):
        template = self.env.ref("helpdesk_mgmt.assignment_email_template")
        self.assertEqual(
            template.with_context(lang="pl_PL").subject,
            "{{object.company_id.name}}: przypisanie zgłoszenia "
            "(nr {{object.number or 'n/a' }})",
        )

    def test_every_helpdesk_term_translated(self):
        """Every term helpdesk_mgmt exports has Polish in our file, with the
        same placeholders and tags."""
        buffer = io.BytesIO()
        trans_export(False, ["helpdesk_mgmt"], buffer, "po", self.env)
        terms = {entry.msgid for entry in polib.pofile(buffer.getvalue().decode())}
        ours = polib.pofile(file_path("crm_helpdesk_mgmt_pl/i18n_extra/pl.po"))
        polish = {
            entry.msgid: entry.msgstr
            for entry in ours
            if entry.comment.startswith("module: helpdesk_mgmt") and entry.msgstr
        }
        self.assertGreater(len(terms), 290)
        self.assertEqual(sorted(terms - set(polish)), [])
        self.assertEqual(len(polish), len(ours))

        def tokens(text):
            return sorted(re.findall(r"%\(\w+\)s|%s|\{\{.*?\}\}|<[^>]+>", text))

        self.assertEqual(
            [
                msgid
                for msgid, msgstr in polish.items()
                if tokens(msgid) != tokens(msgstr)
            ],
            [],
        )

    def test_hook_touches_only_helpdesk_mgmt(self):
        """The code-translation lookup of every other module is Odoo's own."""
        post_load()
        lookup = CodeTranslations._get_code_translations
        self.assertTrue(lookup.crm_helpdesk_mgmt_pl)

        def python_terms(row):
            return bool(row.get("value"))

        for module in ("sale", "mail", "crm_helpdesk_mgmt_pl"):
            expected = {}
            for path in get_po_paths(module, "pl_PL"):
                with file_open(path, mode="rb") as po_file:
                    expected.update(
                        CodeTranslations._read_code_translations_file(
                            po_file, python_terms
                        )
                    )
            self.assertEqual(lookup(module, "pl_PL", python_terms), expected, module)
        # calling it twice does not wrap the lookup twice
        post_load()
        self.assertIs(CodeTranslations._get_code_translations, lookup)
