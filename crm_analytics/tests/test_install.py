from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_installed_with_dependencies(self):
        modules = self.env["ir.module.module"].search(
            [("name", "in", ["crm_analytics", *["account", "sale"]])]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 3)
        for model in ["account.move.line", "sale.order"]:
            self.assertIn(model, self.env)
