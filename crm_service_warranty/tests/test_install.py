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
                        "crm_service_warranty",
                        *["helpdesk_mgmt", "stock", "repair", "sale_management"],
                    ],
                )
            ]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 5)
        for model in ["helpdesk.ticket", "stock.lot", "repair.order"]:
            self.assertIn(model, self.env)
