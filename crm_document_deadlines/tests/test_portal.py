from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        customer = cls.env["res.partner"].create(
            {"name": "Klient Portalowy Sp. z o.o.", "is_company": True}
        )
        cls.portal_user = new_test_user(
            cls.env, "doc_portal", groups="base.group_portal", name="Jan Portalowy"
        )
        cls.portal_user.partner_id.parent_id = customer
        contract = cls.env.ref("crm_document_deadlines.document_type_contract")
        Document = cls.env["crm.document"]
        cls.mine = Document.create(
            {
                "title": "Umowa portalowa",
                "type_id": contract.id,
                "partner_id": customer.id,
                "valid_from": "2026-01-01",
                "valid_to": "2030-12-31",
            }
        )
        cls.mine.action_confirm()
        cls.draft = Document.create(
            {
                "title": "Projekt portalowy",
                "type_id": contract.id,
                "partner_id": customer.id,
            }
        )
        cls.other = Document.create(
            {
                "title": "Cudza umowa",
                "type_id": contract.id,
                "partner_id": cls.env.ref("base.res_partner_2").id,
                "valid_from": "2026-01-01",
            }
        )
        cls.other.action_confirm()

    def test_portal_user_sees_own_registered_documents(self):
        Document = self.env["crm.document"].with_user(self.portal_user)
        self.assertEqual(Document.search([]), self.mine)
        with self.assertRaises(AccessError):
            self.other.with_user(self.portal_user).read(["title"])
        with self.assertRaises(AccessError):
            self.mine.with_user(self.portal_user).write({"title": "Zmiana"})

    def test_portal_page(self):
        self.authenticate("doc_portal", "doc_portal")
        response = self.url_open("/my/crm_documents")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Umowa portalowa", response.text)
        self.assertNotIn("Projekt portalowy", response.text)
        self.assertNotIn("Cudza umowa", response.text)
        home = self.url_open("/my/home")
        self.assertIn("/my/crm_documents", home.text)
