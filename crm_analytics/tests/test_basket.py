from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class BasketCommon(AccountTestInvoicingCommon):
    """Five orders of products A, B, C, D: {A,B}, {A,B,C}, {A}, {B,C}, {D}."""

    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.quick_ref(
            "sales_team.group_sale_manager"
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        # the day the refresh takes by default: the user's, not UTC's
        cls.today = fields.Date.context_today(cls.env["crm.basket.pair"])
        Product = cls.env["product.product"]
        cls.prod_a, cls.prod_b, cls.prod_c, cls.prod_d = (
            Product.create(
                {"name": f"Basket {code}", "type": "consu", "list_price": 10}
            )
            for code in "ABCD"
        )
        a, b, c, d = cls.prod_a, cls.prod_b, cls.prod_c, cls.prod_d
        cls.orders = cls.env["sale.order"].browse(
            [cls._order(items).id for items in ((a, b), (a, b, c), (a,), (b, c), (d,))]
        )

    @classmethod
    def _order(cls, products, company=None, order_date=None, confirm=True):
        company = company or cls.company
        order = (
            cls.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": cls.partner_a.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create({"product_id": product.id})
                        for product in products
                    ],
                }
            )
        )
        if confirm:
            order.action_confirm()
        if order_date:
            order.date_order = order_date
        return order

    def _refresh(self, company=None, full=True, today=None):
        return self.env["crm.basket.pair"]._crm_refresh(
            company or self.company, full=full, today=today or self.today
        )

    def _pair(self, product, other, company=None):
        return self.env["crm.basket.pair"].search(
            [
                ("company_id", "=", (company or self.company).id),
                ("product_id", "=", product.id),
                ("other_product_id", "=", other.id),
            ]
        )

    def _snapshot(self, company=None):
        return self.env.execute_query(
            SQL(
                """SELECT product_id, other_product_id, pair_count, product_count,
                          other_count, order_total, ROUND(support::numeric, 9),
                          ROUND(confidence::numeric, 9), ROUND(lift::numeric, 9),
                          suggested
                     FROM crm_basket_pair WHERE company_id = %s
                 ORDER BY product_id, other_product_id""",
                (company or self.company).id,
            )
        )


@tagged("post_install", "-at_install")
class TestBasketPairs(BasketCommon):
    def test_figures_by_hand(self):
        stats = self._refresh()
        # N = 5; count(A) = 3, count(B) = 3, count(C) = 2, count(D) = 1
        # together: A+B 2, B+C 2, A+C 1 (below the minimum of 2 orders)
        self.assertTrue(stats["full"])
        self.assertEqual(stats["pairs"], 4)
        self.assertEqual(stats["orders"], 5)
        a, b, c = self.prod_a, self.prod_b, self.prod_c
        expected = {
            # (A, B): pair, count(A), count(B), support, confidence, lift
            (a, b): (2, 3, 3, 40.0, 100 * 2 / 3, 2 * 5 / (3 * 3)),
            (b, a): (2, 3, 3, 40.0, 100 * 2 / 3, 2 * 5 / (3 * 3)),
            (b, c): (2, 3, 2, 40.0, 100 * 2 / 3, 2 * 5 / (3 * 2)),
            (c, b): (2, 2, 3, 40.0, 100.0, 2 * 5 / (2 * 3)),
        }
        for (product, other), figures in expected.items():
            pair = self._pair(product, other)
            self.assertEqual(len(pair), 1, (product.name, other.name))
            self.assertEqual(
                (pair.pair_count, pair.product_count, pair.other_count),
                figures[:3],
            )
            self.assertEqual(pair.order_total, 5)
            self.assertAlmostEqual(pair.support, figures[3])
            self.assertAlmostEqual(pair.confidence, figures[4])
            self.assertAlmostEqual(pair.lift, figures[5])
            self.assertTrue(pair.suggested)
        self.assertAlmostEqual(self._pair(a, b).lift, 1.1111111111)
        self.assertAlmostEqual(self._pair(c, b).lift, 1.6666666667)

    def test_never_together_no_row(self):
        self._refresh()
        self.assertFalse(self._pair(self.prod_a, self.prod_d))
        self.assertFalse(self._pair(self.prod_d, self.prod_a))
        # once together only: below the default minimum of 2 orders
        self.assertFalse(self._pair(self.prod_a, self.prod_c))
        self.assertFalse(
            self.env["crm.basket.pair"].search([("product_id", "=", self.prod_d.id)])
        )

    def test_refresh_twice_no_duplicates(self):
        first = self._snapshot()
        self._refresh()
        first = self._snapshot()
        self._refresh()
        self._refresh(full=False)
        self.assertEqual(self._snapshot(), first)
        self.assertEqual(len(first), 4)

    def test_thresholds(self):
        self.company.crm_basket_min_count = 1
        self._refresh()
        # A+C once: lift 1 * 5 / (3 * 2) = 0.83 < 1, kept but not suggested
        a_c = self._pair(self.prod_a, self.prod_c)
        self.assertEqual(a_c.pair_count, 1)
        self.assertAlmostEqual(a_c.lift, 5 / 6)
        self.assertAlmostEqual(a_c.confidence, 100 / 3)
        self.assertFalse(a_c.suggested)

        # only C → B reaches 100 % confidence; the settings apply at the next
        # refresh, incremental too
        self.company.crm_basket_min_confidence = 70.0
        self._refresh(full=False)
        suggested = self.env["crm.basket.pair"].search(
            [("company_id", "=", self.company.id), ("suggested", "=", True)]
        )
        self.assertEqual(
            suggested.mapped(lambda p: (p.product_id, p.other_product_id)),
            [(self.prod_c, self.prod_b)],
        )
        self.company.write(
            {"crm_basket_min_confidence": 0.0, "crm_basket_min_lift": 1.5}
        )
        self._refresh(full=False)
        suggested = self.env["crm.basket.pair"].search(
            [("company_id", "=", self.company.id), ("suggested", "=", True)]
        )
        self.assertEqual(
            set(suggested.mapped(lambda p: (p.product_id, p.other_product_id))),
            {(self.prod_b, self.prod_c), (self.prod_c, self.prod_b)},
        )
        # support 40 % everywhere: a minimum of 50 % suggests nothing
        self.company.write({"crm_basket_min_lift": 0.0, "crm_basket_min_support": 50.0})
        self._refresh(full=False)
        self.assertFalse(self._pair(self.prod_a, self.prod_b).suggested)
        self.assertEqual(len(self._snapshot()), 6)

    def test_cancelled_and_quotations_excluded(self):
        self._order((self.prod_a, self.prod_d), confirm=False)
        self._order((self.prod_a, self.prod_d)).action_cancel()
        self._refresh()
        self.assertFalse(self._pair(self.prod_a, self.prod_d))
        self.assertEqual(self._pair(self.prod_a, self.prod_b).order_total, 5)
        # cancelling {A, B, C}: A+B and B+C are now in one order only
        self.orders[1].action_cancel()
        self._refresh()
        self.assertEqual(self._snapshot(), [])

    def test_sections_and_notes_ignored(self):
        order = self._order((self.prod_a, self.prod_d), confirm=False)
        order.order_line = [
            Command.create({"display_type": "line_note", "name": "Deliver together"})
        ]
        order.action_confirm()
        self._order((self.prod_a, self.prod_d))
        self._refresh()
        a_d = self._pair(self.prod_a, self.prod_d)
        self.assertEqual((a_d.pair_count, a_d.order_total, a_d.other_count), (2, 7, 3))

    def test_period_window(self):
        # the period is 24 months back from the refresh day, both ends included
        start = self.today - relativedelta(months=24)
        self._order(
            (self.prod_c, self.prod_d),
            order_date=datetime.combine(start, datetime.min.time()),
        )
        self._order(
            (self.prod_c, self.prod_d),
            order_date=datetime.combine(start - timedelta(days=1), datetime.min.time()),
        )
        self._refresh()
        self.assertFalse(self._pair(self.prod_c, self.prod_d))
        self.company.crm_rfm_period_months = 36
        self._refresh(full=False)
        c_d = self._pair(self.prod_c, self.prod_d)
        self.assertEqual((c_d.pair_count, c_d.order_total), (2, 7))

    def test_multi_company_not_mixed(self):
        other = self.setup_other_company(name="Basket Other Co")["company"]
        self.env.user.company_ids |= other
        for _i in range(3):
            self._order((self.prod_a, self.prod_d), company=other)
        self._refresh()
        self._refresh(company=other)
        self.assertFalse(self._pair(self.prod_a, self.prod_d))
        self.assertEqual(self._pair(self.prod_a, self.prod_b).order_total, 5)
        a_d = self._pair(self.prod_a, self.prod_d, company=other)
        self.assertEqual((a_d.pair_count, a_d.order_total, a_d.lift), (3, 3, 1.0))
        self.assertFalse(self._pair(self.prod_a, self.prod_b, company=other))
        # a salesperson of the first company sees only its pairs
        salesman = new_test_user(
            self.env,
            "basket_mc_salesman",
            groups="sales_team.group_sale_salesman",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        seen = self.env["crm.basket.pair"].with_user(salesman).search([])
        self.assertEqual(seen.company_id, self.company)

    def test_invoice_source(self):
        self.company.crm_rfm_source = "invoice"
        a, b, c = self.prod_a, self.prod_b, self.prod_c
        for products in ((a, b), (a, b, c), (b, c)):
            self._invoice(products)
        self._invoice((a, c))
        self._invoice((a, c))
        self._invoice((a, c), move_type="out_refund")
        self._invoice((a, c), post=False)
        self._refresh()
        # invoices {A,B}, {A,B,C}, {B,C}, {A,C}, {A,C}; the sales orders,
        # the credit note and the draft do not count
        a_c = self._pair(a, c)
        self.assertEqual(
            (a_c.pair_count, a_c.product_count, a_c.other_count, a_c.order_total),
            (3, 4, 4, 5),
        )
        self.assertAlmostEqual(a_c.lift, 3 * 5 / (4 * 4))
        self.assertAlmostEqual(a_c.confidence, 75.0)
        self.assertEqual(self._pair(a, b).pair_count, 2)
        # a new invoice, then one reset to draft: incremental equals full
        move = self._invoice((b, c))
        self._refresh(full=False)
        incremental = self._snapshot()
        self._refresh()
        self.assertEqual(incremental, self._snapshot())
        self.assertEqual(self._pair(b, c).pair_count, 3)
        move.button_draft()
        self._refresh(full=False)
        self.assertEqual(self._pair(b, c).pair_count, 2)

    def _invoice(self, products, move_type="out_invoice", post=True):
        move = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": self.partner_a.id,
                "invoice_date": self.today,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": product.id, "quantity": 1, "price_unit": 10}
                    )
                    for product in products
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def test_bad_input(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.company.crm_basket_min_confidence = 120.0
            self.env.flush_all()
        with self.assertRaises(ValidationError):
            self.company.crm_rfm_period_months = 0
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["crm.basket.pair.count"].sudo().create(
                {
                    "company_id": self.company.id,
                    "product_id": self.prod_a.id,
                    "other_product_id": self.prod_a.id,
                    "pair_count": 2,
                }
            )
            self.env.flush_all()


@tagged("post_install", "-at_install")
class TestBasketIncremental(BasketCommon):
    def _assert_incremental_equals_full(self, today=None):
        stats = self._refresh(full=False, today=today)
        self.assertFalse(stats["full"])
        incremental = self._snapshot()
        self._refresh(today=today)
        self.assertEqual(incremental, self._snapshot())
        return stats

    def _age_orders(self):
        # orders written before the last refresh (all of a test's orders share
        # one transaction, so one timestamp)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE sale_order SET write_date = write_date - interval '1 day'"
        )

    def test_new_orders(self):
        self._refresh()
        self._age_orders()
        a, c, d = self.prod_a, self.prod_c, self.prod_d
        self._order((a, c))
        self._order((a, c, d))
        self._order((c, d))
        stats = self._assert_incremental_equals_full()
        self.assertEqual(stats["touched_orders"], 3)
        self.assertEqual((stats["old_orders"], stats["new_orders"]), (0, 3))
        # N = 8; A+C in 3 orders of 8, A in 5, C in 5
        a_c = self._pair(a, c)
        self.assertEqual((a_c.pair_count, a_c.order_total), (3, 8))
        self.assertAlmostEqual(a_c.lift, 3 * 8 / (5 * 5))
        # N changed for a pair without a touched product too: B+A
        self.assertAlmostEqual(self._pair(self.prod_b, a).support, 100 * 2 / 8)

    def test_cancelled_order(self):
        self._refresh()
        self._age_orders()
        self.orders[1].action_cancel()
        stats = self._assert_incremental_equals_full()
        self.assertEqual(stats["touched_orders"], 1)
        self.assertEqual(self._snapshot(), [])

    def test_line_removed_after_reset_to_draft(self):
        self._refresh()
        self._age_orders()
        # {A, B, C} is cancelled, reset, loses B and is confirmed again
        order = self.orders[1]
        order.action_cancel()
        order.action_draft()
        order.order_line.filtered(lambda line: line.product_id == self.prod_b).unlink()
        order.action_confirm()
        stats = self._assert_incremental_equals_full()
        self.assertEqual((stats["old_orders"], stats["new_orders"]), (1, 1))
        # A+B and B+C are now together once only
        self.assertEqual(self._snapshot(), [])

    def test_deleted_order(self):
        self._order((self.prod_a, self.prod_b))
        self._refresh()
        self.assertEqual(self._pair(self.prod_a, self.prod_b).pair_count, 3)
        self._age_orders()
        self.orders[0].action_cancel()
        self.orders[0].unlink()
        self._age_orders()
        stats = self._assert_incremental_equals_full()
        self.assertEqual((stats["touched_orders"], stats["old_orders"]), (0, 1))
        self.assertEqual(self._pair(self.prod_a, self.prod_b).pair_count, 2)

    def test_nothing_touched(self):
        self._refresh()
        self._age_orders()
        before = self._snapshot()
        stats = self._refresh(full=False)
        self.assertEqual((stats["touched_orders"], stats["updated"]), (0, 0))
        self.assertEqual(self._snapshot(), before)

    def test_order_leaves_the_window(self):
        old = self._order(
            (self.prod_a, self.prod_c),
            order_date=fields.Datetime.now() - relativedelta(months=23),
        )
        self._refresh()
        self.assertEqual(self._pair(self.prod_a, self.prod_c).pair_count, 2)
        self._age_orders()
        stats = self._assert_incremental_equals_full(
            today=self.today + relativedelta(months=2)
        )
        self.assertEqual(stats["touched_orders"], 1)
        self.assertFalse(self._pair(self.prod_a, self.prod_c))
        self.assertTrue(old.exists())

    def test_product_changed_on_an_order(self):
        self._refresh()
        self._age_orders()
        # {A, B} becomes {A, C, D}: back to quotation, edited, confirmed again
        # (with sale_stock a confirmed line's product cannot change)
        order = self.orders[0]
        order._action_cancel()
        order.action_draft()
        line = order.order_line.filtered(lambda l: l.product_id == self.prod_b)
        order.write(
            {
                "order_line": [
                    Command.update(line.id, {"product_id": self.prod_d.id}),
                    Command.create({"product_id": self.prod_c.id}),
                ]
            }
        )
        order.action_confirm()
        self._assert_incremental_equals_full()
        self.assertFalse(self._pair(self.prod_a, self.prod_b))

    def test_pair_reaching_the_minimum_counts_only_its_company(self):
        # A+D in two orders of another company: when a first order with A+D
        # comes in this company, the pair stays below the minimum of 2 here
        other = self.setup_other_company(name="Basket Incremental Co")["company"]
        self.env.user.company_ids |= other
        self._order((self.prod_a, self.prod_d), company=other)
        self._order((self.prod_a, self.prod_d), company=other)
        self._refresh(company=other)
        self._refresh()
        self._age_orders()
        self._order((self.prod_a, self.prod_d))
        stats = self._assert_incremental_equals_full()
        self.assertEqual(stats["inserted"], 0)
        self.assertFalse(self._pair(self.prod_a, self.prod_d))
        # a second one brings it to the minimum, counted from the stored
        # orders of this company only
        self._age_orders()
        self._order((self.prod_a, self.prod_d))
        stats = self._assert_incremental_equals_full()
        self.assertEqual(stats["inserted"], 2)
        self.assertEqual(self._pair(self.prod_d, self.prod_a).pair_count, 2)
        self.assertEqual(
            self._pair(self.prod_a, self.prod_d, company=other).pair_count, 2
        )

    def test_cron_refreshes_every_company(self):
        other = self.setup_other_company(name="Basket Cron Co")["company"]
        self.env.user.company_ids |= other
        self._order((self.prod_c, self.prod_d), company=other)
        self._order((self.prod_c, self.prod_d), company=other)
        self.env["crm.basket.pair"]._cron_crm_refresh()
        self.assertEqual(self._pair(self.prod_a, self.prod_b).pair_count, 2)
        self.assertEqual(
            self._pair(self.prod_c, self.prod_d, company=other).pair_count, 2
        )
        states = self.env["crm.analysis.refresh"].search(
            [
                ("company_id", "in", (self.company | other).ids),
                ("analysis", "=", "basket"),
            ]
        )
        self.assertEqual(len(states), 2)
        self.assertTrue(all(states.mapped("full_refreshed_at")))
        self.assertEqual(
            states.mapped("refresh_date"),
            [fields.Date.context_today(self.env["crm.basket.pair"])] * 2,
        )


@tagged("post_install", "-at_install")
class TestBasketSuggestions(BasketCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["crm.basket.pair"]._crm_refresh(cls.company, full=True, today=cls.today)

    def test_quotation_suggestions(self):
        quotation = self._order((self.prod_b,), confirm=False)
        # from B: C (confidence 66.7 %, lift 1.67) before A (66.7 %, lift 1.11)
        self.assertEqual(
            quotation.crm_basket_suggestion_ids.other_product_id.ids,
            [self.prod_c.id, self.prod_a.id],
        )
        quotation.order_line = [Command.create({"product_id": self.prod_a.id})]
        # A is on the order now; C is suggested once, by B (A+C is too rare)
        suggestions = quotation.crm_basket_suggestion_ids
        self.assertEqual(suggestions.other_product_id, self.prod_c)
        self.assertEqual(suggestions.product_id, self.prod_b)

        suggestions.with_context(
            crm_basket_order_id=quotation.id
        ).action_crm_basket_add_to_order()
        self.assertEqual(
            quotation.order_line.product_id, self.prod_a | self.prod_b | self.prod_c
        )
        self.assertFalse(quotation.crm_basket_suggestion_ids)

    def test_no_suggestion_for_lonely_products(self):
        quotation = self._order((self.prod_d,), confirm=False)
        self.assertFalse(quotation.crm_basket_suggestion_ids)
        quotation.order_line = [Command.clear()]
        self.assertFalse(quotation.crm_basket_suggestion_ids)

    def test_archived_or_not_sold_products_not_suggested(self):
        quotation = self._order((self.prod_b,), confirm=False)
        self.prod_c.active = False
        self.prod_a.sale_ok = False
        quotation.invalidate_recordset(["crm_basket_suggestion_ids"])
        self.assertFalse(quotation.crm_basket_suggestion_ids)

    def test_add_only_to_quotations(self):
        pair = self._pair(self.prod_b, self.prod_c)
        with self.assertRaises(UserError):
            pair.with_context(
                crm_basket_order_id=self.orders[0].id
            ).action_crm_basket_add_to_order()
        with self.assertRaises(UserError):
            pair.action_crm_basket_add_to_order()
        self.assertEqual(
            self.orders[0].order_line.product_id, self.prod_a | self.prod_b
        )

    def test_product_form_counts(self):
        template = self.prod_b.product_tmpl_id
        self.assertEqual(template.crm_basket_count, 2)
        self.assertEqual(self.prod_b.crm_basket_count, 2)
        self.assertEqual(
            template.crm_basket_pair_ids.other_product_id, self.prod_a | self.prod_c
        )
        self.assertEqual(self.prod_d.crm_basket_count, 0)
        action = template.action_open_crm_basket_pairs()
        pairs = self.env["crm.basket.pair"].search(action["domain"])
        self.assertEqual(pairs.product_id, self.prod_b)
        self.assertEqual(len(pairs), 2)

    def test_access_per_group(self):
        salesman = new_test_user(
            self.env, "basket_salesman", groups="sales_team.group_sale_salesman"
        )
        manager = new_test_user(
            self.env, "basket_manager", groups="sales_team.group_sale_manager"
        )
        employee = new_test_user(self.env, "basket_employee", groups="base.group_user")
        for user in (salesman, manager, employee):
            user.company_ids = [Command.set(self.company.ids)]
            user.company_id = self.company
        Pair = self.env["crm.basket.pair"]
        self.assertEqual(len(Pair.with_user(salesman).search([])), 4)
        self.assertEqual(
            self.prod_b.product_tmpl_id.with_user(salesman).crm_basket_count, 2
        )
        pair = self._pair(self.prod_a, self.prod_b)
        for user in (salesman, manager):
            with self.assertRaises(AccessError):
                pair.with_user(user).write({"pair_count": 99})
            with self.assertRaises(AccessError):
                pair.with_user(user).unlink()
        with self.assertRaises(AccessError):
            Pair.with_user(salesman).action_crm_refresh()
        with self.assertRaises(AccessError):
            Pair.with_user(employee).search([])
        self._order((self.prod_a, self.prod_d))
        self._order((self.prod_a, self.prod_d))
        action = (
            Pair.with_user(manager)
            .with_context(allowed_company_ids=self.company.ids)
            .action_crm_refresh()
        )
        # a background job (crm_job) recounts, run here as a cron worker would
        job = self.env["crm.job"].browse(action["res_id"])
        self.assertEqual((job.state, job.user_id), ("queued", manager))
        self.assertEqual(job.params["company_ids"], self.company.ids)
        self.env["crm.job"]._cron_crm_run_jobs()
        self.assertEqual((job.state, job.progress), ("done", 100))
        self.assertEqual(self._pair(self.prod_a, self.prod_d).pair_count, 2)
