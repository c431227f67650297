from odoo.tests import tagged

from .test_pesel_privacy import RpcCase, new_test_user


@tagged("post_install", "-at_install")
class TestIdentityNumbersOverRpc(RpcCase):
    """An integration sends identity numbers as JSON numbers: a clear
    ValidationError naming the field, not a server error; nothing saved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            "identity_rpc",
            groups="base.group_user,base.group_partner_manager,"
            "crm_contacts_ext.group_crm_personal_data",
        )

    def assertValidationError(self, answer, field):
        error = answer.get("error", {}).get("data", {})
        self.assertEqual(error.get("name"), "odoo.exceptions.ValidationError", answer)
        self.assertIn(field, error["message"])

    def test_numbers_sent_as_json_numbers(self):
        self.authenticate("identity_rpc", "identity_rpc")
        count = self.env["res.partner"].search_count([])
        for field, number in (
            ("pesel", 80010100012),
            ("pesel_input", 80010100012),
            ("regon", 123456785),
        ):
            with self.subTest(field=field):
                answer = self.rpc(
                    "res.partner", "create", {"name": "Jan Liczba", field: number}
                )
                self.assertValidationError(
                    answer, "PESEL" if "pesel" in field else "REGON"
                )
                person = self.env["res.partner"].create({"name": "Jan Tekst"})
                answer = self.rpc("res.partner", "write", [person.id], {field: number})
                self.assertValidationError(
                    answer, "PESEL" if "pesel" in field else "REGON"
                )
                person.unlink()
        self.assertEqual(self.env["res.partner"].search_count([]), count)
        # NIP (Odoo's Tax ID) is kept as text by Odoo and checked by base_vat
        answer = self.rpc(
            "res.partner",
            "create",
            {
                "name": "Firma Liczba",
                "is_company": True,
                "country_id": self.env.ref("base.pl").id,
                "vat": 1234567890,
            },
        )
        self.assertValidationError(answer, "1234567890")
        partner_id = self.rpc_result(
            "res.partner",
            "create",
            {
                "name": "Firma NIP",
                "is_company": True,
                "country_id": self.env.ref("base.pl").id,
                "vat": 5260250274,
            },
        )
        self.assertIn("5260250274", self.env["res.partner"].browse(partner_id).vat)
