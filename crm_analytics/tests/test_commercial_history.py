from odoo.tests import tagged

from odoo.addons.web.controllers.utils import clean_action

from .common import AgingCommon


@tagged("post_install", "-at_install")
class TestCommercialHistory(AgingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls._invoice(
            cls.person,
            "2025-02-10",
            1000.0,
            due="2025-03-10",
            product=cls.product_a,
            quantity=4,
        )
        reversal = (
            cls.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=cls.invoice.ids)
            .create(
                {
                    "date": "2025-03-01",
                    "reason": "Damaged",
                    "journal_id": cls.invoice.journal_id.id,
                }
            )
        )
        cls.refund = cls.env["account.move"].browse(reversal.refund_moves()["res_id"])
        cls.refund.invoice_line_ids.write({"quantity": 1})
        cls.refund.action_post()
        cls.holding_invoice = cls._invoice(
            cls.holding, "2025-05-05", 500.0, product=cls.product_b, quantity=2
        )
        cls._pay(cls.invoice, 200.0, "2025-04-01")

    def _records(self, action):
        return self.env[action["res_model"]].search(action["domain"])

    def test_invoices_and_what_credit_notes_correct(self):
        action = self.subsidiary.action_crm_history_documents()
        documents = self._records(action)
        self.assertEqual(documents, self.invoice | self.refund)
        self.assertEqual(self.refund.reversed_entry_id, self.invoice)
        view_ids = [view_id for view_id, _mode in action["views"]]
        arch = self.env["ir.ui.view"].browse(view_ids[0]).arch
        self.assertIn('name="reversed_entry_id"', arch)
        # rolled up over the holding: the parent company's invoice joins
        holding_docs = self._records(
            self.person.with_context(
                crm_history_holding=True
            ).action_crm_history_documents()
        )
        self.assertEqual(
            holding_docs, self.invoice | self.refund | self.holding_invoice
        )

    def test_payments_received(self):
        payments = self._records(self.person.action_crm_history_payments())
        self.assertEqual(payments.mapped("amount"), [200.0])
        self.assertEqual(payments.partner_id.commercial_partner_id, self.subsidiary)

    def test_no_payment_received_says_so(self):
        """An empty list shows our help, not Odoo's faded sample payments."""
        action = self.customer.action_crm_history_payments()
        self.assertFalse(action["useSampleModel"])
        self.assertIn("No payment received from Customer Edge yet", action["help"])
        # as the web client gets it
        cleaned = clean_action(action, env=self.env)
        self.assertIn("Payments registered", cleaned["help"])
        self.assertFalse(cleaned["useSampleModel"])

    def test_goods_bought_by_quarter(self):
        action = self.subsidiary.with_context(
            crm_history_holding=True
        ).action_crm_history_goods()
        groups = self.env[action["res_model"]]._read_group(
            action["domain"],
            ["product_id", "invoice_date:quarter"],
            ["quantity:sum", "price_subtotal:sum"],
        )
        result = {
            (product, quarter.month): (quantity, amount)
            for product, quarter, quantity, amount in groups
        }
        self.assertEqual(
            result,
            {
                # 4 sold, 1 credited in the first quarter
                (self.product_a, 1): (3.0, 3000.0),
                (self.product_b, 4): (2.0, 1000.0),
            },
        )
