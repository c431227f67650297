from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPeselReveal(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env,
            "reveal_clerk",
            groups="base.group_user,base.group_partner_manager,"
            "crm_contacts_ext.group_crm_personal_data",
        )
        cls.plain = new_test_user(
            cls.env, "reveal_plain", groups="base.group_user,base.group_partner_manager"
        )
        cls.dpo = new_test_user(
            cls.env,
            "reveal_dpo",
            groups="base.group_user,crm_contacts_ext.group_crm_data_protection",
        )
        cls.person = cls.env["res.partner"].create(
            {"name": "Anna Tajna", "pesel": "85071512348"}
        )
        cls.Log = cls.env["crm.pesel.reveal.log"]

    def test_authorised_user_sees_it_masked_until_show(self):
        person = self.person.with_user(self.clerk)
        self.assertEqual(person.pesel_masked, "•••••••••••")
        self.assertFalse(person.pesel_input, "the form loads no full PESEL")
        self.assertFalse(self.Log.search([("partner_id", "=", self.person.id)]))
        action = person.action_reveal_pesel()
        self.assertEqual(action["context"]["default_pesel"], "85071512348")
        log = self.Log.search([("partner_id", "=", self.person.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.clerk)
        self.assertTrue(log.date)

    def test_reveal_dialog_corrects_the_pesel(self):
        action = self.person.with_user(self.clerk).action_reveal_pesel()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.clerk)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(wizard.pesel, "85071512348")
        wizard.pesel = "85071512348"
        wizard.action_save()
        wizard.flush_recordset()
        self.env.cr.execute(
            "SELECT pesel FROM crm_pesel_reveal_wizard WHERE id = %s", wizard.ids
        )
        self.assertEqual(
            self.env.cr.fetchone(), (None,), "the number is not left in the table"
        )
        with self.assertRaises(ValidationError):
            wizard.pesel = "85071512349"
            wizard.action_save()

    def test_others_cannot_reveal(self):
        with self.assertRaises(AccessError):
            self.person.with_user(self.plain).action_reveal_pesel()
        self.assertFalse(self.Log.search([("partner_id", "=", self.person.id)]))

    def test_log_readable_by_data_protection_only(self):
        self.person.with_user(self.clerk).action_reveal_pesel()
        found = self.Log.with_user(self.dpo).search(
            [("partner_id", "=", self.person.id)]
        )
        self.assertEqual(found.user_id, self.clerk)
        for user in (self.clerk, self.plain):
            with self.assertRaises(AccessError):
                self.Log.with_user(user).search([])
        with self.assertRaises(AccessError):
            found.with_user(self.dpo).unlink()
        with self.assertRaises(AccessError):
            found.with_user(self.dpo).write({"user_id": self.dpo.id})

    def test_log_outlives_the_person_and_the_user(self):
        """Erasing the person keeps who looked and when; the user who looked
        cannot be deleted (archived instead)."""
        self.person.with_user(self.clerk).action_reveal_pesel()
        log = self.Log.search([("user_id", "=", self.clerk.id)])
        self.assertEqual(log.partner_id, self.person)
        with self.assertRaises(UserError) as cm:
            self.clerk.unlink()
        self.assertIn("Archive the user", str(cm.exception))
        self.assertTrue(self.clerk.exists())
        self.person.unlink()
        self.assertTrue(log.exists())
        self.assertFalse(log.partner_id)
        self.assertEqual(log.user_id, self.clerk)
        self.clerk.action_archive()
        self.assertFalse(self.clerk.active)

    def test_new_pesel_typed_in(self):
        person = (
            self.env["res.partner"]
            .with_user(self.clerk)
            .create({"name": "Jan Nowy", "pesel_input": "920305 45673"})
        )
        self.assertEqual(person.sudo().pesel, "92030545673")
        self.assertEqual(str(person.birthdate_date), "1992-03-05")
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.plain).create(
                {"name": "Jan Inny", "pesel_input": "92030545673"}
            )

    def test_no_bulk_listing_past_the_log(self):
        """Export and custom group-by offered PESEL to the Personal data
        group: a file (or group headers) of everyone's numbers, never logged."""
        Partner = self.env["res.partner"].with_user(self.clerk)
        fields = Partner.fields_get(
            ["pesel", "pesel_input", "pesel_masked", "name"],
            ["exportable", "groupable"],
        )
        self.assertNotIn("pesel", fields)
        self.assertFalse(fields["pesel_input"]["exportable"])
        self.assertTrue(fields["pesel_masked"]["exportable"])
        self.assertTrue(fields["name"]["groupable"])
        self.assertEqual(
            Partner.search([("pesel_input", "=", "85071512348")]),
            self.person,
            "the group still finds a person by PESEL",
        )
