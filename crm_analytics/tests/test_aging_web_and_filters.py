from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.web.models.models import Base

from .common import AgingCommon

AGGREGATES = [
    "amount_residual:sum",
    "amount_1_30:sum",
    "company_currency_id:array_agg_distinct",
    "amount_residual:sum_currency",
]


@tagged("post_install", "-at_install")
class TestAgingWebAndFilters(AgingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.alpha = Partner.create({"name": "Alpha Trade", "is_company": True})
        cls.beta = Partner.create({"name": "Beta Build", "is_company": True})
        cls.gamma = Partner.create({"name": "Gamma Foods", "is_company": True})
        # 10, 20 and 30 days past due on AS_OF (30 June 2025)
        cls._invoice(cls.alpha, "2025-06-20", 100.0, due="2025-06-20")
        cls._invoice(cls.alpha, "2025-06-20", 5.0, due="2025-06-20")
        cls.beta_invoice = cls._invoice(cls.beta, "2025-06-10", 200.0, due="2025-06-10")
        cls._invoice(cls.gamma, "2025-05-31", 300.0, due="2025-05-31")
        cls.ours = [("partner_id", "in", (cls.alpha | cls.beta | cls.gamma).ids)]

    def _page(self, aging, **kwargs):
        result = aging.web_read_group(self.ours, ["partner_id"], AGGREGATES, **kwargs)
        groups = [
            (group["partner_id"], group["amount_residual:sum"], group["__count"])
            for group in result["groups"]
        ]
        return groups, result["length"]

    def _check_pages(self, aging):
        groups, length = self._page(aging, limit=2)
        self.assertEqual(length, 3)
        self.assertEqual(
            groups,
            [
                ((self.alpha.id, "Alpha Trade"), 105.0, 2),
                ((self.beta.id, "Beta Build"), 200.0, 1),
            ],
        )
        groups, length = self._page(aging, limit=2, offset=2)
        self.assertEqual(
            (groups, length), ([((self.gamma.id, "Gamma Foods"), 300.0, 1)], 3)
        )
        # ordered by an amount: all groups read once, the page cut
        groups, length = self._page(aging, limit=1, order="amount_residual desc")
        self.assertEqual(
            (groups, length), ([((self.gamma.id, "Gamma Foods"), 300.0, 1)], 3)
        )
        # without a limit (the pivot, exports): Odoo's own path, same figures
        groups, length = self._page(aging)
        self.assertEqual([g[1] for g in groups], [105.0, 200.0, 300.0])
        self.assertEqual(length, 3)

    def test_grouped_list_pages_at_a_past_date(self):
        self._check_pages(self._aging())

    def test_grouped_list_pages_today(self):
        # as of today: the page path that reads the page's aggregates only
        self._check_pages(self._aging(as_of=fields.Date.context_today(self.env.user)))

    def test_sum_currency_matches_the_sum(self):
        aging = self._aging()
        result = aging.web_read_group(self.ours, ["partner_id"], AGGREGATES)
        for group in result["groups"]:
            self.assertEqual(
                group["company_currency_id:array_agg_distinct"],
                [self.env.company.currency_id.id],
            )
            self.assertAlmostEqual(
                group["amount_residual:sum_currency"], group["amount_residual:sum"]
            )

    def test_groups_formatted_as_odoo_formats_them(self):
        """Our formatting of groups (no ``Domain.AND`` per group) gives what
        Odoo's gives, for one level and for the pivot's customer x age; and
        the pivot's read (grouping sets) gives the list's figures."""
        aging = self._aging()
        for groupby in (("partner_id",), ("partner_id", "bucket")):
            aggregates = ("amount_residual:sum", "__count")
            rows = aging._read_group(self.ours, groupby, aggregates)
            self.assertEqual(
                aging._web_read_group_format(groupby, aggregates, rows),
                Base._web_read_group_format(aging, groupby, aggregates, rows),
            )
        sets = aging.formatted_read_grouping_sets(
            self.ours,
            [[], ["partner_id"], ["partner_id", "bucket"]],
            ["amount_residual:sum", "amount_residual:sum_currency", "__count"],
        )
        self.assertEqual(sets[0][0]["amount_residual:sum"], 605.0)
        self.assertEqual(
            [
                (group["partner_id"][0], group["amount_residual:sum"])
                for group in sets[1]
            ],
            [(self.alpha.id, 105.0), (self.beta.id, 200.0), (self.gamma.id, 300.0)],
        )
        self.assertEqual(
            [
                (group["partner_id"][0], group["bucket"], group["__extra_domain"])
                for group in sets[2]
            ],
            [
                (
                    partner.id,
                    "1_30",
                    ["&", ("partner_id", "=", partner.id), ("bucket", "=", "1_30")],
                )
                for partner in (self.alpha, self.beta, self.gamma)
            ],
        )
        # sums are floats read by PostgreSQL, as Odoo's would be
        self.assertIsInstance(sets[2][0]["amount_residual:sum_currency"], float)

    def test_group_labels_are_display_names(self):
        person = self.env["res.partner"].create(
            {"name": "Anna Nowak", "parent_id": self.alpha.id}
        )
        self._invoice(person, "2025-06-25", 1.0, due="2025-06-25")
        result = self._aging().web_read_group(
            [("holding_id", "=", self.alpha.id)], ["partner_id"], ["__count"]
        )
        self.assertEqual(
            [group["partner_id"] for group in result["groups"]],
            [(self.alpha.id, self.alpha.display_name)],
        )
        # a context that changes display names keeps Odoo's labels
        result = self._aging(partner_show_db_id=True).web_read_group(
            [("holding_id", "=", self.alpha.id)], ["partner_id"]
        )
        self.assertEqual(
            result["groups"][0]["partner_id"][1], f"Alpha Trade ({self.alpha.id})"
        )

    def test_future_payment_does_not_settle_today(self):
        today = fields.Date.context_today(self.env.user)
        invoice = self._invoice(
            self.alpha, today - timedelta(days=40), 70.0, due=today - timedelta(days=10)
        )
        self._pay(invoice, 70.0, today + timedelta(days=5))
        self.assertEqual(invoice.payment_state, "paid")
        aging = self._aging(as_of=today)
        rows = aging.search([("move_id", "=", invoice.id)])
        self.assertEqual((rows.amount_residual, rows.bucket), (70.0, "1_30"))
        # the payment is dated after today: it is not there yet
        payment = invoice.line_ids.matched_credit_ids.credit_move_id.move_id
        self.assertFalse(aging.search([("move_id", "in", payment.ids)]))
        self.assertFalse(self._rows(invoice, as_of=today + timedelta(days=5)))

    def test_as_of_filters(self):
        invoice = self._invoice(self.alpha, "2025-06-01", 40.0, due="2025-06-01")
        self._pay(invoice, 40.0, "2025-07-10")
        with freeze_time("2025-08-15"):
            expected = {
                "last_month_end": date(2025, 7, 31),
                "last_quarter_end": date(2025, 6, 30),
                "last_year_end": date(2024, 12, 31),
            }
            for key, as_of in expected.items():
                aging = self.env["crm.receivable.aging"].with_context(
                    tz="UTC", crm_aging_as_of=key
                )
                self.assertEqual(aging._as_of_date(), as_of, key)
            # the filter wins over the wizard's date; a date works too
            aging = self.env["crm.receivable.aging"].with_context(
                tz="UTC",
                crm_aging_date="2025-01-15",
                crm_aging_as_of="last_quarter_end",
            )
            rows = aging.search([("move_id", "=", invoice.id)])
            self.assertEqual(rows.as_of_date, date(2025, 6, 30))
            self.assertEqual((rows.amount_residual, rows.bucket), (40.0, "1_30"))
            aging = aging.with_context(crm_aging_as_of="last_month_end")
            self.assertFalse(aging.search([("move_id", "=", invoice.id)]))
            aging = aging.with_context(crm_aging_as_of="2025-06-15")
            self.assertEqual(aging._as_of_date(), date(2025, 6, 15))
        with freeze_time("2026-01-10"):
            for key in ("last_month_end", "last_quarter_end", "last_year_end"):
                aging = self.env["crm.receivable.aging"].with_context(
                    tz="UTC", crm_aging_as_of=key
                )
                self.assertEqual(aging._as_of_date(), date(2025, 12, 31), key)
        with freeze_time("2025-03-31"):
            aging = self.env["crm.receivable.aging"].with_context(
                tz="UTC", crm_aging_as_of="last_quarter_end"
            )
            self.assertEqual(aging._as_of_date(), date(2024, 12, 31))
        # the search panel offers them
        arch = self.env["crm.receivable.aging"].get_views([(False, "search")])["views"][
            "search"
        ]["arch"]
        for key in ("last_month_end", "last_quarter_end", "last_year_end"):
            self.assertIn(f"'crm_aging_as_of': '{key}'", arch)

    def test_invoice_salesperson(self):
        seller = new_test_user(
            self.env, "crm_an_seller", groups="sales_team.group_sale_salesman"
        )
        account_manager = new_test_user(
            self.env, "crm_an_manager", groups="sales_team.group_sale_salesman"
        )
        self.beta.user_id = account_manager
        own = self._invoice(self.beta, "2025-06-25", 10.0, due="2025-06-25")
        own.invoice_user_id = seller
        none = self._invoice(self.beta, "2025-06-25", 20.0, due="2025-06-25")
        none.invoice_user_id = False
        aging = self._aging()
        self.assertEqual(aging.search([("move_id", "=", own.id)]).user_id, seller)
        self.assertEqual(
            aging.search([("move_id", "=", none.id)]).user_id, account_manager
        )
        by_user = dict(
            aging._read_group(
                [("partner_id", "=", self.beta.id)],
                ["user_id"],
                ["amount_residual:sum"],
            )
        )
        # the invoice of setUpClass has the creating user as its salesperson
        setup_user = self.beta_invoice.invoice_user_id
        self.assertTrue(setup_user)
        self.assertEqual(
            by_user,
            {seller: 10.0, account_manager: 20.0, setup_user: 200.0},
        )

    def test_page_of_customers_undoes_later_payments(self):
        """The grouped list's page at a past date reads only its customers'
        items: contacts roll up to their company, payments after the date are
        undone (also on items settled since), later invoices are left out."""
        # the contact's invoice: 100 paid before the date, 200 after
        contact_invoice = self._invoice(
            self.person, "2025-05-01", 500.0, due="2025-05-15"
        )
        self._pay(contact_invoice, 100.0, "2025-06-10")
        self._pay(contact_invoice, 200.0, "2025-07-05")
        # settled in full after the date: open at the date
        paid_later = self._invoice(self.customer, "2025-06-01", 300.0, due="2025-06-01")
        self._pay(paid_later, 300.0, "2025-07-02")
        self.assertEqual(paid_later.payment_state, "paid")
        self._invoice(self.customer, "2025-07-01", 50.0, due="2025-07-01")
        # an entry on the contact itself (invoices carry the company)
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "date": "2025-06-20",
                "line_ids": [
                    Command.create(
                        {
                            "account_id": self.company_data[
                                "default_account_receivable"
                            ].id,
                            "partner_id": self.person.id,
                            "debit": 70.0,
                            "date_maturity": "2025-06-20",
                        }
                    ),
                    Command.create(
                        {
                            "account_id": self.company_data[
                                "default_account_revenue"
                            ].id,
                            "credit": 70.0,
                        }
                    ),
                ],
            }
        )
        entry.action_post()
        domain = [("partner_id", "in", (self.subsidiary | self.customer).ids)]
        aggregates = ["amount_residual:sum", "amount_31_60:sum", "amount_1_30:sum"]
        aging = self._aging()
        expected = [
            # Customer Edge: 300, 29 days past due
            ((self.customer.id, "Customer Edge"), 300.0, 0.0, 300.0, 1),
            # Subsidiary (the contact's company): 500 - 100, 46 days past
            # due, and the contact's 70, 10 days past due
            (
                (self.subsidiary.id, "Subsidiary Sp. z o.o."),
                470.0,
                400.0,
                70.0,
                2,
            ),
        ]
        pages = []
        for offset in (0, 1):
            result = aging.web_read_group(
                domain, ["partner_id"], aggregates, limit=1, offset=offset
            )
            self.assertEqual(result["length"], 2)
            pages += [
                (
                    group["partner_id"],
                    group["amount_residual:sum"],
                    group["amount_31_60:sum"],
                    group["amount_1_30:sum"],
                    group["__count"],
                )
                for group in result["groups"]
            ]
        self.assertEqual(pages, expected)
        # the same figures without a page (Odoo's own path)
        result = aging.web_read_group(domain, ["partner_id"], aggregates)
        self.assertEqual(
            [
                (g["partner_id"], g["amount_residual:sum"], g["__count"])
                for g in result["groups"]
            ],
            [(key, total, count) for key, total, _a, _b, count in expected],
        )
        # a domain naming customers reads their items alone: the same rows
        # as a domain that selects them otherwise (an OR reads all items)
        fields_ = ["move_line_id", "amount_residual", "bucket", "days_overdue"]
        everything = ["|", domain[0], ("id", "=", 0)]
        rows = aging.search_read(everything, fields_, order="id")
        self.assertEqual(len(rows), 3)
        self.assertEqual(aging.search_read(domain, fields_, order="id"), rows)
        self.assertEqual(aging.search_count(domain), 3)
        records = aging.search(domain)
        self.assertNotIn("crm_aging_customer_ids", records.env.context)
        self.assertEqual(len(records.search(everything)), 3)
        # an opened customer group, by age
        result = aging.web_read_group(
            domain,
            ["partner_id", "bucket"],
            aggregates,
            limit=80,
            opening_info=[
                {"value": self.subsidiary.id, "folded": False, "limit": 80, "offset": 0}
            ],
        )
        subgroups = result["groups"][1]["__groups"]
        self.assertEqual(
            [
                (g["bucket"], g["amount_residual:sum"], g["__count"])
                for g in subgroups["groups"]
            ],
            [("1_30", 70.0, 1), ("31_60", 400.0, 1)],
        )
        self.assertEqual(subgroups["length"], 2)
        # a page past the last one: no groups, the number of groups
        result = aging.web_read_group(
            domain, ["partner_id"], aggregates, limit=1, offset=5
        )
        self.assertEqual((result["groups"], result["length"]), ([], 2))

    def test_buckets_in_order_of_age(self):
        """Pivot, graph and grouped list read the buckets by age, not by key
        (which put "not due" between 91-180 and over 180)."""
        self._invoice(self.alpha, "2025-06-30", 10.0, due="2025-07-30")  # not due
        self._invoice(self.alpha, "2024-12-01", 20.0, due="2024-12-01")  # over 180
        self._invoice(self.alpha, "2025-02-01", 30.0, due="2025-02-01")  # 91-180
        aging = self._aging()
        by_age = ["not_due", "1_30", "91_180", "over_180"]
        alpha = [("partner_id", "=", self.alpha.id)]
        groups = aging.formatted_read_group(alpha, ["bucket"], ["__count"])
        self.assertEqual([group["bucket"] for group in groups], by_age)
        groups = aging.formatted_read_group(
            alpha, ["bucket"], ["__count"], order="bucket desc"
        )
        self.assertEqual([group["bucket"] for group in groups], by_age[::-1])
        groups = aging.formatted_read_group(
            self.ours, ["partner_id", "bucket"], ["amount_residual:sum"]
        )
        self.assertEqual(
            [
                group["bucket"]
                for group in groups
                if group["partner_id"][0] == self.alpha.id
            ],
            by_age,
        )
        page = aging.web_read_group(alpha, ["bucket"], ["__count"], limit=80)
        self.assertEqual([group["bucket"] for group in page["groups"]], by_age)
