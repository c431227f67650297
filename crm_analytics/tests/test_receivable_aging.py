from datetime import timedelta

from odoo import Command
from odoo.tests import freeze_time, tagged

from .common import AgingCommon


@tagged("post_install", "-at_install")
class TestReceivableAging(AgingCommon):
    def test_past_date_ignores_later_payment(self):
        invoice = self._invoice(self.customer, "2025-04-01", 1000.0, due="2025-04-15")
        self._pay(invoice, 400.0, "2025-07-10")
        before = self._rows(invoice)
        self.assertEqual(before.mapped("amount_residual"), [1000.0])
        self.assertEqual(before.bucket, "61_90")  # 76 days past due on 30 June
        self.assertEqual(before.days_overdue, 76)
        after = self._rows(invoice, as_of=self.AS_OF + timedelta(days=20))
        self.assertEqual(after.mapped("amount_residual"), [600.0])
        # the payment itself is fully used: no row for it at either date
        payment_moves = invoice.line_ids.matched_credit_ids.credit_move_id.move_id
        self.assertTrue(payment_moves)
        self.assertFalse(self._rows(payment_moves))
        self.assertFalse(
            self._rows(payment_moves, as_of=self.AS_OF + timedelta(days=20))
        )
        # before the invoice date it does not exist yet
        self.assertFalse(self._rows(invoice, as_of=self.AS_OF.replace(month=3)))

    def test_rows_of_large_journal_item_ids(self):
        # a book past 21,475 journal items: the rows' ids do not overflow
        self.env.cr.execute(
            "SELECT setval('account_move_line_id_seq', GREATEST("
            "(SELECT last_value FROM account_move_line_id_seq), 30000000))"
        )
        invoice = self._invoice(self.customer, "2025-06-01", 80.0, due="2025-06-01")
        rows = self._rows(invoice)
        line = invoice.line_ids.filtered(lambda l: l.account_id.reconcile)
        self.assertGreater(line.id, 30000000)
        self.assertEqual(rows.move_line_id, line)
        self.assertEqual((rows.amount_residual, rows.bucket), (80.0, "1_30"))
        self.assertEqual(rows, self._aging().browse(rows.ids).exists())

    def test_bucket_edges(self):
        expected = {
            0: "not_due",  # due today is not due
            -5: "not_due",
            30: "1_30",
            31: "31_60",
            60: "31_60",
            61: "61_90",
            90: "61_90",
            91: "91_180",
            180: "91_180",
            181: "over_180",
        }
        invoices = {}
        for days in expected:
            due = self.AS_OF - timedelta(days=days)
            invoices[days] = self._invoice(
                self.customer, min(due, self.AS_OF), 100.0, due=due
            )
        for days, bucket in expected.items():
            row = self._rows(invoices[days])
            self.assertEqual(row.bucket, bucket, f"due {days} days ago")
            self.assertEqual(row[f"amount_{bucket}"], 100.0)
            self.assertEqual(row.amount_residual, 100.0)
            self.assertEqual(row.days_overdue, max(days, 0))

    def test_installments_land_in_their_buckets(self):
        term = self.env["account.payment.term"].create(
            {
                "name": "Half now, half in 60 days",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 50, "nb_days": 0}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 50, "nb_days": 60}
                    ),
                ],
            }
        )
        invoice = self._invoice(self.customer, "2025-05-31", 1000.0, payment_term=term)
        rows = self._rows(invoice)
        self.assertEqual(len(rows), 2)
        by_bucket = {row.bucket: row.amount_residual for row in rows}
        self.assertEqual(by_bucket, {"1_30": 500.0, "not_due": 500.0})

    def test_unreconciled_credit_note_and_payment_are_negative(self):
        invoice = self._invoice(self.customer, "2025-06-20", 1000.0, due="2025-06-20")
        refund = self._invoice(
            self.customer, "2025-05-10", 300.0, due="2025-05-10", move_type="out_refund"
        )
        payment = self.init_payment(
            250.0, post=True, date="2025-06-01", partner=self.customer
        )
        rows = self._rows(invoice | refund | payment.move_id)
        amounts = {row.move_id: (row.bucket, row.amount_residual) for row in rows}
        self.assertEqual(amounts[invoice], ("1_30", 1000.0))
        self.assertEqual(amounts[refund], ("31_60", -300.0))
        self.assertEqual(amounts[payment.move_id], ("1_30", -250.0))
        total = self._aging()._read_group(
            [("partner_id", "=", self.customer.id)], [], ["amount_residual:sum"]
        )[0][0]
        self.assertEqual(total, 450.0)

    def test_foreign_currency_partly_paid_at_another_rate(self):
        # 1000 EUR at 0.5 EUR per unit = 2000 in company currency
        invoice = self._invoice(
            self.customer, "2025-02-10", 1000.0, due="2025-02-10", currency=self.eur
        )
        # 500 EUR paid at 0.25: Odoo books an exchange difference
        self._pay(invoice, 500.0, "2025-04-01", currency=self.eur)
        partials = invoice.line_ids.matched_credit_ids
        exchange_moves = partials.exchange_move_id
        self.assertTrue(
            exchange_moves, "the payment at another rate books an exchange difference"
        )
        before = self._rows(invoice, as_of="2025-03-15")
        self.assertEqual(before.amount_residual, 2000.0)
        self.assertEqual(before.amount_residual_currency, 1000.0)
        self.assertEqual(before.currency_id, self.eur)
        row = self._rows(invoice)
        self.assertEqual(row.amount_residual_currency, 500.0)
        self.assertEqual(row.amount_residual, 1000.0)
        self.assertEqual(row.bucket, "91_180")  # 140 days past due
        # exchange-difference items are settled: they never show
        self.assertFalse(self._rows(exchange_moves))
        self.assertFalse(self._rows(exchange_moves, as_of="2025-12-31"))

    def test_holding_roll_up(self):
        self._invoice(self.person, "2025-06-01", 100.0, due="2025-06-01")
        self._invoice(self.subsidiary, "2025-06-01", 200.0, due="2025-06-01")
        self._invoice(self.holding, "2025-06-01", 50.0, due="2025-06-01")
        aging = self._aging()
        domain = [("holding_id", "=", self.holding.id)]
        by_partner = dict(
            aging._read_group(domain, ["partner_id"], ["amount_residual:sum"])
        )
        # the person's invoice rolls into her company
        self.assertEqual(by_partner, {self.subsidiary: 300.0, self.holding: 50.0})
        by_holding = aging._read_group(domain, ["holding_id"], ["amount_1_30:sum"])
        self.assertEqual(by_holding, [(self.holding, 350.0)])
        self.assertEqual(self.person._crm_holding(), self.holding)

    def test_multi_company_isolation(self):
        company_2 = self.setup_other_company(name="Second Company")["company"]
        self._invoice(self.customer, "2025-06-01", 100.0, due="2025-06-01")
        self._invoice(
            self.customer, "2025-06-01", 700.0, due="2025-06-01", company=company_2
        )
        domain = [("partner_id", "=", self.customer.id)]
        only_first = self._aging(allowed_company_ids=[self.env.company.id]).search(
            domain
        )
        self.assertEqual(only_first.company_id, self.env.company)
        self.assertEqual(sum(only_first.mapped("amount_residual")), 100.0)
        both = self._aging(
            allowed_company_ids=[self.env.company.id, company_2.id]
        ).search(domain)
        self.assertEqual(both.company_id, self.env.company | company_2)
        only_second = self._aging(allowed_company_ids=[company_2.id]).search(domain)
        self.assertEqual(only_second.mapped("amount_residual"), [700.0])

    def test_customer_card_figures(self):
        # paid in 20 and 40 days: 30 days on average
        first = self._invoice(self.customer, "2025-05-01", 100.0, due="2025-05-01")
        second = self._invoice(self.customer, "2025-05-01", 100.0, due="2025-05-01")
        today = first.invoice_date + timedelta(days=60)
        self._pay(first, 100.0, first.invoice_date + timedelta(days=20))
        self._pay(second, 100.0, second.invoice_date + timedelta(days=40))
        self._invoice(self.customer, "2025-06-01", 365.0, due="2025-06-01")
        partner = self.customer.with_context(tz="UTC")
        with freeze_time(today):
            partner.invalidate_recordset()
            self.assertEqual(partner.crm_avg_days_to_pay, 30.0)
            self.assertEqual(partner.crm_receivable_total, 365.0)
            self.assertEqual(partner.crm_receivable_overdue, 365.0)
            # 365 open of 565 invoiced in the year
            self.assertAlmostEqual(partner.crm_dso, 365 * 365 / 565, places=2)
        action = partner.action_crm_open_aging()
        self.assertEqual(action["res_model"], "crm.receivable.aging")
        self.assertEqual(action["domain"], [("partner_id", "=", self.customer.id)])

    def test_group_by_salesperson_tag_country(self):
        tag = self.env["res.partner.category"].create({"name": "Late payers"})
        salesperson = self.env.user
        self.subsidiary.write(
            {
                "user_id": salesperson.id,
                "country_id": self.env.ref("base.pl").id,
                "category_id": [Command.link(tag.id)],
            }
        )
        invoices = self._invoice(
            self.person, "2025-01-10", 100.0, due="2025-01-10"
        ) | self._invoice(self.customer, "2025-06-10", 30.0, due="2025-06-10")
        # without a salesperson on the invoice, the customer's counts
        invoices.invoice_user_id = False
        aging = self._aging()
        domain = [("partner_id", "in", (self.subsidiary | self.customer).ids)]
        self.assertEqual(
            dict(aging._read_group(domain, ["user_id"], ["amount_residual:sum"])),
            {salesperson: 100.0, self.env["res.users"]: 30.0},
        )
        self.assertEqual(
            dict(aging._read_group(domain, ["category_ids"], ["amount_residual:sum"])),
            {tag: 100.0, self.env["res.partner.category"]: 30.0},
        )
        self.assertEqual(
            dict(aging._read_group(domain, ["country_id"], ["amount_residual:sum"])),
            {self.env.ref("base.pl"): 100.0, self.env["res.country"]: 30.0},
        )
        # the search view's filters
        over_90 = aging.search([*domain, ("bucket", "in", ("91_180", "over_180"))])
        self.assertEqual(over_90.partner_id, self.subsidiary)
        tagged_rows = aging.search([*domain, ("category_ids", "in", tag.ids)])
        self.assertEqual(tagged_rows.partner_id, self.subsidiary)

    def test_wizard_opens_the_report_at_its_date(self):
        wizard = self.env["crm.receivable.aging.wizard"].create(
            {"as_of_date": "2025-03-31"}
        )
        action = wizard.action_open()
        self.assertEqual(action["res_model"], "crm.receivable.aging")
        self.assertEqual(action["context"]["crm_aging_date"], "2025-03-31")
        invoice = self._invoice(self.customer, "2025-03-01", 80.0, due="2025-03-01")
        self._pay(invoice, 80.0, "2025-04-15")
        rows = self._aging(as_of=action["context"]["crm_aging_date"]).search(
            [("move_id", "=", invoice.id)]
        )
        self.assertEqual(rows.amount_residual, 80.0)
        self.assertEqual(rows.as_of_date.isoformat(), "2025-03-31")
        self.assertFalse(self._rows(invoice))

    def test_groups_of_named_customers_do_not_restrict_later_reads(self):
        """A read naming customers reads only their items; the records it
        returns carry nothing of that: the report read from their
        environment shows every customer again."""
        self._invoice(self.subsidiary, "2025-06-10", 40.0, due="2025-06-10")
        self._invoice(self.customer, "2025-06-10", 60.0, due="2025-06-10")
        aging = self._aging()
        [(partner, total)] = aging._read_group(
            [("partner_id", "=", self.customer.id)],
            ["partner_id"],
            ["amount_residual:sum"],
        )
        self.assertEqual((partner, total), (self.customer, 60.0))
        self.assertNotIn("crm_aging_customer_ids", partner.env.context)
        later = partner.env["crm.receivable.aging"].with_context(
            crm_aging_date=self.AS_OF
        )
        by_customer = dict(
            later._read_group([], ["partner_id"], ["amount_residual:sum"])
        )
        self.assertEqual(by_customer[self.subsidiary], 40.0)
        self.assertEqual(by_customer[self.customer], 60.0)
