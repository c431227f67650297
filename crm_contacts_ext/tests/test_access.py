from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCardAccess(TransactionCase):
    """Who may configure and edit what on the cards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reader = new_test_user(cls.env, "card_reader", groups="base.group_user")
        cls.sales_manager = new_test_user(
            cls.env,
            "card_sales_manager",
            groups="base.group_user,base.group_partner_manager,"
            "sales_team.group_sale_manager",
        )
        cls.company = cls.env["res.partner"].create(
            {"name": "Access T", "is_company": True}
        )
        cls.person = cls.env["res.partner"].create({"name": "Ola Dostępna"})

    def test_levels_configured_by_sales_managers_only(self):
        for model, vals in (
            ("crm.discount.level", {"name": "VIP", "discount": 7}),
            ("crm.satisfaction.level", {"name": "Ecstatic", "value": 6}),
        ):
            Model = self.env[model]
            with self.assertRaises(AccessError):
                Model.with_user(self.reader).create(vals)
            record = Model.with_user(self.sales_manager).create(vals)
            self.assertEqual(record.with_user(self.reader).name, vals["name"])
            with self.assertRaises(AccessError):
                record.with_user(self.reader).write({"name": "Changed"})

    def test_employment_edited_by_contact_managers_only(self):
        vals = {"person_id": self.person.id, "employer_id": self.company.id}
        with self.assertRaises(AccessError):
            self.env["crm.employment"].with_user(self.reader).create(vals)
        job = self.env["crm.employment"].with_user(self.sales_manager).create(vals)
        self.assertEqual(
            job.with_user(self.reader).read(["employer_id"])[0]["employer_id"][0],
            self.company.id,
        )

    def test_satisfaction_history_not_editable(self):
        level = self.env.ref("crm_contacts_ext.satisfaction_level_4")
        self.env["crm.satisfaction.wizard"].with_user(self.sales_manager).create(
            {"partner_id": self.company.id, "level_id": level.id, "reason": "OK"}
        ).action_apply()
        change = self.company.crm_satisfaction_history_ids
        self.assertEqual(change.with_user(self.reader).reason, "OK")
        for user in (self.reader, self.sales_manager):
            with self.assertRaises(AccessError):
                change.with_user(user).write({"reason": "rewritten"})
            with self.assertRaises(AccessError):
                change.with_user(user).unlink()
        with self.assertRaises(AccessError):
            self.env["crm.satisfaction.wizard"].with_user(self.reader).create(
                {"partner_id": self.company.id, "level_id": level.id, "reason": "x"}
            )

    def test_portal_user_sees_no_internal_assessment(self):
        """A customer's portal user read the satisfaction we gave their
        company and the masked PESEL of their colleagues."""
        self.company.sudo().write(
            {
                "crm_satisfaction_level_id": self.env.ref(
                    "crm_contacts_ext.satisfaction_level_2"
                ).id
            }
        )
        colleague = self.env["res.partner"].create(
            {"name": "Ewa Kolega", "parent_id": self.company.id, "pesel": "85071512348"}
        )
        portal = new_test_user(self.env, "card_portal", groups="base.group_portal")
        portal.partner_id.parent_id = self.company
        company = self.company.with_user(portal)
        self.assertEqual(company.name, "Access T", "the portal reads the company")
        for record, fname in (
            (company, "crm_satisfaction_level_id"),
            (company, "crm_satisfaction_history_ids"),
            (colleague.with_user(portal), "pesel_masked"),
        ):
            with self.assertRaises(AccessError):
                record.read([fname])
        self.assertEqual(
            colleague.with_user(self.reader).pesel_masked,
            "•••••••••••",
            "internal users still see it masked",
        )
        self.assertEqual(
            self.company.with_user(self.reader).crm_satisfaction_level_id.value, 2
        )
