from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_installed_with_dependencies(self):
        modules = self.env["ir.module.module"].search(
            [
                (
                    "name",
                    "in",
                    [
                        "crm_document_deadlines",
                        *["mail", "calendar", "portal", "barcodes"],
                    ],
                )
            ]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 5)
        for model in ["mail.activity", "calendar.event"]:
            self.assertIn(model, self.env)
