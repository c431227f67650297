from odoo.tests import TransactionCase, new_test_user


class DocumentsCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # demo days off must not shift the deadlines computed here
        env["crm.company.day.off"].search([]).unlink()
        cls.user_a = new_test_user(
            env,
            "doc_user_a",
            groups="base.group_user,crm_document_deadlines.group_document_user",
            name="Anna Nowak",
        )
        cls.user_b = new_test_user(
            env,
            "doc_user_b",
            groups="base.group_user,crm_document_deadlines.group_document_user",
            name="Bartosz Kowalski",
        )
        cls.manager = new_test_user(
            env,
            "doc_manager",
            groups="base.group_user,crm_document_deadlines.group_document_manager",
            name="Maria Manager",
        )
        cls.team_legal = env["crm.document.team"].create(
            {"name": "Legal (test)", "member_ids": [(6, 0, cls.user_a.ids)]}
        )
        cls.contract = env["crm.document.type"].create(
            {
                "name": "Contract (test)",
                "reminder_days": 30,
                "notice_days": 90,
                "renewal_months": 12,
                "team_id": cls.team_legal.id,
                "user_ids": [(6, 0, cls.user_a.ids)],
            }
        )
        cls.partner = env["res.partner"].create(
            {"name": "Kowalski Sp. z o.o.", "email": "biuro@kowalski.example.pl"}
        )
