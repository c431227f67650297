from datetime import date, datetime, time

from psycopg2.errors import CheckViolation

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


def make_order(env, partner, day, lines, company, confirm=True):
    """A sales order of ``company`` dated ``day`` with (product, quantity)
    ``lines``, confirmed unless told."""
    order = (
        env["sale.order"]
        .with_company(company)
        .create(
            {
                "partner_id": partner.id,
                "company_id": company.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "price_unit": 10,
                            "tax_ids": [],
                        }
                    )
                    for product, qty in lines
                ],
            }
        )
    )
    if confirm:
        order.action_confirm()
    order.date_order = datetime.combine(day, time(12, 0))
    return order


@tagged("post_install", "-at_install")
class TestRepurchase(TransactionCase):
    """Hand-made order histories (refresh date TODAY, at least 3 purchases):

    k1, company A: P1 on 01-01 (2), 01-11 (4), 01-31 (3), 03-02 (5) 2025:
        intervals 10, 20, 30 days: median 20, quartiles 15 and 25 (spread
        10), expected 03-02 + 20 = 03-22, usual quantity median(2, 4, 3, 5)
        = 3.5; P2 on 01-11 and 02-10: only 2 purchases, no row; category C1
        (P1 and P2) on 01-01, 01-11, 01-31, 02-10, 03-02: intervals 10, 20,
        10, 20: median 15, quartiles 10 and 20 (spread 10), expected 03-17.
    k2, company A: P1 in two orders on 06-01 (1 + 1), 06-15 (2), 06-29 (2):
        3 purchase days, intervals 14, 14: median 14, spread 0, expected
        07-13 (not overdue on 06-30), usual quantity 2.
    k1, company B: P1 on 02-01, 02-05, 02-09: its own row (interval 4),
        company A's figures unchanged.
    """

    TODAY = date(2025, 6, 30)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.crm_repurchase_min_purchases = 3
        cls.company_b = cls.env["res.company"].create({"name": "Repurchase B"})
        cls.company_b.crm_repurchase_min_purchases = 3
        cls.env.user.company_ids |= cls.company_b
        cls.env.user.group_ids |= cls.env.ref("sales_team.group_sale_manager")
        Category = cls.env["product.category"]
        cls.c1 = Category.create({"name": "Repurchase C1"})
        cls.c2 = Category.create({"name": "Repurchase C2"})
        Product = cls.env["product.product"]
        cls.p1 = Product.create({"name": "Toner", "categ_id": cls.c1.id})
        cls.p2 = Product.create({"name": "Paper", "categ_id": cls.c1.id})
        cls.p3 = Product.create({"name": "Service", "categ_id": cls.c2.id})
        cls.salesperson = cls.env["res.users"].create(
            {
                "name": "Repurchase salesperson",
                "login": "repurchase_sales",
                "group_ids": [
                    Command.set([cls.env.ref("sales_team.group_sale_salesman").id])
                ],
            }
        )
        Partner = cls.env["res.partner"]
        cls.k1 = Partner.create(
            {"name": "Repurchase k1", "is_company": True, "user_id": cls.salesperson.id}
        )
        cls.k2 = Partner.create({"name": "Repurchase k2", "is_company": True})
        cls.k2_person = Partner.create({"name": "Jan Kowalski", "parent_id": cls.k2.id})
        year = 2025
        cls._order(cls.k1, date(year, 1, 1), [(cls.p1, 2)])
        cls._order(cls.k1, date(year, 1, 11), [(cls.p1, 4), (cls.p2, 1)])
        cls._order(cls.k1, date(year, 1, 31), [(cls.p1, 3)])
        cls._order(cls.k1, date(year, 2, 10), [(cls.p2, 1), (cls.p3, 1)])
        cls._order(cls.k1, date(year, 3, 2), [(cls.p1, 5)])
        cls._order(cls.k2, date(year, 6, 1), [(cls.p1, 1)])
        cls._order(cls.k2_person, date(year, 6, 1), [(cls.p1, 1)])
        cls._order(cls.k2, date(year, 6, 15), [(cls.p1, 2)])
        cls.k2_last = cls._order(cls.k2, date(year, 6, 29), [(cls.p1, 2)])
        for day in (1, 5, 9):
            cls._order(cls.k1, date(year, 2, day), [(cls.p1, 7)], company=cls.company_b)
        # neither a quotation nor a cancelled order counts
        cls._order(cls.k2, date(year, 6, 20), [(cls.p1, 50)], confirm=False)
        cls._order(cls.k2, date(year, 6, 21), [(cls.p1, 50)]).action_cancel()
        cls._age_orders()

    @classmethod
    def _order(cls, partner, day, lines, company=None, confirm=True):
        return make_order(cls.env, partner, day, lines, company or cls.company, confirm)

    @classmethod
    def _age_orders(cls):
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE sale_order SET write_date = write_date - interval '1 day'"
        )

    def _refresh(self, full=False, today=None, company=None):
        return self.env["crm.customer.repurchase"]._crm_refresh(
            company or self.company, full=full, today=today or self.TODAY
        )

    def _row(self, partner, product=None, categ=None, company=None):
        return self.env["crm.customer.repurchase"].search(
            [
                ("company_id", "=", (company or self.company).id),
                ("partner_id", "=", partner.id),
                ("level", "=", "product" if product else "category"),
                ("item_id", "=", (product or categ).id),
            ]
        )

    def _figures(self, row):
        return (
            row.purchase_count,
            row.first_purchase_date,
            row.last_purchase_date,
            row.interval_days,
            row.interval_spread_days,
            row.expected_date,
            row.usual_qty,
        )

    def test_intervals(self):
        stats = self._refresh(full=True)
        self.assertTrue(stats["full"])
        row = self._row(self.k1, self.p1)
        self.assertEqual(
            self._figures(row),
            (4, date(2025, 1, 1), date(2025, 3, 2), 20.0, 10.0, date(2025, 3, 22), 3.5),
        )
        self.assertEqual(row.categ_id, self.c1)
        self.assertEqual(row.user_id, self.salesperson)
        # two purchases only: no row
        self.assertFalse(self._row(self.k1, self.p2))
        self.assertFalse(self._row(self.k1, self.p3))
        categ = self._row(self.k1, categ=self.c1)
        self.assertEqual(
            self._figures(categ)[:6],
            (5, date(2025, 1, 1), date(2025, 3, 2), 15.0, 10.0, date(2025, 3, 17)),
        )
        self.assertFalse(categ.product_id)
        # two orders of one day (one from a contact) are one purchase
        row2 = self._row(self.k2, self.p1)
        self.assertEqual(
            self._figures(row2),
            (3, date(2025, 6, 1), date(2025, 6, 29), 14.0, 0.0, date(2025, 7, 13), 2.0),
        )
        # counted in the company of the orders only
        row_b = self._row(self.k1, self.p1, company=self.company_b)
        self.assertFalse(row_b)
        self._refresh(full=True, company=self.company_b)
        row_b = self._row(self.k1, self.p1, company=self.company_b)
        self.assertEqual(
            self._figures(row_b),
            (3, date(2025, 2, 1), date(2025, 2, 9), 4.0, 0.0, date(2025, 2, 13), 7.0),
        )
        self.assertEqual(
            self._figures(self._row(self.k1, self.p1))[0], 4, "company A unchanged"
        )

    def test_overdue(self):
        self._refresh(full=True)
        Repurchase = self.env["crm.customer.repurchase"].with_context(tz="UTC")
        row = Repurchase.browse(self._row(self.k1, self.p1).id)
        row2 = Repurchase.browse(self._row(self.k2, self.p1).id)
        today = Repurchase._crm_today()
        self.assertEqual(row.overdue_days, (today - date(2025, 3, 22)).days)
        self.assertTrue(row.overdue)
        overdue = Repurchase.search(
            [("overdue", "=", True), ("partner_id", "in", (self.k1 | self.k2).ids)]
        )
        self.assertIn(row, overdue)
        # most overdue first
        ordered = Repurchase.search(
            [("partner_id", "in", (self.k1 | self.k2).ids), ("level", "=", "product")],
            order="overdue_days desc",
        )
        self.assertEqual(ordered[0], row)
        self.assertEqual(ordered[-1], row2)

    def test_incremental(self):
        self._refresh(full=True)
        row1 = self._row(self.k1, self.p1)
        written = row1.write_date
        # nothing new: nothing written
        stats = self._refresh(today=date(2025, 7, 15))
        self.assertFalse(stats["full"])
        self.assertEqual(stats["changed"], 0)
        # k2 buys again on 07-10: 06-01, 06-15, 06-29, 07-10 → 14, 14, 11
        self._order(self.k2, date(2025, 7, 10), [(self.p1, 6)])
        stats = self._refresh(today=date(2025, 7, 15))
        self.assertEqual(stats["customers"], 1)
        # its product row and its category row
        self.assertEqual(stats["changed"], 2)
        row2 = self._row(self.k2, self.p1)
        self.assertEqual(
            self._figures(row2),
            (4, date(2025, 6, 1), date(2025, 7, 10), 14.0, 1.5, date(2025, 7, 24), 2.0),
        )
        self.assertEqual(self._row(self.k1, self.p1).write_date, written)
        # the same as a full refresh
        incremental = self._figures(row2)
        self._refresh(full=True, today=date(2025, 7, 15))
        self.assertEqual(self._figures(self._row(self.k2, self.p1)), incremental)
        # cancelled orders take the rows away
        self.k2_last.action_cancel()
        stats = self._refresh(today=date(2025, 7, 16))
        self.assertEqual(stats["deleted"], 0)
        self.assertEqual(self._row(self.k2, self.p1).purchase_count, 3)
        self.env["sale.order"].search(
            [
                ("partner_id", "in", (self.k2 | self.k2_person).ids),
                ("state", "=", "sale"),
            ]
        ).action_cancel()
        stats = self._refresh(today=date(2025, 7, 16))
        self.assertEqual(stats["deleted"], 2)
        self.assertFalse(self._row(self.k2, self.p1))

    def test_minimum_setting(self):
        self._refresh(full=True)
        self.company.crm_repurchase_min_purchases = 2
        stats = self._refresh()
        self.assertTrue(stats["full"], "a new minimum counts everything again")
        p2 = self._row(self.k1, self.p2)
        self.assertEqual(
            self._figures(p2)[:6],
            (2, date(2025, 1, 11), date(2025, 2, 10), 30.0, 0.0, date(2025, 3, 12)),
        )
        with (
            self.assertRaises(CheckViolation),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.company.crm_repurchase_min_purchases = 1
            self.env.flush_all()

    def test_make_quotation(self):
        self._refresh(full=True)
        row = self._row(self.k1, self.p1)
        action = row.with_user(self.salesperson).action_crm_make_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.partner_id, self.k1)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.order_line.product_id, self.p1)
        self.assertEqual(order.order_line.product_uom_qty, 3.5)
        with self.assertRaisesRegex(UserError, "categories"):
            self._row(self.k1, categ=self.c1).action_crm_make_quotation()

    def test_access(self):
        self._refresh(full=True)
        Repurchase = self.env["crm.customer.repurchase"].with_user(self.salesperson)
        rows = Repurchase.search([("partner_id", "=", self.k1.id)])
        self.assertTrue(rows)
        self.assertEqual(
            rows.company_id, self.company, "the other company's rows stay hidden"
        )

    def test_activities(self):
        self.company.crm_repurchase_activity = True
        # first refresh: what fell due yesterday (none); the next day after
        # k1's expected 03-22 passed
        self._refresh(full=True, today=date(2025, 3, 22))
        stats = self._refresh(today=date(2025, 3, 24))
        self.assertEqual(stats["activities"], 1)
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.k1.id)]
        )
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertIn("Toner", activity.note)
        # re-run over the same days: no duplicate
        Repurchase = self.env["crm.customer.repurchase"]
        self.assertEqual(
            Repurchase._crm_schedule_activities(
                self.company, date(2025, 3, 22), date(2025, 3, 24)
            ),
            0,
        )


@tagged("post_install", "-at_install")
class TestNextOffer(TransactionCase):
    """me (segment S) bought X. Peers of S: a, b, c bought X, a and b with Y
    (in the same orders): Y is offered, bought with X by 2 of the 3 (67 %).
    d (segment T) bought X with Z: Z is not offered (no customer of S buys
    it with X)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {
                "crm_basket_min_count": 1,
                "crm_basket_min_confidence": 0,
                "crm_basket_min_lift": 0,
                "crm_rfm_period_months": 24,
                "crm_rfm_source": "sale",
            }
        )
        cls.env.user.group_ids |= cls.env.ref("sales_team.group_sale_manager")
        Product = cls.env["product.product"]
        cls.x, cls.y, cls.z = Product.create(
            [{"name": name, "sale_ok": True} for name in ("Drill", "Bits", "Saw")]
        )
        Partner = cls.env["res.partner"]
        cls.me, cls.a, cls.b, cls.c, cls.d = Partner.create(
            [
                {"name": f"Offer {n}", "is_company": True}
                for n in ("me", "a", "b", "c", "d")
            ]
        )
        day = date(2025, 5, 1)
        for partner, products in (
            (cls.me, cls.x),
            (cls.a, cls.x | cls.y),
            (cls.b, cls.x | cls.y),
            (cls.c, cls.x),
            (cls.d, cls.x | cls.z),
        ):
            make_order(cls.env, partner, day, [(p, 1) for p in products], cls.company)
        today = date(2025, 6, 30)
        cls.env["crm.customer.value"]._crm_refresh(cls.company, full=True, today=today)
        cls.env["crm.basket.pair"]._crm_refresh(cls.company, full=True, today=today)
        Segment = cls.env["crm.rfm.segment"]
        cls.s = Segment.create({"name": "Offer S", "sequence": 999})
        cls.t = Segment.create({"name": "Offer T", "sequence": 999})
        cls.env.cr.execute(
            "UPDATE crm_customer_value SET segment_id = %s "
            "WHERE company_id = %s AND partner_id = ANY(%s)",
            [cls.s.id, cls.company.id, [cls.me.id, cls.a.id, cls.b.id, cls.c.id]],
        )
        cls.env.cr.execute(
            "UPDATE crm_customer_value SET segment_id = %s "
            "WHERE company_id = %s AND partner_id = %s",
            [cls.t.id, cls.company.id, cls.d.id],
        )

    def test_next_offer(self):
        Repurchase = self.env["crm.customer.repurchase"]
        offers = Repurchase._crm_next_offers(self.company, self.me)
        self.assertEqual(
            [
                (o["product"], o["with_product"], o["share"], o["buyers"])
                for o in offers
            ],
            [(self.y, self.x, 67, 3)],
        )
        self.assertEqual(offers[0]["segment"], self.s)
        html = Repurchase.with_context(lang="en_US")._crm_next_offers_html(offers)
        self.assertIn("bought with Drill by 67 % of the customers who buy Drill", html)
        # on the card, and not on a quotation that has it already
        self.assertIn("Bits", self.me.with_company(self.company).crm_next_offer_html)
        quotation = self.env["sale.order"].create(
            {"partner_id": self.me.id, "company_id": self.company.id}
        )
        self.assertIn("Bits", quotation.crm_next_offer_html)
        quotation.order_line = [Command.create({"product_id": self.y.id})]
        self.assertFalse(quotation.crm_next_offer_html)
        # d's segment buys Z with X: offered to d's peers only
        self.assertFalse(
            [o for o in offers if o["product"] == self.z], "Z is not for segment S"
        )
