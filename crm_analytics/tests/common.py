from datetime import date

from odoo import Command

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class AgingCommon(AccountTestInvoicingCommon):
    """A small book: invoices, payments, credit notes, installments and a
    foreign-currency invoice, all dated around AS_OF."""

    AS_OF = date(2025, 6, 30)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur = cls.setup_other_currency(
            "EUR", rates=[("2024-01-01", 0.5), ("2025-03-01", 0.25)]
        )
        Partner = cls.env["res.partner"]
        cls.holding = Partner.create({"name": "Holding SA", "is_company": True})
        cls.subsidiary = Partner.create(
            {
                "name": "Subsidiary Sp. z o.o.",
                "is_company": True,
                "parent_id": cls.holding.id,
            }
        )
        cls.person = Partner.create(
            {"name": "Jan Kowalski", "parent_id": cls.subsidiary.id}
        )
        cls.customer = Partner.create({"name": "Customer Edge", "is_company": True})

    @classmethod
    def _invoice(
        cls,
        partner,
        invoice_date,
        amount,
        due=None,
        move_type="out_invoice",
        currency=None,
        payment_term=None,
        company=None,
        product=None,
        quantity=1,
    ):
        vals = {
            "move_type": move_type,
            "partner_id": partner.id,
            "invoice_date": invoice_date,
            "date": invoice_date,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": "Service",
                        "product_id": product and product.id,
                        "quantity": quantity,
                        "price_unit": amount,
                        "tax_ids": [],
                    }
                )
            ],
        }
        if currency:
            vals["currency_id"] = currency.id
        if payment_term:
            vals["invoice_payment_term_id"] = payment_term.id
        elif due:
            vals["invoice_date_due"] = due
        move = (
            cls.env["account.move"]
            .with_company(company or cls.env.company)
            .create(vals)
        )
        move.action_post()
        return move

    @classmethod
    def _pay(cls, invoices, amount, payment_date, currency=None):
        vals = {"payment_date": payment_date, "amount": amount}
        if currency:
            vals["currency_id"] = currency.id
        return (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create(vals)
            ._create_payments()
        )

    def _aging(self, as_of=None, **context):
        return self.env["crm.receivable.aging"].with_context(
            crm_aging_date=as_of or self.AS_OF, **context
        )

    def _rows(self, moves, as_of=None):
        return self._aging(as_of).search([("move_id", "in", moves.ids)])
