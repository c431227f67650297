import logging
import math
import time
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.misc import formatLang
from odoo.tools.sql import create_index

_logger = logging.getLogger(__name__)

MANAGER = "sales_team.group_sale_manager"
# columns computed from the orders of a customer (the "aggregates")
AGGREGATES = (
    "order_count",
    "revenue",
    "margin",
    "first_order_date",
    "last_order_date",
    "average_order",
    "frequency",
    "monetary",
    "repeat_customer",
    "repeat_rate",
    "typical_interval_days",
    "margin_available",
    "value_basis",
)
# columns computed from the aggregates of all customers of the company
RANKED = (
    "r_score",
    "f_score",
    "m_score",
    "rfm_score",
    "segment_id",
    "churn_risk",
    "ltv",
)
# operators of the "Top 20%" search on the cumulative share
PARETO_OPERATORS = {"<": "<", "<=": "<=", ">": ">", ">=": ">="}


class CrmCustomerValue(models.Model):
    """Recency, frequency, monetary value, loyalty and profitability of each
    customer (commercial partner) of a company, stored by ``_crm_refresh``.

    One row per (company, customer) that has at least one order up to the
    refresh date; see readme/USAGE.md for the formulas.
    """

    _name = "crm.customer.value"
    _description = "Customer Value"
    _order = "value_basis desc, id"
    _rec_name = "partner_id"

    _company_partner_uniq = models.Constraint(
        "UNIQUE(company_id, partner_id)",
        "A customer has one value row per company.",
    )

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        related="partner_id.user_id", string="Salesperson", store=True
    )
    country_id = fields.Many2one(
        related="partner_id.country_id", string="Country", store=True
    )
    category_ids = fields.Many2many(
        related="partner_id.category_id", string="Customer Tags"
    )
    refresh_date = fields.Date(string="Computed On", compute="_compute_refresh_date")
    # lifetime figures (all orders up to the refresh date)
    order_count = fields.Integer(string="Orders", readonly=True)
    revenue = fields.Monetary(readonly=True)
    margin = fields.Monetary(readonly=True, groups=MANAGER)
    margin_available = fields.Boolean(
        string="Margin Known",
        readonly=True,
        help="Margins come from confirmed sales orders (sales price minus cost); "
        "posted invoices carry no cost.",
    )
    first_order_date = fields.Date(string="First Order", readonly=True)
    last_order_date = fields.Date(string="Last Order", readonly=True)
    average_order = fields.Monetary(readonly=True)
    # the analysis period
    frequency = fields.Integer(
        string="Orders in Period", readonly=True, aggregator="sum"
    )
    monetary = fields.Monetary(string="Revenue in Period", readonly=True)
    # computed at read time: stored, it would change for every customer
    # every day
    recency_days = fields.Integer(
        string="Days Since Last Order", compute="_compute_recency_days"
    )
    r_score = fields.Integer(string="R", readonly=True, aggregator="avg")
    f_score = fields.Integer(string="F", readonly=True, aggregator="avg")
    m_score = fields.Integer(string="M", readonly=True, aggregator="avg")
    rfm_score = fields.Char(string="RFM", readonly=True)
    segment_id = fields.Many2one("crm.rfm.segment", readonly=True, index=True)
    # loyalty
    repeat_customer = fields.Boolean(readonly=True)
    repeat_rate = fields.Float(
        string="Repeat Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="100 for a repeat customer, 0 otherwise: its average over a group "
        "is the share of repeat customers.",
    )
    typical_interval_days = fields.Float(
        string="Usual Days Between Orders",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
    )
    churn_risk = fields.Boolean(readonly=True)
    # computed from the margin (value_basis): reserved as the margin is
    ltv = fields.Monetary(
        string="Lifetime Value",
        readonly=True,
        groups=MANAGER,
        help="Average order margin (revenue when margins are unknown) x orders "
        "per year in the period x expected lifespan in years.",
    )
    value_basis = fields.Monetary(
        string="Margin or Revenue",
        readonly=True,
        groups=MANAGER,
        help="The margin when margins are known, the revenue otherwise: the "
        "customers are ranked by it.",
    )
    # rank and cumulative share move for every customer when one margin
    # moves: computed at read time (one window query), not stored
    pareto_rank = fields.Integer(
        string="Rank",
        compute="_compute_pareto",
        help="1 = the customer who brought the most margin (revenue when "
        "margins are unknown).",
    )
    # its steps are each customer's share of the margin: reserved as the
    # margin is
    pareto_share = fields.Float(
        string="Cumulative Share (%)",
        compute="_compute_pareto",
        search="_search_pareto_share",
        groups=MANAGER,
        digits=(16, 2),
        help="Share of the company's margin (revenue when margins are unknown) "
        "brought by the customers ranked up to this one.",
    )

    def _compute_refresh_date(self):
        Refresh = self.env["crm.analysis.refresh"]
        states = Refresh._crm_states(self.company_id, "customers")
        for value in self:
            value.refresh_date = states.get(value.company_id, Refresh).refresh_date

    @api.depends("last_order_date")
    def _compute_recency_days(self):
        for value in self:
            refreshed = value.refresh_date
            value.recency_days = (
                (refreshed - value.last_order_date).days
                if refreshed and value.last_order_date
                else 0
            )

    @api.model
    def _crm_pareto_sql(self, companies):
        """Rank (prank) and cumulative share (pshare, %) of every customer of
        ``companies`` (an SQL expression of company ids), by decreasing
        margin (revenue when margins are unknown)."""
        return SQL(
            """
            SELECT id, company_id,
                   ROW_NUMBER() OVER w AS prank,
                   -- a loss-making customer adds nothing to the share
                   COALESCE(ROUND((100 * SUM(GREATEST(value_basis, 0))
                                         OVER (w ROWS UNBOUNDED PRECEDING)
                                   / NULLIF(SUM(GREATEST(value_basis, 0)) OVER (
                                         PARTITION BY company_id), 0))::numeric,
                                  2), 0) AS pshare
              FROM crm_customer_value
             WHERE company_id IN %(companies)s
            WINDOW w AS (PARTITION BY company_id ORDER BY value_basis DESC, id)
            """,
            companies=companies,
        )

    @api.depends("value_basis")
    def _compute_pareto(self):
        ranks = {}
        if self.ids:
            self.flush_model(["company_id", "value_basis"])
            ids = list(self.ids)
            self.env.cr.execute(
                SQL(
                    "SELECT id, prank, pshare FROM (%s) r WHERE id = ANY(%s)",
                    self._crm_pareto_sql(
                        SQL(
                            "(SELECT company_id FROM crm_customer_value "
                            "WHERE id = ANY(%s))",
                            ids,
                        )
                    ),
                    ids,
                )
            )
            ranks = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for value in self:
            value.pareto_rank, value.pareto_share = ranks.get(value.id, (0, 0.0))

    def _search_pareto_share(self, operator, value):
        # Odoo checks the groups of stored fields only: a search by steps of
        # the share would give each customer's share of the margin
        self._check_field_access(self._fields["pareto_share"], "read")
        if operator not in PARETO_OPERATORS or not isinstance(value, (int, float)):
            return NotImplemented
        return [
            (
                "id",
                "in",
                SQL(
                    "(SELECT id FROM (%s) r WHERE pshare %s %s)",
                    self._crm_pareto_sql(SQL("(SELECT id FROM res_company)")),
                    SQL(PARETO_OPERATORS[operator]),
                    value,
                ),
            )
        ]

    def init(self):
        res = super().init()
        # the re-ranking rewrites scores in place: room for HOT updates
        self.env.cr.execute(
            SQL("ALTER TABLE %s SET (fillfactor = 80)", SQL.identifier(self._table))
        )
        # orders that entered or left the period (incremental refresh)
        create_index(
            self.env.cr,
            "crm_analytics_sale_order_company_date_idx",
            "sale_order",
            ["company_id", "date_order"],
            where="state = 'sale'",
        )
        # orders written since the last refresh (incremental refresh)
        create_index(
            self.env.cr,
            "crm_analytics_sale_order_company_write_idx",
            "sale_order",
            ["company_id", "write_date"],
        )
        create_index(
            self.env.cr,
            "crm_analytics_account_move_company_write_idx",
            "account_move",
            ["company_id", "write_date"],
            where="move_type IN ('out_invoice', 'out_refund')",
        )
        # a touched customer's invoices (incremental refresh, invoice source)
        create_index(
            self.env.cr,
            "crm_analytics_account_move_customer_idx",
            "account_move",
            ["commercial_partner_id", "company_id"],
            where="move_type IN ('out_invoice', 'out_refund')",
        )
        # the default order (most profitable first) and the Pareto summary;
        # value_basis changes only with a customer's orders: the re-ranking
        # stays HOT
        create_index(
            self.env.cr,
            "crm_analytics_customer_value_basis_idx",
            self._table,
            ["company_id", "value_basis DESC", "id"],
        )
        create_index(
            self.env.cr,
            "crm_analytics_customer_value_segment_idx",
            self._table,
            ["company_id", "segment_id"],
        )
        return res

    # ------------------------------------------------------------------
    # Refresh
    # ------------------------------------------------------------------

    @api.model
    def _cron_crm_refresh(self):
        """Daily: refresh every company, incrementally, fully once a week."""
        # every company: a handful of rows
        companies = self.env["res.company"].sudo().search([])  # pylint: disable=no-search-all
        full_due = self.env["crm.analysis.refresh"]._crm_full_due(
            companies, "customers"
        )
        Repurchase = self.env["crm.customer.repurchase"].sudo()
        repurchase_full_due = self.env["crm.analysis.refresh"]._crm_full_due(
            companies, "repurchase"
        )
        for done, company in enumerate(companies, start=1):
            try:
                self._crm_refresh(company, full=company in full_due)
            except UserError as error:
                _logger.info(
                    "Customer analysis of company %s skipped: %s", company.id, error
                )
            Repurchase._crm_refresh(company, full=company in repurchase_full_due)
            self.env["crm.job"]._crm_commit(1, remaining=len(companies) - done)
        self.env["crm.customer.value.moved"]._crm_forget_seen()

    def action_crm_refresh(self):
        """The "Refresh now" button: incremental refresh of the current company."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._("Only sales managers can refresh the customer analysis.")
            )
        stats = self._crm_refresh(self.env.company)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Customer analysis refreshed: %(customers)s customers "
                    "recomputed, %(changed)s changed, %(moves)s changed segment.",
                    customers=formatLang(self.env, stats["customers"], digits=0),
                    changed=formatLang(self.env, stats["changed"], digits=0),
                    moves=formatLang(self.env, stats["segment_changes"], digits=0),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _crm_refresh(self, company, full=False, today=None):
        """Recompute the customer values of ``company`` as of ``today``.

        ``full``: every customer from the orders; otherwise only customers
        touched since the last refresh, then scores re-ranked over the stored
        table. Returns a dict of statistics.
        """
        started = time.monotonic()
        company = company.sudo()
        # the scheduler has no timezone: the day is the company's, not UTC's
        today = fields.Date.to_date(today) or fields.Date.context_today(
            self.with_context(
                tz=self.env.context.get("tz")
                or self.env.user.tz
                or company.partner_id.tz
            )
        )
        self.env.flush_all()
        cr = self.env.cr
        # one refresh of a company at a time (cron and "Refresh now")
        Refresh = self.env["crm.analysis.refresh"]
        state = Refresh._crm_lock(company, "customers", wait=False)
        cr.execute(SQL("SELECT now() AT TIME ZONE 'UTC'"))
        now = cr.fetchone()[0]
        changes_from = company._crm_analytics_changes_from()
        # the planner overestimates the joins of the ranking statement and
        # compiles it (JIT) for longer than it runs; sorts fit in memory
        cr.execute(SQL("SET LOCAL jit = off"))
        cr.execute(SQL("SET LOCAL work_mem = '64MB'"))
        if (
            not state
            or state["source"] != company.crm_rfm_source
            or state["period_months"] != company.crm_rfm_period_months
            or today < state["refresh_date"]
        ):
            full = True
        start = today - relativedelta(months=company.crm_rfm_period_months)
        ctx = {
            "company": company.id,
            "today": today,
            "start": start,
            "dp": company.currency_id.decimal_places,
            "uid": self.env.uid,
            "now": now,
        }
        if full:
            touched = None
        else:
            last_date = state["refresh_date"]
            old_start = last_date - relativedelta(months=state["period_months"])
            touched = self._crm_touched_customers(
                company,
                state["changes_from"],
                old_start,
                start,
                last_date,
                today,
            )
        customers = self._crm_store_aggregates(company, ctx, touched)
        changed, segment_changes = self._crm_rank(company, ctx)
        Refresh._crm_save(
            company,
            "customers",
            {
                "refreshed_at": now,
                "changes_from": changes_from,
                **({"full_refreshed_at": now} if full else {}),
                "refresh_date": today,
                "source": company.crm_rfm_source,
                "period_months": company.crm_rfm_period_months,
            },
        )
        cr.execute(SQL("RESET jit"))
        cr.execute(SQL("RESET work_mem"))
        self.env.invalidate_all()
        stats = {
            "company": company.id,
            "full": full,
            "customers": customers,
            "changed": changed,
            "segment_changes": segment_changes,
            "seconds": round(time.monotonic() - started, 3),
        }
        _logger.info("Customer analysis refreshed: %s", stats)
        return stats

    @api.model
    def _crm_orders_sql(self, company, today, partners_filter):
        """One row per order (and credit note) of the company up to the
        refresh date: partner_id (commercial), odate, amount and margin in
        company currency, is_order (False for credit notes)."""
        if company.crm_rfm_source == "invoice":
            partner_cond = SQL("")
            if partners_filter:
                partner_cond = SQL(
                    "AND m.commercial_partner_id = ANY(%s)", partners_filter
                )
            return SQL(
                """
                SELECT m.commercial_partner_id AS partner_id,
                       m.invoice_date AS odate,
                       m.amount_untaxed_signed AS amount,
                       NULL::numeric AS margin,
                       m.move_type = 'out_invoice' AS is_order
                  FROM account_move m
                 WHERE m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.company_id = %(company)s
                   AND m.invoice_date <= %(today)s
                   AND m.commercial_partner_id IS NOT NULL
                   %(partner_cond)s
                """,
                company=company.id,
                today=today,
                partner_cond=partner_cond,
            )
        partner_cond = SQL("")
        if partners_filter:
            partner_cond = SQL(
                """AND so.partner_id IN (
                       SELECT id FROM res_partner
                        WHERE commercial_partner_id = ANY(%s))""",
                partners_filter,
            )
        return SQL(
            """
            SELECT p.commercial_partner_id AS partner_id,
                   so.date_order::date AS odate,
                   ROUND((so.amount_untaxed
                          / COALESCE(NULLIF(so.currency_rate, 0), 1))::numeric, %(dp)s)
                       AS amount,
                   ROUND((COALESCE(so.margin, 0)
                          / COALESCE(NULLIF(so.currency_rate, 0), 1))::numeric, %(dp)s)
                       AS margin,
                   TRUE AS is_order
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
             WHERE so.state = 'sale'
               AND so.company_id = %(company)s
               AND so.date_order < %(today)s::date + 1
               %(partner_cond)s
            """,
            company=company.id,
            dp=company.currency_id.decimal_places,
            today=today,
            partner_cond=partner_cond,
        )

    @api.model
    def _crm_touched_customers(
        self, company, since, old_start, new_start, old_today, new_today
    ):
        """Customers whose figures may have changed since the last refresh:
        orders written since then (created, confirmed, cancelled, edited),
        orders that left the period (dated between the old and the new start),
        orders that entered it by the passing of time (dated after the old
        refresh date, up to the new one), and customers that gained or lost a
        contact (``crm.customer.value.moved``)."""
        if company.crm_rfm_source == "invoice":
            query = SQL(
                """
                SELECT m.commercial_partner_id
                  FROM account_move m
                 WHERE m.company_id = %(company)s
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.commercial_partner_id IS NOT NULL
                   AND m.write_date >= %(since)s
                UNION
                SELECT partner_id FROM crm_customer_value_moved
                 WHERE moved_at >= %(since)s
                UNION
                SELECT m.commercial_partner_id
                  FROM account_move m
                 WHERE m.company_id = %(company)s
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.commercial_partner_id IS NOT NULL
                   AND m.state = 'posted'
                   AND ((m.invoice_date >= %(old_start)s
                         AND m.invoice_date < %(new_start)s)
                     OR (m.invoice_date > %(old_today)s
                         AND m.invoice_date <= %(new_today)s))
                """,
                company=company.id,
                since=since,
                old_start=old_start,
                new_start=new_start,
                old_today=old_today,
                new_today=new_today,
            )
        else:
            query = SQL(
                """
                -- one branch per index (an OR of them reads every order)
                SELECT p.commercial_partner_id
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.company_id = %(company)s
                   AND so.write_date >= %(since)s
                UNION
                SELECT partner_id FROM crm_customer_value_moved
                 WHERE moved_at >= %(since)s
                UNION
                SELECT p.commercial_partner_id
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.company_id = %(company)s
                   AND so.state = 'sale'
                   AND so.date_order >= %(old_start)s::date
                   AND so.date_order < %(new_start)s::date
                UNION
                SELECT p.commercial_partner_id
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.company_id = %(company)s
                   AND so.state = 'sale'
                   AND so.date_order >= %(old_today)s::date + 1
                   AND so.date_order < %(new_today)s::date + 1
                """,
                company=company.id,
                since=since,
                old_start=old_start,
                new_start=new_start,
                old_today=old_today,
                new_today=new_today,
            )
        self.env.cr.execute(query)
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _crm_store_aggregates(self, company, ctx, touched):
        """Upsert the order aggregates of the customers (all when ``touched``
        is None) and delete the rows of those left without any order.
        Returns the number of customers recomputed."""
        if touched is not None and not touched:
            return 0
        cr = self.env.cr
        orders = self._crm_orders_sql(company, ctx["today"], touched)
        margin_available = company.crm_rfm_source == "sale"
        cr.execute(
            SQL(
                """
            WITH orders AS (%(orders)s),
            -- one row per customer and day: the orders are read once
            days AS (
                SELECT partner_id, odate,
                       COUNT(*) FILTER (WHERE is_order) AS orders,
                       SUM(amount) AS amount, SUM(margin) AS margin
                  FROM orders
                 GROUP BY partner_id, odate
            ),
            -- days since the previous day with an order (credit notes are no
            -- orders); sorted by customer for the aggregate below
            gaps AS (
                SELECT *,
                       CASE WHEN orders > 0 THEN odate - MAX(odate) FILTER (
                           WHERE orders > 0) OVER (
                           PARTITION BY partner_id ORDER BY odate
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                       END AS gap
                  FROM days
            ),
            agg AS (
                SELECT partner_id,
                       SUM(orders) AS order_count,
                       SUM(amount) AS revenue,
                       SUM(margin) AS margin,
                       MIN(odate) FILTER (WHERE orders > 0) AS first_order_date,
                       MAX(odate) FILTER (WHERE orders > 0) AS last_order_date,
                       COALESCE(SUM(orders) FILTER (WHERE odate >= %(start)s), 0)
                           AS frequency,
                       COALESCE(SUM(amount) FILTER (WHERE odate >= %(start)s), 0)
                           AS monetary,
                       -- NULL gaps (first order day) are left out
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS typical
                  FROM gaps
                 GROUP BY partner_id
                HAVING SUM(orders) > 0
            ),
            upserted AS (
                INSERT INTO crm_customer_value AS v (
                    company_id, partner_id, user_id, country_id,
                    order_count, revenue, margin, first_order_date,
                    last_order_date, average_order, frequency, monetary,
                    repeat_customer, repeat_rate, typical_interval_days,
                    margin_available, value_basis, r_score, f_score, m_score,
                    churn_risk, ltv, create_uid, create_date, write_uid, write_date)
                SELECT %(company)s, a.partner_id, p.user_id, p.country_id,
                       a.order_count, a.revenue, a.margin,
                       a.first_order_date, a.last_order_date,
                       ROUND(a.revenue / a.order_count, %(dp)s), a.frequency,
                       a.monetary, a.order_count >= 2,
                       CASE WHEN a.order_count >= 2 THEN 100 ELSE 0 END,
                       a.typical, %(margin_available)s,
                       CASE WHEN %(margin_available)s THEN COALESCE(a.margin, 0)
                            ELSE a.revenue END,
                       0, 0, 0, FALSE, 0,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM agg a
                  JOIN res_partner p ON p.id = a.partner_id
                ON CONFLICT (company_id, partner_id) DO UPDATE SET
                    order_count = EXCLUDED.order_count,
                    revenue = EXCLUDED.revenue,
                    margin = EXCLUDED.margin,
                    first_order_date = EXCLUDED.first_order_date,
                    last_order_date = EXCLUDED.last_order_date,
                    average_order = EXCLUDED.average_order,
                    frequency = EXCLUDED.frequency,
                    monetary = EXCLUDED.monetary,
                    repeat_customer = EXCLUDED.repeat_customer,
                    repeat_rate = EXCLUDED.repeat_rate,
                    typical_interval_days = EXCLUDED.typical_interval_days,
                    margin_available = EXCLUDED.margin_available,
                    value_basis = EXCLUDED.value_basis,
                    write_uid = EXCLUDED.write_uid,
                    write_date = EXCLUDED.write_date
                WHERE (v.order_count, v.revenue, v.margin, v.first_order_date,
                       v.last_order_date, v.frequency, v.monetary,
                       v.typical_interval_days, v.margin_available, v.value_basis)
                      IS DISTINCT FROM
                      (EXCLUDED.order_count, EXCLUDED.revenue, EXCLUDED.margin,
                       EXCLUDED.first_order_date, EXCLUDED.last_order_date,
                       EXCLUDED.frequency, EXCLUDED.monetary,
                       EXCLUDED.typical_interval_days, EXCLUDED.margin_available,
                       EXCLUDED.value_basis)
                RETURNING 1
            ),
            -- customers left without any order lose their row and segment
            deleted AS (
                DELETE FROM crm_customer_value v
                 WHERE v.company_id = %(company)s
                   AND %(delete_scope)s
                   AND NOT EXISTS (
                       SELECT 1 FROM agg WHERE agg.partner_id = v.partner_id)
                RETURNING v.partner_id, v.segment_id
            ),
            cleared AS (
                UPDATE res_partner p
                   SET crm_segment_id = COALESCE(p.crm_segment_id, '{}'::jsonb)
                       || jsonb_build_object(%(company_key)s, NULL)
                  FROM deleted d
                 WHERE p.id = d.partner_id AND d.segment_id IS NOT NULL
                   AND %(card_scope)s
                RETURNING 1
            ),
            history AS (
                INSERT INTO crm_customer_segment_history (
                    partner_id, company_id, date, segment_id, previous_segment_id,
                    r_score, f_score, m_score,
                    create_uid, create_date, write_uid, write_date)
                SELECT d.partner_id, %(company)s, %(today)s, NULL, d.segment_id,
                       0, 0, 0, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM deleted d WHERE d.segment_id IS NOT NULL
                RETURNING 1
            )
            SELECT (SELECT COUNT(*) FROM agg), (SELECT COUNT(*) FROM cleared),
                   (SELECT COUNT(*) FROM history)
            """,
                orders=orders,
                start=ctx["start"],
                today=ctx["today"],
                company=company.id,
                dp=ctx["dp"],
                margin_available=margin_available,
                uid=ctx["uid"],
                now=ctx["now"],
                company_key=str(company.id),
                delete_scope=(
                    SQL("TRUE")
                    if touched is None
                    else SQL("v.partner_id = ANY(%s)", touched)
                ),
                # lets the planner read the touched cards by their ids
                card_scope=(
                    SQL("TRUE") if touched is None else SQL("p.id = ANY(%s)", touched)
                ),
            )
        )
        return cr.fetchone()[0]

    @api.model
    def _crm_score_sql(self, column, prefix):
        """Score 1-5 of ``v.<column>`` against its four thresholds
        ``th.<prefix>1..4`` (see ``_crm_rank``); 0 without orders in the
        period."""
        above = SQL(" + ").join(
            SQL(
                "(%s > %s)::int",
                SQL.identifier("v", column),
                SQL.identifier("th", f"{prefix}{level}"),
            )
            for level in range(1, 5)
        )
        return SQL("CASE WHEN v.frequency > 0 THEN 1 + %s ELSE 0 END", above)

    def _crm_rank(self, company, ctx):
        """Scores, segment, churn risk and lifetime value of every customer
        of the company, from the stored aggregates, in one statement that
        writes only the rows that change (nothing here moves for every
        customer: the Pareto rank and the days since the last order are
        computed at read time); a customer whose segment changes gets a
        history row and its segment on its card.
        Returns (rows changed, segment changes)."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """
            WITH active AS (
                SELECT last_order_date, frequency, monetary
                  FROM crm_customer_value
                 WHERE company_id = %(company)s AND frequency > 0
            ),
            -- score(x) = 1 + LEAST(4, 5 * (rank - 1) / d), d = GREATEST(n - 1, 1),
            -- rank - 1 = the number of values < x: the score is above k
            -- exactly when x > the c-th smallest value, c = ceil(k * d / 5);
            -- four thresholds per score instead of a rank per customer
            sorted AS (
                SELECT GREATEST(COUNT(*) - 1, 1)::int AS d,
                       array_agg(last_order_date ORDER BY last_order_date) AS rs,
                       array_agg(frequency ORDER BY frequency) AS fs,
                       array_agg(monetary ORDER BY monetary) AS ms
                  FROM active
            ),
            -- materialized: else the arrays travel with every row
            th AS MATERIALIZED (
                SELECT rs[(d + 4) / 5] AS r1, rs[(2 * d + 4) / 5] AS r2,
                       rs[(3 * d + 4) / 5] AS r3, rs[(4 * d + 4) / 5] AS r4,
                       fs[(d + 4) / 5] AS f1, fs[(2 * d + 4) / 5] AS f2,
                       fs[(3 * d + 4) / 5] AS f3, fs[(4 * d + 4) / 5] AS f4,
                       ms[(d + 4) / 5] AS m1, ms[(2 * d + 4) / 5] AS m2,
                       ms[(3 * d + 4) / 5] AS m3, ms[(4 * d + 4) / 5] AS m4
                  FROM sorted
            ),
            -- the segment of each of the 125 score combinations
            segment_map AS (
                SELECT DISTINCT ON (r, f, m) r, f, m, seg.id AS segment_id
                  FROM generate_series(1, 5) r, generate_series(1, 5) f,
                       generate_series(1, 5) m, crm_rfm_segment seg
                 WHERE seg.active
                   AND (seg.company_id IS NULL OR seg.company_id = %(company)s)
                   AND r BETWEEN seg.r_min AND seg.r_max
                   AND f BETWEEN seg.f_min AND seg.f_max
                   AND m BETWEEN seg.m_min AND seg.m_max
                 ORDER BY r, f, m, seg.sequence, seg.id
            ),
            company_interval AS MATERIALIZED (
                SELECT percentile_cont(0.5) WITHIN GROUP (
                           ORDER BY typical_interval_days) AS typical
                  FROM crm_customer_value
                 WHERE company_id = %(company)s
                   AND typical_interval_days IS NOT NULL
            ),
            -- one pass over the table; materialized so that each score is
            -- evaluated once (inlined, its expression is repeated in the
            -- segment join, the comparison and the result)
            scored AS MATERIALIZED (
                SELECT v.id, v.partner_id, v.segment_id AS old_segment_id,
                       v.r_score, v.f_score, v.m_score, v.rfm_score,
                       v.churn_risk AS old_churn_risk, v.ltv AS old_ltv,
                       %(r_score)s AS r, %(f_score)s AS f, %(m_score)s AS m,
                       COALESCE(%(today)s::date - v.last_order_date
                                > %(churn_factor)s * COALESCE(
                                    v.typical_interval_days, ci.typical),
                                FALSE) AS churn_risk,
                       -- multiplied before divided: exact to the cent
                       ROUND(v.value_basis * v.frequency * 12 * %(lifespan)s::numeric
                             / (v.order_count * %(period)s), %(dp)s) AS ltv
                  FROM crm_customer_value v
                 CROSS JOIN th
                 CROSS JOIN company_interval ci
                 WHERE v.company_id = %(company)s
            ),
            computed AS (
                SELECT s.*, sm.segment_id,
                       CASE WHEN s.r > 0
                            THEN s.r::text || s.f::text || s.m::text END AS rfm
                  FROM scored s
                  LEFT JOIN segment_map sm
                         ON sm.r = s.r AND sm.f = s.f AND sm.m = s.m
            ),
            changed AS MATERIALIZED (
                SELECT * FROM computed c
                 WHERE (c.r_score, c.f_score, c.m_score, c.rfm_score,
                        c.old_segment_id, c.old_churn_risk, c.old_ltv)
                       IS DISTINCT FROM
                       (c.r, c.f, c.m, c.rfm, c.segment_id, c.churn_risk, c.ltv)
            ),
            updated AS (
                UPDATE crm_customer_value v
                   SET r_score = c.r, f_score = c.f, m_score = c.m,
                       rfm_score = c.rfm, segment_id = c.segment_id,
                       churn_risk = c.churn_risk, ltv = c.ltv,
                       write_uid = %(uid)s, write_date = %(now)s
                  FROM changed c
                 WHERE v.id = c.id
                RETURNING v.partner_id, v.segment_id, c.old_segment_id,
                          c.r, c.f, c.m
            ),
            moved AS (
                SELECT * FROM updated
                 WHERE segment_id IS DISTINCT FROM old_segment_id
            ),
            history AS (
                INSERT INTO crm_customer_segment_history (
                    partner_id, company_id, date, segment_id, previous_segment_id,
                    r_score, f_score, m_score,
                    create_uid, create_date, write_uid, write_date)
                SELECT partner_id, %(company)s, %(today)s, segment_id,
                       old_segment_id, r, f, m,
                       %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM moved
                RETURNING 1
            ),
            cards AS (
                UPDATE res_partner p
                   SET crm_segment_id = COALESCE(p.crm_segment_id, '{}'::jsonb)
                       || jsonb_build_object(%(company_key)s, m.segment_id)
                  FROM moved m
                 WHERE p.id = m.partner_id
                RETURNING 1
            )
            SELECT (SELECT COUNT(*) FROM updated), (SELECT COUNT(*) FROM history),
                   (SELECT COUNT(*) FROM cards)
            """,
                company=company.id,
                company_key=str(company.id),
                r_score=self._crm_score_sql("last_order_date", "r"),
                f_score=self._crm_score_sql("frequency", "f"),
                m_score=self._crm_score_sql("monetary", "m"),
                today=ctx["today"],
                churn_factor=company.crm_churn_factor,
                period=company.crm_rfm_period_months,
                lifespan=company.crm_ltv_lifespan_years,
                dp=ctx["dp"],
                uid=ctx["uid"],
                now=ctx["now"],
            )
        )
        changed, moved, _cards = cr.fetchone()
        return changed, moved

    # ------------------------------------------------------------------
    # Overview figures and actions
    # ------------------------------------------------------------------

    @api.model
    def _crm_pareto_summary(self, company, top_percent=20):
        """Share of the margin (revenue when margins are unknown) brought by
        the top ``top_percent`` % customers: dict with customers, top,
        share (%), basis ("margin" or "revenue")."""
        self.env.cr.execute(
            SQL(
                """SELECT COUNT(*), BOOL_AND(margin_available),
                          SUM(GREATEST(value_basis, 0))
                     FROM crm_customer_value WHERE company_id = %s""",
                company.id,
            )
        )
        count, margin, total = self.env.cr.fetchone()
        top = math.ceil(count * top_percent / 100)
        self.env.cr.execute(
            SQL(
                """SELECT SUM(GREATEST(value_basis, 0)) FROM (
                       SELECT value_basis FROM crm_customer_value
                        WHERE company_id = %s
                        ORDER BY value_basis DESC, id LIMIT %s) t""",
                company.id,
                top,
            )
        )
        top_total = self.env.cr.fetchone()[0]
        return {
            "customers": count,
            "top": top,
            "share": float(round(100 * top_total / total, 2)) if total else 0.0,
            "basis": "margin" if margin else "revenue",
        }

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        # the ranking is shown to everyone (as the rank), the amounts of
        # value_basis only to sales managers
        if field_name == "value_basis":
            return SQL("%s %s %s", SQL.identifier(alias, field_name), direction, nulls)
        # figures computed when read follow a stored column backwards: the
        # rank and cumulative share grow as value_basis falls (ties by id, as
        # the ranking), the days since the last order as its date falls
        backwards = SQL("ASC") if direction.code == "DESC" else SQL("DESC")
        if field_name in ("pareto_rank", "pareto_share"):
            return SQL(
                "%s %s, %s %s",
                SQL.identifier(alias, "value_basis"),
                backwards,
                SQL.identifier(alias, "id"),
                direction,
            )
        if field_name == "recency_days":
            return SQL(
                "%s %s %s",
                SQL.identifier(alias, "last_order_date"),
                backwards,
                nulls,
            )
        return super()._order_field_to_sql(alias, field_name, direction, nulls, query)

    def action_apply(self):
        """Act on the selected customers (list action)."""
        return self.partner_id._crm_segment_apply_action()

    @api.model
    def _crm_demo_create_orders(self, product_id, specs):
        """Demo data: confirmed sales orders, then a full refresh of the main
        company. ``specs``: [partner id, days since the last order, number of
        orders, total untaxed amount, days between orders]."""
        product = self.env["product.product"].browse(product_id)
        now = fields.Datetime.now()
        vals_list, dates = [], []
        for partner_id, last_days, count, total, interval in specs:
            for index in range(count):
                dates.append(now - timedelta(days=last_days + index * interval))
                vals_list.append(
                    {
                        "partner_id": partner_id,
                        "order_line": [
                            fields.Command.create(
                                {
                                    "product_id": product.id,
                                    "product_uom_qty": 1,
                                    "price_unit": total / count,
                                    "purchase_price": total / count * 0.6,
                                    "tax_ids": [],
                                }
                            )
                        ],
                    }
                )
        orders = self.env["sale.order"].create(vals_list)
        orders.action_confirm()
        # confirming dates an order today: put the demo dates back
        for order, date_order in zip(orders, dates, strict=True):
            order.date_order = date_order
        return self._crm_refresh(self.env.company, full=True)
