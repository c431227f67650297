"""Texts built in Python read in the reader's language, with Polish dates
and numbers ("02.12.2026", "12,50 %") for a Polish reader (issue 16)."""

from datetime import date, datetime
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common import CrmContactsCase


@tagged("post_install", "-at_install")
class TestPolishTexts(CrmContactsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("pl_PL")
        cls.env["ir.module.module"]._load_module_terms(
            ["crm_contacts_ext"], ["pl_PL"], overwrite=True
        )

    def test_employment_dates_in_polish(self):
        Employment = self.env["crm.employment"].with_context(lang="pl_PL")
        with self.assertRaises(ValidationError) as caught:
            Employment.create(
                {
                    "person_id": self.person.id,
                    "employer_id": self.company_a.id,
                    "date_start": date(2026, 12, 2),
                    "date_end": date(2026, 3, 1),
                }
            )
        message = str(caught.exception)
        self.assertIn("Koniec zatrudnienia", message)
        self.assertIn("02.12.2026", message)
        self.assertIn("01.03.2026", message)

    def test_discount_in_polish(self):
        with self.assertRaises(ValidationError) as caught:
            self.env["crm.discount.level"].with_context(lang="pl_PL").create(
                {"name": "Złoty", "discount": 112.5}
            )
        self.assertIn("wynosi 112,50 %", str(caught.exception))

    def test_ringing_notification_in_the_agents_language(self):
        """The PBX's request has no language: the notice is the agent's."""
        company = self.env.ref("base.main_company")
        pbx = self.env["crm.pbx"].create({"name": "PBX PL", "company_id": company.id})
        agents = {}
        for lang, ext in (("pl_PL", "401"), ("en_US", "402")):
            agent = new_test_user(
                self.env, f"agent_{ext}", groups="base.group_user", lang=lang
            )
            agent.crm_pbx_extension = ext
            agents[ext] = agent
        sent = []
        Users = type(self.env["res.users"])

        def record(users, notification_type, message, **kwargs):
            sent.append((users, notification_type, message))

        with patch.object(Users, "_bus_send", record):
            for ext in agents:
                self.env["crm.call"]._pbx_event(
                    pbx,
                    {
                        "call_id": f"pl-{ext}",
                        "event": "ringing",
                        "caller": "601555987",
                        "extension": ext,
                        "timestamp": datetime(2026, 3, 2, 10, 0),
                    },
                )
        titles = {
            users.crm_pbx_extension: message["title"] for users, _t, message in sent
        }
        self.assertEqual(
            titles, {"401": "Połączenie przychodzące", "402": "Incoming call"}
        )
