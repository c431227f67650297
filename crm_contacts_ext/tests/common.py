from odoo.tests import TransactionCase, new_test_user


class CrmContactsCase(TransactionCase):
    """Companies, people and users shared by the card tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.salesman = new_test_user(
            cls.env,
            "card_salesman",
            groups="base.group_user,base.group_partner_manager,"
            "sales_team.group_sale_salesman_all_leads",
            # the messages checked are English (the demo's users are Polish)
            lang="en_US",
        )
        cls.company_a = cls.Partner.create(
            {"name": "Alfa sp. z o.o.", "is_company": True}
        )
        cls.company_b = cls.Partner.create({"name": "Beta S.A.", "is_company": True})
        cls.person = cls.Partner.create(
            {"name": "Jan Kowalski", "parent_id": cls.company_a.id}
        )
