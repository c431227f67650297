from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_installed_with_dependencies(self):
        modules = self.env["ir.module.module"].search(
            [("name", "in", ["crm_offers_multicurrency", *["sale_management"]])]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), 2)
        for model in ["sale.order", "sale.order.template"]:
            self.assertIn(model, self.env)
