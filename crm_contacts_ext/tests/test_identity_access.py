from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPeselAccess(TransactionCase):
    """PESEL is personal data: only its group reads, writes and searches it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.privileged = new_test_user(
            cls.env,
            "pesel_privileged",
            groups="base.group_user,base.group_partner_manager,"
            "crm_contacts_ext.group_crm_personal_data",
        )
        cls.plain = new_test_user(
            cls.env, "pesel_plain", groups="base.group_user,base.group_partner_manager"
        )
        cls.person = cls.env["res.partner"].create(
            {"name": "Anna Secret", "pesel": "85071512348"}
        )

    def test_privileged_user_writes_and_searches(self):
        """The group writes PESELs and finds a person by one; it reads
        them only through the reveal dialog (see test_pesel_privacy)."""
        person = self.person.with_user(self.privileged)
        found = person.search([("pesel_input", "=", "85071512348")])
        self.assertEqual(found, self.person)
        # typed the way it is read aloud: found all the same
        for typed in ("850715 12348", "85-07-15-12348", " 85071512348 "):
            self.assertEqual(person.search([("pesel_input", "=", typed)]), self.person)
        person.write({"pesel": "85071512348"})
        other = person.create({"name": "Jan Nowy", "pesel": "92030545673"})
        self.assertEqual(other.sudo().pesel, "92030545673")
        with self.assertRaises(AccessError):
            person.read(["pesel"])

    def test_other_user_sees_it_masked(self):
        person = self.person.with_user(self.plain)
        self.assertEqual(person.pesel_masked, "•••••••••••")
        self.assertEqual(person.name, "Anna Secret")
        data = person.read(["name", "pesel_masked"])[0]
        self.assertNotIn("85071512348", str(data))

    def test_other_user_cannot_read_pesel(self):
        with self.assertRaises(AccessError):
            self.person.with_user(self.plain).read(["pesel"])
        fields = self.env["res.partner"].with_user(self.plain).fields_get()
        self.assertNotIn("pesel", fields)
        self.assertIn("pesel_masked", fields)

    def test_other_user_cannot_search_by_pesel(self):
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.plain).search(
                [("pesel", "=", "85071512348")]
            )

    def test_other_user_cannot_write_pesel(self):
        with self.assertRaises(AccessError):
            self.person.with_user(self.plain).write({"pesel": "92030545673"})
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.plain).create(
                {"name": "Jan Nowy", "pesel": "92030545673"}
            )
        self.assertEqual(self.person.pesel, "85071512348")

    def test_other_user_error_does_not_leak_pesel(self):
        """Editing the birth date against the PESEL names only its masked form."""
        person = self.person.with_user(self.plain)
        with self.assertRaises(Exception) as caught:
            person.birthdate_date = "1990-01-01"
        self.assertIn("•••••••••••", str(caught.exception))
        self.assertNotIn("85071512348", str(caught.exception))
