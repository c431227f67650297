import itertools
from collections import Counter
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import call_kw
from odoo.tests import new_test_user, tagged

from .rfm_common import RfmCommon


@tagged("post_install", "-at_install")
class TestCustomerValue(RfmCommon):
    def _segment(self, name):
        return self.env.ref(f"crm_analytics.rfm_segment_{name}")

    def test_scores_segments_loyalty_by_hand(self):
        stats = self._refresh(full=True)
        self.assertTrue(stats["full"])
        self.assertEqual(stats["customers"], 6)
        v1, v2, v3, v4, v5, v6 = (
            self._value(c)
            for c in (self.c1, self.c2, self.c3, self.c4, self.c5, self.c6)
        )
        # lifetime figures, the EUR order converted at 0.5 (300 EUR = 600)
        self.assertEqual(v1.order_count, 3)
        self.assertEqual(v1.revenue, 3000)
        self.assertEqual(v1.average_order, 1000)
        self.assertEqual(v1.first_order_date, date(2025, 4, 21))
        self.assertEqual(v2.order_count, 2, "the person's order is its company's")
        self.assertEqual(v4.revenue, 600)
        self.assertEqual(v4.sudo().margin, 400, "EUR 300 - 100 at 0.5")
        self.assertEqual(v5.revenue, 700)
        self.assertTrue(v1.margin_available)
        # period figures
        self.assertEqual(
            [v.frequency for v in (v1, v2, v3, v4, v5, v6)], [3, 2, 1, 1, 0, 2]
        )
        self.assertEqual(
            [v.monetary for v in (v1, v2, v3, v4, v5, v6)],
            [3000, 1000, 2000, 600, 0, 200],
        )
        self.assertEqual(v1.recency_days, 10)
        self.assertEqual(v5.recency_days, (self.TODAY - date(2023, 3, 1)).days)
        # n = 5 ranked customers: rank 1..5 -> score 1 + min(4, 5*(rank-1)//4)
        # = 1, 2, 3, 4, 5; c1 and c2 share the latest date -> both rank 4 (R 4);
        # c3/c4 tie on 1 order (F 1), c2/c6 on 2 orders -> rank 3 (F 3)
        self.assertEqual(
            [v.rfm_score for v in (v1, v2, v3, v4, v6)],
            ["455", "433", "314", "212", "131"],
        )
        self.assertEqual((v5.r_score, v5.f_score, v5.m_score), (0, 0, 0))
        self.assertFalse(v5.rfm_score)
        self.assertFalse(v5.segment_id, "no order in the period: no segment")
        self.assertEqual(v1.segment_id, self._segment("champions"))
        self.assertEqual(v2.segment_id, self._segment("loyal"))
        self.assertEqual(v3.segment_id, self._segment("need_attention"))
        self.assertEqual(v4.segment_id, self._segment("about_to_sleep"))
        self.assertEqual(v6.segment_id, self._segment("at_risk"))
        # loyalty: usual interval = median gap; company median of (30, 365, 30)
        # = 30 for one-order customers; risk when days since last > 2 x interval
        self.assertEqual(
            [v.repeat_customer for v in (v1, v2, v3, v4, v5, v6)],
            [True, True, False, False, False, True],
        )
        self.assertEqual(v1.typical_interval_days, 30)
        self.assertEqual(v2.typical_interval_days, 365)
        self.assertFalse(v3.typical_interval_days)
        self.assertEqual(
            [v.churn_risk for v in (v1, v2, v3, v4, v5, v6)],
            [False, False, True, True, True, True],
        )
        # LTV = margin / orders x orders in period x 12 / 24 x 3
        self.assertEqual(
            [v.sudo().ltv for v in (v1, v2, v3, v4, v5, v6)],
            [1800, 300, 1500, 600, 0, 150],
        )
        # Pareto by margin: c1 1200, c3 1000, c5 700, c4 400, c2 200, c6 100
        # (total 3600): 1200 / 3600 = 33.33 %, 2200 / 3600 = 61.11 %, ...
        self.assertEqual(
            [v.pareto_rank for v in (v1, v3, v5, v4, v2, v6)], [1, 2, 3, 4, 5, 6]
        )
        self.assertEqual(
            [v.pareto_share for v in (v1, v3, v5, v4, v2, v6)],
            [33.33, 61.11, 80.56, 91.67, 97.22, 100.0],
        )
        # lists sort on the rank, the share and the days since the last order
        # although they are computed when read (a salesperson too)
        salesman = new_test_user(
            self.env,
            "crm_pareto_sort_salesman",
            groups="sales_team.group_sale_salesman",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        Value = self.env["crm.customer.value"].with_user(salesman)
        described = Value.fields_get(
            ["pareto_rank", "pareto_share", "recency_days"], ["sortable"]
        )
        self.assertTrue(all(field["sortable"] for field in described.values()))
        by_rank = Value.search([], order="pareto_rank")
        self.assertEqual(by_rank.mapped("pareto_rank"), [1, 2, 3, 4, 5, 6])
        self.assertEqual(
            self.env["crm.customer.value"]
            .search([], order="pareto_share desc")
            .mapped("pareto_rank"),
            [6, 5, 4, 3, 2, 1],
        )
        recency = Value.search([], order="recency_days desc, id").mapped("recency_days")
        self.assertEqual(recency, sorted(recency, reverse=True))
        summary = self.env["crm.customer.value"]._crm_pareto_summary(self.company)
        self.assertEqual(summary["top"], 2)
        self.assertEqual(summary["share"], 61.11)
        self.assertEqual(summary["basis"], "margin")
        # the customer card and the history
        self.assertEqual(
            self.c6.with_company(self.company).crm_segment_id, self._segment("at_risk")
        )
        self.assertEqual(
            self.env["res.partner"]
            .with_company(self.company)
            .search([("crm_segment_id", "=", self._segment("at_risk").id)]),
            self.c6,
        )
        history = self.env["crm.customer.segment.history"].search(
            [("partner_id", "=", self.c1.id)]
        )
        self.assertEqual(history.segment_id, self._segment("champions"))
        self.assertEqual((history.r_score, history.f_score, history.m_score), (4, 5, 5))
        self.assertEqual(
            self.c1.with_company(self.company).crm_segment_history_count, 1
        )
        # per segment: repeat rate as an average of 100/0
        segment = self._segment("at_risk").with_company(self.company)
        self.assertEqual(segment.customer_count, 1)
        self.assertEqual(segment.repeat_rate, 100)
        self.assertEqual(segment.churn_risk_count, 1)

    def test_invoice_source(self):
        """Invoices: refunds lower the revenue but are no orders; no margin."""
        self.company.crm_rfm_source = "invoice"
        self._invoice(self.c1, date(2025, 6, 1), 1000)
        self._invoice(self.c1, date(2025, 6, 10), 200, move_type="out_refund")
        self._invoice(self.c3, date(2025, 5, 1), 300)
        self._refresh()
        v1, v3 = self._value(self.c1), self._value(self.c3)
        self.assertEqual(
            len(
                self.env["crm.customer.value"].search(
                    [("company_id", "=", self.company.id)]
                )
            ),
            2,
        )
        self.assertEqual((v1.order_count, v1.frequency), (1, 1))
        self.assertEqual((v1.revenue, v1.monetary), (800, 800))
        self.assertEqual(v1.last_order_date, date(2025, 6, 1))
        self.assertFalse(v1.margin_available)
        self.assertFalse(v1.sudo().margin)
        # n = 2: c3 (older, 300) scores 1, c1 scores 1 + min(4, 5 * 1 // 1) = 5
        self.assertEqual((v1.rfm_score, v3.rfm_score), ("515", "111"))
        # no margin: Pareto and LTV on revenue (800 / 1 x 1 x 1.5)
        self.assertEqual(v1.sudo().ltv, 1200)
        self.assertEqual((v1.pareto_rank, v1.pareto_share), (1, 72.73))

    def test_invoice_source_incremental_equals_full(self):
        self.company.crm_rfm_source = "invoice"
        self._invoice(self.c1, date(2025, 6, 1), 1000)
        self._invoice(self.c3, date(2025, 5, 1), 300)
        self._invoice(self.c6, date(2024, 1, 10), 500)
        self._refresh(full=True)
        self._age_moves()
        self._invoice(self.c3, date(2025, 6, 15), 100, move_type="out_refund")
        self._invoice(self.c4, date(2025, 6, 16), 700)
        stats = self._refresh()
        self.assertFalse(stats["full"])
        self.assertEqual(stats["customers"], 2)
        self.assertEqual(self._value(self.c3).revenue, 200)
        incremental = self._snapshot()
        self._refresh(full=True)
        self.assertEqual(incremental, self._snapshot())
        # c6's only invoice leaves the period on 2026-01-10
        self._age_moves()
        later = date(2026, 1, 20)
        stats = self._refresh(today=later)
        self.assertEqual(stats["customers"], 1)
        self.assertEqual(self._value(self.c6).frequency, 0)
        incremental = self._snapshot()
        self._refresh(full=True, today=later)
        self.assertEqual(incremental, self._snapshot())

    def _age_moves(self):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE account_move SET write_date = write_date - interval '1 day'"
        )

    def test_partner_segment_group_by(self):
        self._refresh(full=True)
        Partner = self.env["res.partner"].with_company(self.company)
        groups = dict(
            Partner._read_group(
                [("id", "in", (self.c1 | self.c2 | self.c6 | self.c5).ids)],
                ["crm_segment_id"],
                ["__count"],
            )
        )
        self.assertEqual(
            groups,
            {
                self._segment("champions"): 1,
                self._segment("loyal"): 1,
                self._segment("at_risk"): 1,
                self.env["crm.rfm.segment"]: 1,
            },
        )

    @classmethod
    def _invoice(cls, partner, invoice_date, amount, move_type="out_invoice"):
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "invoice_date": invoice_date,
                "invoice_line_ids": [
                    (0, 0, {"name": "Service", "price_unit": amount, "tax_ids": []})
                ],
            }
        )
        move.action_post()
        return move

    def test_multi_company_no_mixing(self):
        other = self.setup_other_company(name="RFM Other")["company"]
        self._order(self.c1, date(2025, 6, 1), 99999, 0, company=other)
        self._refresh(full=True)
        self._refresh(full=True, company=other)
        self.assertEqual(self._value(self.c1).revenue, 3000)
        theirs = self._value(self.c1, other)
        self.assertEqual(theirs.revenue, 99999)
        # alone in its company: n = 1, every score 1
        self.assertEqual(theirs.rfm_score, "111")
        self.assertEqual(theirs.segment_id, self._segment("lost"))
        self.assertEqual(
            self.c1.with_company(self.company).crm_segment_id,
            self._segment("champions"),
        )
        self.assertEqual(
            self.c1.with_company(other).crm_segment_id, self._segment("lost")
        )
        # a segment of the other company only, first in the list, takes all
        # of its customers and none of the first company's
        vip = self.env["crm.rfm.segment"].create(
            {"name": "Other VIP", "sequence": 1, "company_id": other.id}
        )
        self._refresh(company=other)
        self.assertEqual(self._value(self.c1, other).segment_id, vip)
        self._refresh()
        self.assertEqual(self._value(self.c1).segment_id, self._segment("champions"))
        # a salesperson of the first company sees its rows only
        user = new_test_user(
            self.env,
            "rfm_mc_sales",
            groups="sales_team.group_sale_salesman",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        rows = self.env["crm.customer.value"].with_user(user).search([])
        self.assertEqual(rows.company_id, self.company)

    def test_incremental_equals_full(self):
        # dated after the refresh date: counted once that date has passed
        self._order(self.c3, date(2025, 7, 5), 10, 0)
        self._age_orders()
        self._refresh(full=True)
        self.assertEqual(self._value(self.c3).order_count, 1)
        # a new order, a cancelled order; the other customers are untouched
        self._order(self.c4, date(2025, 6, 29), 5000, 1000)
        self.c1_orders[-1]._action_cancel()
        stats = self._refresh()
        self.assertFalse(stats["full"])
        self.assertEqual(stats["customers"], 2, "only c1 and c4 are recomputed")
        incremental = self._snapshot()
        self.assertEqual(self._value(self.c1).order_count, 2)
        self.assertEqual(self._value(self.c4).frequency, 2)
        self._refresh(full=True)
        self.assertEqual(incremental, self._snapshot())
        # 400 days later c2's 2024-06-20 order has left the period
        self._age_orders()
        later = date(2026, 8, 4)
        stats = self._refresh(today=later)
        self.assertFalse(stats["full"])
        incremental = self._snapshot()
        self.assertEqual(self._value(self.c2).frequency, 1)
        self.assertEqual(self._value(self.c3).order_count, 2)
        self._refresh(full=True, today=later)
        self.assertEqual(incremental, self._snapshot())
        # an unchanged second run writes nothing
        history_count = self.env["crm.customer.segment.history"].search_count([])
        stats = self._refresh(today=later)
        self.assertEqual((stats["customers"], stats["changed"]), (0, 0))
        self.assertEqual(
            self.env["crm.customer.segment.history"].search_count([]), history_count
        )

    def test_changes_looked_for_from_the_oldest_running_transaction(self):
        # an order written by a transaction still running during a refresh
        # gets that transaction's start as write date: a refresh looks for
        # changes from the start of the oldest running transaction (here the
        # test's own), not from its own start
        self._refresh(full=True)
        refresh = self.env["crm.analysis.refresh"].search(
            [("company_id", "=", self.company.id), ("analysis", "=", "customers")]
        )
        self.assertLessEqual(refresh.changes_from, refresh.refreshed_at)
        with self.registry.cursor() as later:
            later.execute("SELECT now() AT TIME ZONE 'UTC'")
            started = later.fetchone()[0]
            changes_from = self.env(cr=later)[
                "res.company"
            ]._crm_analytics_changes_from()
            self.assertLess(changes_from, started)

    def test_contact_moved_to_another_customer(self):
        # c2's person (one order of 500, margin 100) joins c3: no order is
        # written, yet the next incremental refresh recomputes both
        self._refresh(full=True)
        self.c2_person.parent_id = self.c3
        stats = self._refresh()
        self.assertFalse(stats["full"])
        self.assertEqual(stats["customers"], 2)
        self.assertEqual(self._value(self.c2).order_count, 1)
        self.assertEqual(self._value(self.c3).order_count, 2)
        self.assertEqual(self._value(self.c3).revenue, 2500)
        incremental = self._snapshot()
        self._refresh(full=True)
        self.assertEqual(incremental, self._snapshot())
        # once every company's refresh has looked past the move, it is dropped
        Moved = self.env["crm.customer.value.moved"]
        self.assertEqual(Moved.search([]).partner_id, self.c2 | self.c3)
        self.env["crm.analysis.refresh"].sudo().search([]).changes_from = (
            fields.Datetime.now() + timedelta(seconds=1)
        )
        Moved._crm_forget_seen()
        self.assertFalse(Moved.search([]))

    def test_contacts_searched_by_segment(self):
        # the contacts list's segment filter (a JSON containment on the
        # company's key) finds the same contacts as their cards show
        self._refresh(full=True)
        Partner = self.env["res.partner"].with_company(self.company)
        partners = Partner.search([])
        segments = self.env["crm.rfm.segment"].search([])
        for segment in segments:
            self.assertEqual(
                Partner.search([("crm_segment_id", "=", segment.id)]),
                partners.filtered(lambda p, s=segment: p.crm_segment_id == s),
                segment.name,
            )
        at_risk, loyal = self._segment("at_risk"), self._segment("loyal")
        self.assertEqual(
            Partner.search([("crm_segment_id", "in", (at_risk | loyal).ids)]),
            partners.filtered(lambda p: p.crm_segment_id in at_risk | loyal),
        )
        self.assertEqual(
            Partner.search([("crm_segment_id", "not in", at_risk.ids)]),
            partners.filtered(lambda p: p.crm_segment_id != at_risk),
        )
        # a default segment for contacts without one: Odoo's condition, which
        # counts the default
        Default = self.env["ir.default"]
        Default.set(
            "res.partner", "crm_segment_id", at_risk.id, company_id=self.company.id
        )
        partners.invalidate_recordset(["crm_segment_id"])
        with_default = Partner.search([("crm_segment_id", "=", at_risk.id)])
        self.assertEqual(
            with_default, partners.filtered(lambda p: p.crm_segment_id == at_risk)
        )
        self.assertGreater(len(with_default), 1)
        Default.search(
            [
                ("field_id.model", "=", "res.partner"),
                ("field_id.name", "=", "crm_segment_id"),
            ]
        ).unlink()
        partners.invalidate_recordset(["crm_segment_id"])
        # grouped by segment as the contacts list does, the same contacts
        groups = Partner.web_read_group(
            [("id", "in", partners.ids)], ["crm_segment_id"], ["__count"]
        )["groups"]
        self.assertEqual(
            {
                group["crm_segment_id"] and group["crm_segment_id"][0]: group["__count"]
                for group in groups
            },
            dict(Counter(partner.crm_segment_id.id for partner in partners)),
        )
        # a deleted segment leaves the cards (no group, no filter match)
        segment = partners.filtered("crm_segment_id")[:1].crm_segment_id
        members = Partner.search([("crm_segment_id", "=", segment.id)])
        segment.unlink()
        self.assertFalse(members.crm_segment_id)
        self.assertFalse(Partner.search([("crm_segment_id", "=", segment.id)]))
        # another company: that company's segment of the same contact
        other = self.env["res.company"].create({"name": "RFM Other Co"})
        self.c1.with_company(other).sudo().crm_segment_id = at_risk
        self.assertIn(
            self.c1,
            Partner.with_company(other).search([("crm_segment_id", "=", at_risk.id)]),
        )
        self.assertNotIn(self.c1, Partner.search([("crm_segment_id", "=", at_risk.id)]))

    def test_customer_losing_every_order_is_removed(self):
        self._refresh(full=True)
        self.env["sale.order"].search(
            [("partner_id", "=", self.c3.id)]
        )._action_cancel()
        self._refresh()
        self.assertFalse(self._value(self.c3))
        self.assertFalse(self.c3.with_company(self.company).crm_segment_id)
        last = self.env["crm.customer.segment.history"].search(
            [("partner_id", "=", self.c3.id)], limit=1
        )
        self.assertFalse(last.segment_id)
        self.assertEqual(last.previous_segment_id, self._segment("need_attention"))

    def test_settings_change_forces_full_refresh(self):
        self._refresh(full=True)
        self.company.crm_rfm_period_months = 12
        stats = self._refresh()
        self.assertTrue(stats["full"])
        # 12 months (from 2024-06-30): c2's 2024-06-20 order is out
        self.assertEqual(self._value(self.c2).frequency, 1)
        self.assertEqual(self._value(self.c6).frequency, 2)

    def test_default_segments_cover_every_score(self):
        segments = self.env["crm.rfm.segment"].search([("company_id", "=", False)])
        for r, f, m in itertools.product(range(1, 6), repeat=3):
            match = segments.filtered(
                lambda s, r=r, f=f, m=m: (
                    s.r_min <= r <= s.r_max
                    and s.f_min <= f <= s.f_max
                    and s.m_min <= m <= s.m_max
                )
            )
            self.assertTrue(match, f"no segment for R{r} F{f} M{m}")

    def test_bad_segment_ranges(self):
        Segment = self.env["crm.rfm.segment"]
        for vals in ({"r_min": 0}, {"m_max": 6}, {"f_min": 4, "f_max": 2}):
            with self.assertRaises(ValidationError):
                Segment.create({"name": "Bad", **vals})
        self.assertFalse(Segment.search([("name", "=", "Bad")]))
        with self.assertRaises(ValidationError):
            self.company.crm_rfm_period_months = 0

    def test_access(self):
        self._refresh(full=True)
        sales = new_test_user(
            self.env,
            "rfm_sales",
            groups="sales_team.group_sale_salesman,base.group_allow_export",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        manager = new_test_user(
            self.env,
            "rfm_manager",
            groups="sales_team.group_sale_manager",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        value = self._value(self.c1)
        self.assertEqual(value.with_user(sales).revenue, 3000)
        with self.assertRaises(AccessError):
            value.with_user(sales).read(["margin"])
        self.assertEqual(value.with_user(manager).margin, 1200)
        # the margin and what is computed from it, through every RPC path
        Value = self.env["crm.customer.value"].with_user(sales)
        reserved = ["margin", "value_basis", "ltv", "pareto_share"]
        calls = [
            ("read", [value.ids, reserved], {}),
            ("search_read", [[("id", "=", value.id)], reserved], {}),
            ("web_search_read", [[], {name: {} for name in reserved}], {}),
            ("export_data", [value.ids, reserved], {}),
            ("formatted_read_group", [[], ["segment_id"], ["ltv:sum"]], {}),
            ("formatted_read_group", [[], ["ltv"], ["__count"]], {}),
            ("search_count", [[("ltv", ">", 0)]], {}),
            ("search_count", [[("pareto_share", "<=", 80)]], {}),
        ]
        for name in reserved:
            calls.append(("read", [value.ids, [name]], {}))
            calls.append(("export_data", [value.ids, [name]], {}))
            if name != "pareto_share":
                calls.append(("formatted_read_group", [[], [], [f"{name}:sum"]], {}))
        for method, args, kwargs in calls:
            with (
                self.subTest(method=method, args=args),
                self.assertRaises(AccessError),
            ):
                call_kw(Value, method, args, kwargs)
        self.assertNotIn("ltv", Value.fields_get())
        self.assertEqual(
            call_kw(Value, "read", [value.ids, ["revenue", "pareto_rank"]], {})[0][
                "revenue"
            ],
            3000,
        )
        self.assertGreater(value.with_user(manager).ltv, 0)
        self.assertTrue(value.with_user(manager).pareto_share)
        segment = self._segment("lost")
        with self.assertRaises(AccessError):
            segment.with_user(sales).write({"r_max": 2})
        with self.assertRaises(AccessError):
            self.env["crm.customer.value"].with_user(sales).action_crm_refresh()
        segment.with_user(manager).write({"description": "Gone"})
        self.assertEqual(segment.description, "Gone")
        self.env["crm.customer.value"].with_user(manager).action_crm_refresh()

    def test_tag_customers(self):
        self._refresh(full=True)
        tag = self.env["res.partner.category"].create({"name": "Win back"})
        at_risk = self._segment("at_risk").with_company(self.company)
        action = at_risk.action_apply_to_customers()
        wizard = (
            self.env[action["res_model"]]
            .with_context(**action["context"])
            .create({"category_id": tag.id})
        )
        self.assertEqual(wizard.partner_ids, self.c6)
        wizard.action_apply()
        self.assertIn(tag, self.c6.category_id)
        self.assertNotIn(tag, self.c1.category_id)
        # from the customer value list, and a tag is required
        values = self._value(self.c1) | self._value(self.c2)
        action = values.action_apply()
        wizard = (
            self.env[action["res_model"]].with_context(**action["context"]).create({})
        )
        self.assertEqual(wizard.partner_ids, self.c1 | self.c2)
        with self.assertRaises(UserError):
            wizard.action_apply()

    def test_overview(self):
        self._refresh(full=True)
        overview = self.env["crm.customer.overview"].create({})
        self.assertEqual(overview.customer_count, 6)
        self.assertEqual(overview.active_count, 5)
        self.assertEqual(overview.churn_count, 4)
        self.assertEqual(overview.repeat_rate, 50)
        self.assertIn("61.1% of the margin", overview.pareto_text)
        self.assertIn("(2 of 6)", overview.pareto_text)
        # in the reader's language: "61,1 %", not "61.1%"
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env["ir.module.module"].search(
            [("name", "=", "crm_analytics")]
        )._load_module_terms(["crm_analytics"], ["pl_PL"], overwrite=True)
        polish = self.env["crm.customer.overview"].with_context(lang="pl_PL").create({})
        self.assertIn("przynosi 61,1 % marży", polish.pareto_text)
        self.assertEqual(len(overview.churn_customer_ids), 4)

    def test_one_order_has_no_usual_interval(self):
        """A one-order customer's usual interval is unknown: stored empty (left
        out of averages) and not shown as 0,0 days."""
        self._refresh(full=True)
        value = self._value(self.c3)
        self.assertEqual(value.order_count, 1)
        self.env.cr.execute(
            "SELECT typical_interval_days FROM crm_customer_value WHERE id = %s",
            [value.id],
        )
        self.assertIsNone(self.env.cr.fetchone()[0])
        Value = self.env["crm.customer.value"]
        for view_type in ("list", "form"):
            arch = Value.get_views([(False, view_type)])["views"][view_type]["arch"]
            self.assertIn(
                'name="typical_interval_days" invisible="not repeat_customer"',
                arch.replace(' optional="hide"', ""),
            )
