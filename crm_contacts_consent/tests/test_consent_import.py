import base64

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ConsentCase


class TestConsentImport(ConsentCase):
    def _import(self, text, user=None):
        wizard = (
            self.env["crm.consent.import.wizard"]
            .with_user(user or self.manager)
            .create(
                {
                    "file": base64.b64encode(text.encode()),
                    "file_name": "consents.csv",
                }
            )
        )
        return wizard.action_import()

    def test_import_consents(self):
        result = self._import(
            "email,channel,purpose,state,date,source,text_version\n"
            "anna.nowak@alfa.pl,email,marketing,withdrawn,2025-03-01,email,1\n"
            "ANNA.NOWAK@alfa.pl,email,marketing,given,2024-11-12,paper,1\n"
            "jan@beta.pl,phone,marketing,given,2025-01-05 10:30,phone,1\n"
        )
        self.assertEqual(result["params"]["type"], "success")
        lines = self.Consent.search([("partner_id", "in", (self.anna + self.jan).ids)])
        self.assertEqual(len(lines), 3)
        self.assertTrue(all(lines.mapped("imported")))
        self.assertEqual(lines.user_id, self.manager)
        self.assertEqual(self.state(self.anna), "withdrawn")
        self.assertEqual(self.state(self.jan, self.phone), "given")
        given = lines.filtered(
            lambda c: c.partner_id == self.anna and c.state == "given"
        )
        self.assertEqual(str(given.date), "2024-11-12 00:00:00")
        self.assertEqual(given.method, "paper")
        self.assertEqual(given.text_id.version, 1)

    def test_file_with_errors_imports_nothing(self):
        text = (
            "email;channel;purpose;state;date;source;text_version\n"
            "anna.nowak@alfa.pl;email;marketing;given;2024-11-12;paper;1\n"
            "nobody@example.com;email;marketing;given;2024-11-12;paper;1\n"
            "jan@beta.pl;fax;marketing;given;2024-11-12;paper;1\n"
            "jan@beta.pl;email;marketing;given;12/11/2024;carrier pigeon;7\n"
            "jan@beta.pl;email;marketing;withdrawn;2024-11-12;email;1\n"
        )
        with self.assertRaises(ValidationError) as error:
            self._import(text)
        message = str(error.exception)
        self.assertIn("Row 3: no contact with the e-mail nobody@example.com", message)
        self.assertIn("Row 4: unknown channel “fax”", message)
        self.assertIn("Row 5: unknown source “carrier pigeon”", message)
        self.assertIn("invalid date “12/11/2024”", message)
        self.assertIn("has no text version 7", message)
        self.assertNotIn("Row 2", message)
        self.assertFalse(
            self.Consent.search([("partner_id", "in", (self.anna + self.jan).ids)])
        )

    def test_register_errors_are_reported_per_row(self):
        self.give(self.anna)
        text = (
            "email,channel,purpose,state,date,source,text_version\n"
            "jan@beta.pl,email,marketing,given,2024-11-12,web,1\n"
            "anna.nowak@alfa.pl,email,marketing,given,2024-11-12,web,1\n"
            "jan@beta.pl,email,newsletter,withdrawn,2024-11-12,web,1\n"
        )
        with self.assertRaises(ValidationError) as error:
            self._import(text)
        message = str(error.exception)
        self.assertIn("Row 3:", message)
        self.assertIn("already given", message)
        self.assertIn("Row 4:", message)
        self.assertIn("no consent to withdraw", message)
        self.assertEqual(self.state(self.jan), "none")

    def test_missing_columns_and_rights(self):
        with self.assertRaisesRegex(UserError, "misses the columns: text_version"):
            self._import("email,channel,purpose,state,date,source\n")
        with self.assertRaises(AccessError):
            self._import(
                "email,channel,purpose,state,date,source,text_version\n",
                user=self.salesman,
            )

    def test_no_file(self):
        # the user clicks Import before choosing a file: the web client saves
        # the wizard without it, then calls the button
        wizard = (
            self.env["crm.consent.import.wizard"]
            .with_user(self.manager)
            .new({"file_name": False})
        )
        consents = self.env["crm.consent"].search_count([])
        with self.assertRaisesRegex(UserError, "Choose the CSV file"):
            wizard.action_import()
        self.assertEqual(self.env["crm.consent"].search_count([]), consents)
