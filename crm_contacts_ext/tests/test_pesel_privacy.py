import json
import re
from datetime import date

from stdnum.pl import pesel as stdnum_pesel

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

PESEL = "82082373953"  # 23.08.1982, male
GENDER_DIGITS = {"male": "13579", "female": "02468"}


def pesel_candidates(birth_date, gender, mask):
    """Every valid PESEL of that birth date and sex agreeing with the digits
    the mask shows (a mask shorter than 11 characters is aligned right)."""
    year, month, day = birth_date.year, birth_date.month, birth_date.day
    month += {1800: 80, 1900: 0, 2000: 20, 2100: 40, 2200: 60}[year // 100 * 100]
    prefix = f"{year % 100:02d}{month:02d}{day:02d}"
    shown = (mask or "").rjust(11, "•")
    candidates = []
    for serial in range(1000):
        for sex_digit in GENDER_DIGITS.get(gender, "0123456789"):
            body = f"{prefix}{serial:03d}{sex_digit}"
            number = body + stdnum_pesel.calc_check_digit(body)
            if all(
                not c.isdigit() or c == d for c, d in zip(shown, number, strict=True)
            ):
                candidates.append(number)
    return candidates


class RpcCase(HttpCase):
    def rpc(self, model, method, *args, **kwargs):
        """call_kw as the web client does; the JSON answer (result or error)."""
        response = self.opener.post(
            f"{self.base_url()}/web/dataset/call_kw/{model}/{method}",
            json={
                "id": 0,
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs,
                },
            },
            timeout=30,
        )
        response.raise_for_status()
        return response.json()

    def rpc_result(self, model, method, *args, **kwargs):
        answer = self.rpc(model, method, *args, **kwargs)
        self.assertNotIn("error", answer, answer.get("error"))
        return answer["result"]


@tagged("post_install", "-at_install")
class TestPeselNotInferable(RpcCase):
    """What a user without the Personal data group reads about a person
    leaves at least 1,000 possible PESELs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            "pesel_salesman",
            groups="base.group_user,base.group_partner_manager,"
            "base.group_allow_export,sales_team.group_sale_salesman_all_leads",
        )
        company = cls.env["res.partner"].create(
            {"name": "Zakład Testowy", "is_company": True}
        )
        cls.person = cls.env["res.partner"].create(
            {"name": "Jan Pesel", "parent_id": company.id, "pesel": PESEL}
        )
        cls.person.message_post(
            body="Spotkanie w sprawie umowy", message_type="comment"
        )

    def test_salesman_reads_too_little_to_know_the_pesel(self):
        self.authenticate("pesel_salesman", "pesel_salesman")
        fields = self.rpc_result("res.partner", "fields_get", [], ["type"])
        self.assertNotIn("pesel", fields)
        readable = [
            name
            for name, desc in fields.items()
            if desc["type"] not in ("binary", "one2many", "many2many")
        ]
        # field by field: a field the user may not read (another addon's
        # count) answers an error and tells nothing
        card = {}
        for name in readable:
            answer = self.rpc("res.partner", "read", [self.person.id], [name])
            if "result" in answer:
                card.update(answer["result"][0])
        self.assertEqual(card["birthdate_date"], "1982-08-23")
        self.assertEqual(card["gender"], "male")
        self.assertTrue(card["pesel_masked"], "the user sees there is a PESEL")
        exportable = [
            name
            for name, desc in self.rpc_result(
                "res.partner", "fields_get", [], ["exportable", "type"]
            ).items()
            if desc.get("exportable", True) and desc["type"] != "binary"
        ]
        exported = []
        for name in exportable:
            answer = self.rpc("res.partner", "export_data", [self.person.id], [name])
            exported.append(answer.get("result"))
        history = self.rpc_result(
            "crm.history",
            "search_read",
            [("partner_id", "=", self.person.id)],
            ["name", "date", "kind"],
        )
        self.assertTrue(history)
        seen = json.dumps([card, exported, history], ensure_ascii=False)
        candidates = pesel_candidates(
            date.fromisoformat(card["birthdate_date"]),
            card["gender"],
            card["pesel_masked"],
        )
        self.assertIn(PESEL, candidates)
        self.assertGreaterEqual(len(candidates), 1000)
        # and no other value gives the digits the date and sex leave open
        digits = re.findall(r"\d+", seen)
        self.assertFalse([run for run in digits if PESEL[6:] in run], seen)


@tagged("post_install", "-at_install")
class TestPeselOnlyThroughTheDialog(RpcCase):
    """The Personal data group gets a full PESEL only from the reveal
    dialog, which logs it: no path of the ORM lists the numbers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env,
            "pesel_clerk",
            groups="base.group_user,base.group_partner_manager,"
            "base.group_allow_export,mail.group_mail_template_editor,"
            "crm_contacts_ext.group_crm_personal_data",
        )
        cls.person = cls.env["res.partner"].create(
            {"name": "Jan Pesel", "pesel": PESEL}
        )
        cls.Log = cls.env["crm.pesel.reveal.log"]
        cls.template = cls.env["mail.template"].create(
            {
                "name": "PESEL letter",
                "model_id": cls.env["ir.model"]._get_id("res.partner"),
                "subject": "PESEL {{ object.pesel }}",
                "body_html": '<p>PESEL: <t t-out="object.pesel"/></p>',
            }
        )
        view = cls.env["ir.ui.view"].create(
            {
                "name": "crm_contacts_ext.report_pesel_test",
                "key": "crm_contacts_ext.report_pesel_test",
                "type": "qweb",
                "arch": '<t t-name="crm_contacts_ext.report_pesel_test">'
                '<t t-foreach="docs" t-as="o"><p t-out="o.pesel"/></t></t>',
            }
        )
        cls.env["ir.actions.report"].create(
            {
                "name": "PESEL list",
                "model": "res.partner",
                "report_type": "qweb-html",
                "report_name": view.key,
            }
        )

    def assertNoPesel(self, answer):
        self.assertNotIn(PESEL, json.dumps(answer))
        self.assertNotIn("92030545673", json.dumps(answer))
        return answer

    def assertRefused(self, answer):
        self.assertNoPesel(answer)
        self.assertIn("error", answer)
        return answer["error"]["data"]["name"]

    def test_every_orm_path_refuses_the_number(self):
        self.authenticate("pesel_clerk", "pesel_clerk")
        ids = [self.person.id]
        domain = [("id", "in", ids)]
        refused = {
            "read": self.rpc("res.partner", "read", ids, ["pesel"]),
            "search_read": self.rpc("res.partner", "search_read", domain, ["pesel"]),
            "web_search_read": self.rpc(
                "res.partner", "web_search_read", domain, {"pesel": {}}
            ),
            "web_read": self.rpc("res.partner", "web_read", ids, {"pesel": {}}),
            "export_data": self.rpc("res.partner", "export_data", ids, ["pesel"]),
            "read_group": self.rpc(
                "res.partner", "read_group", domain, ["pesel"], ["pesel"]
            ),
            "formatted_read_group": self.rpc(
                "res.partner", "formatted_read_group", domain, ["pesel"]
            ),
            "aggregate": self.rpc(
                "res.partner",
                "formatted_read_group",
                domain,
                [],
                ["pesel:array_agg"],
            ),
            "order": self.rpc(
                "res.partner", "search_read", [], ["name"], order="pesel"
            ),
            # a part of the number would tell it digit by digit
            "like": self.rpc(
                "res.partner", "search", [("pesel", "=like", PESEL[:7] + "%")]
            ),
            "several": self.rpc(
                "res.partner", "search", [("pesel_input", "in", [PESEL, "1"])]
            ),
            "part": self.rpc(
                "res.partner", "search", [("pesel_input", "ilike", PESEL[:7])]
            ),
        }
        user_ids = [self.clerk.id]
        self.clerk.partner_id.pesel = "92030545673"
        self.assertNotIn(
            "pesel", self.rpc_result("res.users", "fields_get", [], ["type"])
        )
        refused["users"] = self.rpc("res.users", "read", user_ids, ["pesel"])
        refused["users export"] = self.rpc(
            "res.users", "export_data", user_ids, ["pesel"]
        )
        for path, answer in refused.items():
            with self.subTest(path=path):
                self.assertIn(
                    self.assertRefused(answer),
                    ("odoo.exceptions.AccessError", "odoo.exceptions.UserError"),
                )
        # what the group may do: find the person by the whole number
        self.assertEqual(
            self.rpc_result("res.partner", "search", [("pesel_input", "=", PESEL)]),
            ids,
        )
        self.assertNoPesel(self.rpc("res.partner", "name_search", PESEL))
        self.assertNoPesel(
            self.rpc("res.partner", "web_read", ids, {"pesel_masked": {}})
        )
        self.assertFalse(self.Log.search([("partner_id", "=", self.person.id)]))

    def test_templates_and_reports_do_not_print_it(self):
        self.authenticate("pesel_clerk", "pesel_clerk")
        composer = self.rpc(
            "mail.compose.message",
            "web_save",
            [],
            {
                "template_id": self.template.id,
                "model": "res.partner",
                "res_ids": str([self.person.id]),
                "composition_mode": "comment",
            },
            specification={"subject": {}, "body": {}},
        )
        self.assertNoPesel(composer)
        # a report printing the field, rendered as the clerk prints it
        Report = self.env["ir.actions.report"].with_user(self.clerk)
        try:
            html, __ = Report._render_qweb_html(
                "crm_contacts_ext.report_pesel_test", [self.person.id]
            )
        except AccessError as error:
            html = str(error)
        self.assertNotIn(PESEL, str(html))
        self.assertFalse(self.Log.search([("partner_id", "=", self.person.id)]))

    def test_the_dialog_shows_it_and_logs(self):
        self.authenticate("pesel_clerk", "pesel_clerk")
        response = self.opener.post(
            f"{self.base_url()}/web/dataset/call_button/res.partner/"
            "action_reveal_pesel",
            json={
                "id": 0,
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": "res.partner",
                    "method": "action_reveal_pesel",
                    "args": [[self.person.id]],
                    "kwargs": {},
                },
            },
            timeout=30,
        )
        action = response.json()["result"]
        self.assertEqual(action["context"]["default_pesel"], PESEL)
        log = self.Log.search([("partner_id", "=", self.person.id)])
        self.assertEqual(log.user_id, self.clerk)
