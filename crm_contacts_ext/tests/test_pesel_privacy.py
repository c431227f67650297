import json
import re
from datetime import date

from stdnum.pl import pesel as stdnum_pesel

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
