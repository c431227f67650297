from datetime import timedelta

from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    def unlink(self):
        # the next basket refresh takes the products of these invoices away
        # (companies whose baskets are their invoices)
        self.env["crm.basket.deleted"]._crm_record(
            self.filtered(lambda move: move.move_type == "out_invoice"), "invoice"
        )
        return super().unlink()

    @api.model
    def _crm_demo_create_history(self, product_id, specs):
        """Demo data: a monthly invoice over the last 18 months for each
        customer of ``specs`` ([partner id, days from invoice to payment,
        number of the latest invoices left open, amount]), due 30 days after
        its date and paid by a payment of its own, then a refresh of the
        customer analytics of the main company."""
        today = fields.Date.context_today(self)
        vals_list, plan = [], []
        for partner_id, pay_days, open_count, amount in specs:
            for month in range(18):
                invoice_date = today - timedelta(days=15 + 30 * month)
                vals_list.append(
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner_id,
                        "invoice_date": invoice_date,
                        "invoice_date_due": invoice_date + timedelta(days=30),
                        "invoice_line_ids": [
                            fields.Command.create(
                                {
                                    "product_id": product_id,
                                    "quantity": 1,
                                    # a little more every month
                                    "price_unit": amount * (1 - month * 0.01),
                                }
                            )
                        ],
                    }
                )
                payment_date = invoice_date + timedelta(days=pay_days)
                paid = month >= open_count and payment_date <= today
                plan.append(paid and payment_date)
        invoices = self.create(vals_list)
        invoices.action_post()
        paid = [(inv, day) for inv, day in zip(invoices, plan, strict=True) if day]
        payments = self.env["account.payment"].create(
            [
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": invoice.partner_id.id,
                    "amount": invoice.amount_total,
                    "date": payment_date,
                    "memo": invoice.name,
                }
                for invoice, payment_date in paid
            ]
        )
        payments.action_post()
        for (invoice, _date), payment in zip(paid, payments, strict=True):
            (invoice.line_ids + payment.move_id.line_ids).filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
            ).reconcile()
        company = self.env.ref("base.main_company")
        self.env["crm.customer.value"]._crm_refresh(company, full=True)
        self.env["crm.basket.pair"]._crm_refresh(company, full=True)
        return True
