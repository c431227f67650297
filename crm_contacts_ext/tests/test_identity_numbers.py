from contextlib import contextmanager
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestIdentityNumbers(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # an office user allowed to handle personal data
        cls.env = cls.env(
            user=new_test_user(
                cls.env,
                "identity_clerk",
                groups="base.group_user,base.group_partner_manager,"
                "crm_contacts_ext.group_crm_personal_data",
                # the messages checked are English (the demo's users are Polish)
                lang="en_US",
            ),
            context=dict(cls.env.context, lang="en_US"),
        )
        cls.Partner = cls.env["res.partner"]
        cls.company_partner = cls.Partner.create(
            {"name": "Testowa sp. z o.o.", "is_company": True, "regon": "145874324"}
        )

    @contextmanager
    def assertRefused(self, pattern):
        """ValidationError matching pattern, rolled back to a savepoint."""
        with self.assertRaises(ValidationError) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    def test_valid_pesel_fills_birth_date_and_sex(self):
        person = self.Partner.create({"name": "Anna Test", "pesel": "850715 123-48"})
        self.assertEqual(
            person.sudo().pesel, "85071512348", "stored without spaces and dashes"
        )
        self.assertEqual(person.birthdate_date, date(1985, 7, 15))
        self.assertEqual(person.gender, "female")

        later = self.Partner.create({"name": "Jan Test"})
        later.pesel = "92030545673"
        self.assertEqual(later.birthdate_date, date(1992, 3, 5))
        self.assertEqual(later.gender, "male")

    def test_pesel_of_21st_century(self):
        person = self.Partner.create({"name": "Young Test", "pesel": "01220344552"})
        self.assertEqual(person.birthdate_date, date(2001, 2, 3))

    def test_pesel_agrees_with_entered_birth_date(self):
        person = self.Partner.create(
            {"name": "Anna Test", "birthdate_date": "1985-07-15", "gender": "female"}
        )
        person.pesel = "85071512348"
        self.assertEqual(person.sudo().pesel, "85071512348")

    def test_pesel_disagreeing_with_birth_date_is_refused(self):
        with self.assertRefused(r"07/15/1985.*01/01/1990"):
            self.Partner.create(
                {
                    "name": "Anna Test",
                    "birthdate_date": "1990-01-01",
                    "pesel": "85071512348",
                }
            )
        person = self.Partner.create({"name": "Anna Test", "pesel": "85071512348"})
        with self.assertRefused("PESEL •{11} gives the birth"):
            person.birthdate_date = "1985-07-16"
        person.invalidate_recordset()
        self.assertEqual(
            person.birthdate_date, date(1985, 7, 15), "nothing half-written"
        )

    def test_pesel_disagreeing_with_sex_is_refused(self):
        with self.assertRefused("female person"):
            self.Partner.create(
                {"name": "Anna Test", "gender": "male", "pesel": "85071512348"}
            )

    def test_invalid_pesel_checksum(self):
        count = self.Partner.search_count([])
        with self.assertRefused(
            r"PESEL 85071512349 of Anna Test is invalid: the check digit is wrong",
        ):
            self.Partner.create({"name": "Anna Test", "pesel": "85071512349"})
        self.assertEqual(self.Partner.search_count([]), count, "nothing half-written")

    def test_invalid_pesel_length_and_letters(self):
        with self.assertRefused(r"PESEL 8507151234 .* 10 digits, 11 expected"):
            self.Partner.create({"name": "Anna Test", "pesel": "8507151234"})
        with self.assertRefused(r"PESEL 8507151234A .* only digits"):
            self.Partner.create({"name": "Anna Test", "pesel": "8507151234A"})

    def test_invalid_pesel_in_write_keeps_old_value(self):
        person = self.Partner.create({"name": "Anna Test", "pesel": "85071512348"})
        with self.assertRaises(ValidationError):
            person.pesel = "85071512349"
        person.invalidate_recordset()
        self.assertEqual(person.sudo().pesel, "85071512348")

    def test_regon_valid_and_invalid(self):
        self.assertEqual(self.company_partner.regon, "145874324")
        long_regon = self.Partner.create(
            {"name": "Oddział", "is_company": True, "regon": "12345678512347"}
        )
        self.assertEqual(long_regon.regon, "12345678512347")
        with self.assertRefused(r"REGON 145874325 .* check digit is wrong"):
            self.Partner.create(
                {"name": "Zła", "is_company": True, "regon": "145874325"}
            )
        with self.assertRefused(r"REGON 1458743 .* 7 digits, 9 or 14"):
            self.Partner.create({"name": "Zła", "is_company": True, "regon": "1458743"})
        with self.assertRefused(r"REGON 14587A324 .* only digits"):
            self.Partner.create(
                {"name": "Zła", "is_company": True, "regon": "14587A324"}
            )

    def test_regon_found_however_typed(self):
        """Stored as digits; the search bar's REGON (starts with) and exact
        searches find it typed with spaces, dashes or dots."""
        for domain in (
            [("regon", "=", "145 874 324")],
            [("regon", "=like", "145-874" + "%")],
            [("regon", "in", ["145.874.324"])],
            [("regon", "ilike", "874 32")],
        ):
            self.assertEqual(self.Partner.search(domain), self.company_partner)
        self.assertFalse(self.Partner.search([("regon", "=", "145 874 325")]))

    def test_nip_is_odoo_vat_checked_by_base_vat(self):
        poland = self.env.ref("base.pl")
        company = self.Partner.create(
            {
                "name": "NIP OK",
                "is_company": True,
                "country_id": poland.id,
                "vat": "PL5251234502",
            }
        )
        self.assertEqual(company.vat, "PL5251234502")
        with self.assertRefused(r"VAT number \[(PL)?5251234503\]"):
            self.Partner.create(
                {
                    "name": "NIP zły",
                    "is_company": True,
                    "country_id": poland.id,
                    "vat": "PL5251234503",
                }
            )

    def test_duplicate_pesel_names_the_other_partner(self):
        self.Partner.create({"name": "Anna First", "pesel": "85071512348"})
        with self.assertRefused("PESEL •{11} is already used by Anna First"):
            self.Partner.create({"name": "Anna Second", "pesel": "85071512348"})

    def test_duplicate_pesel_of_archived_partner_counts(self):
        self.Partner.create(
            {"name": "Anna Old", "pesel": "85071512348", "active": False}
        )
        with self.assertRefused("already used by Anna Old"):
            self.Partner.create({"name": "Anna New", "pesel": "85071512348"})

    def test_duplicate_regon_but_contacts_share_it(self):
        contact = self.Partner.create(
            {"name": "Jan", "parent_id": self.company_partner.id}
        )
        self.assertEqual(contact.regon, "145874324", "REGON is a commercial field")
        with self.assertRefused(
            "REGON 145874324 is already used by Testowa sp. z o.o."
        ):
            self.Partner.create(
                {"name": "Kopia", "is_company": True, "regon": "145874324"}
            )

    def test_same_number_allowed_in_another_company(self):
        other_company = self.env["res.company"].sudo().create({"name": "Druga Firma"})
        self.env.user.sudo().company_ids += other_company
        main = self.Partner.create(
            {
                "name": "Anna A",
                "pesel": "85071512348",
                "company_id": self.env.company.id,
            }
        )
        other = self.Partner.create(
            {"name": "Anna B", "pesel": "85071512348", "company_id": other_company.id}
        )
        self.assertEqual(main.sudo().pesel, other.sudo().pesel)
        with self.assertRefused("already used by Anna A"):
            self.Partner.create({"name": "Anna C", "pesel": "85071512348"})

    def test_message_in_polish(self):
        self.env["res.lang"].sudo()._activate_lang("pl_PL")
        self.env["ir.module.module"].sudo()._load_module_terms(
            ["crm_contacts_ext"], ["pl_PL"]
        )
        with self.assertRefused(
            r"PESEL 85071512349 \(Anna Test\) jest nieprawidłowy: błędna cyfra"
        ):
            self.Partner.with_context(lang="pl_PL").create(
                {"name": "Anna Test", "pesel": "85071512349"}
            )

    def test_person_card_and_sex_in_polish(self):
        """OCA leaves birth date and sex untranslated in Polish: the person
        card showed "Gender", "Female" and the PESEL error "o płci: female"."""
        self.env["res.lang"].sudo()._activate_lang("pl_PL")
        self.env["ir.module.module"].sudo()._load_module_terms(
            ["crm_contacts_ext"], ["pl_PL"]
        )
        Partner = self.Partner.with_context(lang="pl_PL")
        fields = Partner.fields_get(
            ["gender", "birthdate_date"], ["string", "selection"]
        )
        self.assertEqual(fields["gender"]["string"], "Płeć")
        self.assertEqual(
            dict(fields["gender"]["selection"]),
            {"male": "Mężczyzna", "female": "Kobieta", "other": "Inna"},
        )
        self.assertEqual(fields["birthdate_date"]["string"], "Data urodzenia")
        with self.assertRefused(
            "wskazuje datę urodzenia 15.07.1985, a Anna Test ma datę urodzenia "
            "01.01.1990"
        ):
            Partner.create(
                {
                    "name": "Anna Test",
                    "birthdate_date": "1990-01-01",
                    "pesel": "85071512348",
                }
            )
        with self.assertRefused("o płci: kobieta, a Anna Test ma płeć: mężczyzna"):
            Partner.create(
                {"name": "Anna Test", "gender": "male", "pesel": "85071512348"}
            )
