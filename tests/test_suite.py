"""Checks that cross the addons: installed together, Polish complete."""

import re
from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader, code_translations

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))
# web_tour's StepSchema refuses a step that waits longer (the tour fails at
# that step with "'timeout' is not valid")
TOUR_STEP_MAX_TIMEOUT = 60000
# make run's Polish demo company, and the glue that needs Odoo's Polish
# accounting: installed by make test only with CRM_DEMO_COMPANY=1
DEMO_COMPANY_ADDONS = {
    "crm_demo_pl",
    "crm_demo_pl_account",
    "crm_contacts_registers_bank_verification",
}


@tagged("post_install", "-at_install")
class TestSuite(TransactionCase):
    def test_addons_installed_together(self):
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        states = {m.name: m.state for m in modules}
        demo_company = {states.pop(name, "uninstalled") for name in DEMO_COMPANY_ADDONS}
        self.assertEqual(
            states, dict.fromkeys(set(ADDONS) - DEMO_COMPANY_ADDONS, "installed")
        )
        # the demo company and its glue come and go together
        self.assertIn(demo_company, ({"installed"}, {"uninstalled"}))
        for module in modules.filtered(lambda m: m.state == "installed"):
            self.assertRegex(module.latest_version, r"^19\.0\.\d+\.\d+\.\d+$")
            self.assertIn(module.license, ("AGPL-3", "LGPL-3"))

    def test_every_string_has_a_polish_translation(self):
        """i18n/pl.po of each addon translates every term the addon exports."""
        self.env["res.lang"]._activate_lang("pl_PL")
        for addon in ADDONS:
            terms = {
                source
                for module, _ttype, _name, _res_id, source, _value, _comments in (
                    TranslationModuleReader(self.env.cr, [addon], "pl_PL")
                )
                if module == addon
            }
            po_path = ROOT / addon / "i18n" / "pl.po"
            translated = (
                {e.msgid for e in polib.pofile(str(po_path)) if e.msgstr}
                if po_path.exists()
                else set()
            )
            with self.subTest(addon=addon):
                self.assertFalse(
                    sorted(terms - translated),
                    f"untranslated in {addon}/i18n/pl.po "
                    f"(run `python3 tools/suite.py i18n {addon}`)",
                )

    def test_python_and_javascript_strings_reach_the_user_in_polish(self):
        """Odoo serves a term of the code only when its pl.po entry carries the
        `#. odoo-python` / `#. odoo-javascript` comment; without it the message
        shows in English although pl.po translates it."""
        self.env["res.lang"]._activate_lang("pl_PL")
        for addon in ADDONS:
            terms = {
                (source, "odoo-javascript" in comments)
                for module, ttype, _name, _res_id, source, _value, comments in (
                    TranslationModuleReader(self.env.cr, [addon], "pl_PL")
                )
                if module == addon and ttype == "code"
            }
            python = code_translations.get_python_translations(addon, "pl_PL")
            web = {
                message["id"]
                for message in code_translations.get_web_translations(addon, "pl_PL")[
                    "messages"
                ]
            }
            missing = sorted(
                source
                for source, is_js in terms
                if source not in (web if is_js else python)
            )
            with self.subTest(addon=addon):
                self.assertFalse(
                    missing,
                    f"{addon}/i18n/pl.po: code terms Odoo does not load "
                    "(no `#. odoo-python` / `#. odoo-javascript` comment?)",
                )

    def test_tour_steps_wait_no_longer_than_odoo_allows(self):
        for tour in sorted(ROOT.glob("*/static/tests/tours/*.js")):
            timeouts = [
                int(value)
                for value in re.findall(r"\btimeout:\s*(\d+)", tour.read_text())
            ]
            with self.subTest(tour=tour.name):
                self.assertLessEqual(max(timeouts, default=0), TOUR_STEP_MAX_TIMEOUT)
