from odoo import Command
from odoo.tests import tagged

from .common import CrmContactsCase


@tagged("post_install", "-at_install")
class TestPaymentForms(CrmContactsCase):
    """Payment terms and method on the card are the defaults of documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.terms = cls.env.ref("account.account_payment_term_30days")
        cls.method = cls.env["account.payment.method.line"].search(
            [("payment_type", "=", "inbound"), ("company_id", "=", cls.env.company.id)],
            limit=1,
        )
        cls.company_a.write(
            {
                "property_payment_term_id": cls.terms.id,
                "property_inbound_payment_method_line_id": cls.method.id,
            }
        )

    def test_quotation_takes_terms_and_method(self):
        self.assertTrue(self.method, "a bank journal has an inbound method")
        order = self.env["sale.order"].create({"partner_id": self.company_a.id})
        self.assertEqual(order.payment_term_id, self.terms)
        self.assertEqual(order.preferred_payment_method_line_id, self.method)
        other = self.env["sale.order"].create({"partner_id": self.company_b.id})
        self.assertNotEqual(other.payment_term_id, self.terms)

    def test_invoice_takes_terms_and_method(self):
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.company_a.id,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Service", "quantity": 1, "price_unit": 100}
                    )
                ],
            }
        )
        self.assertEqual(move.invoice_payment_term_id, self.terms)
        self.assertEqual(move.preferred_payment_method_line_id, self.method)
