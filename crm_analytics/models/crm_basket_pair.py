from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# the cron recounts everything once a week all the same, in case orders were
# changed in SQL without their write date
FULL_REFRESH_DAYS = 7


class CrmBasketPair(models.Model):
    """Two products bought in the same order, A (product_id) then B
    (other_product_id): one row per ordered pair and company, written by
    ``_crm_refresh`` in SQL."""

    _name = "crm.basket.pair"
    _description = "Products bought together"
    _order = "lift desc, confidence desc, id"
    _log_access = False
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    product_id = fields.Many2one(
        "product.product",
        string="Product",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    other_product_id = fields.Many2one(
        "product.product",
        string="Bought with",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    product_tmpl_id = fields.Many2one(
        related="product_id.product_tmpl_id", store=True, index=True
    )
    categ_id = fields.Many2one(
        related="product_id.categ_id", string="Product Category", store=True
    )
    pair_count = fields.Integer(
        string="Orders together",
        readonly=True,
        help="Orders of the period with both products.",
    )
    product_count = fields.Integer(
        string="Orders with the product",
        readonly=True,
        help="Orders of the period with the product.",
    )
    other_count = fields.Integer(
        string="Orders with the other product",
        readonly=True,
        help="Orders of the period with the product it is bought with.",
    )
    order_total = fields.Integer(
        string="Orders in the period",
        readonly=True,
        help="All orders of the period with at least one product.",
    )
    support = fields.Float(
        string="Support (%)",
        readonly=True,
        aggregator="max",
        help="Share of all orders of the period that contain both products.",
    )
    confidence = fields.Float(
        string="Confidence (%)",
        readonly=True,
        aggregator="max",
        help="Of the orders with the product, the share that also contain the "
        "other product.",
    )
    lift = fields.Float(
        readonly=True,
        aggregator="max",
        help="How many times more often the two products are bought together "
        "than if customers chose them independently: above 1 they go together, "
        "1 means no link, below 1 they exclude each other.",
    )
    suggested = fields.Boolean(
        readonly=True,
        help="The pair meets the company's minimum support, confidence and lift, "
        "so the other product is suggested on quotations with the product.",
    )

    _product_other_differ = models.Constraint(
        "CHECK (product_id <> other_product_id)",
        "A product cannot be paired with itself.",
    )
    _company_product_other_unique = models.UniqueIndex(
        "(company_id, product_id, other_product_id)",
        "A pair of products is counted once per company.",
    )
    _company_other_product_idx = models.Index("(company_id, other_product_id)")
    # no index on the figures: a refresh rewrites them on every row (the
    # number of orders changed), and rows whose indexed columns do not change
    # are updated in place (HOT) within the free space fillfactor leaves
    _suggestion_idx = models.Index("(company_id, product_id) WHERE suggested")

    def init(self):
        self.env.cr.execute("ALTER TABLE crm_basket_pair SET (fillfactor = 50)")
        # the "touched since the last refresh" lookups use the write-date
        # indexes that crm.customer.value's init() creates on sale_order and
        # account_move

    @api.depends("product_id", "other_product_id")
    def _compute_display_name(self):
        for pair in self:
            pair.display_name = (
                f"{pair.product_id.display_name} → {pair.other_product_id.display_name}"
            )

    # ------------------------------------------------------------------
    # Refresh
    # ------------------------------------------------------------------

    @api.model
    def _crm_basket_orders(self, company, source, date_from, date_to):
        """SQL of the ids of the orders (baskets) of the company in a period."""
        if source == "invoice":
            return SQL(
                """SELECT m.id FROM account_move m
                    WHERE m.company_id = %s AND m.state = 'posted'
                      AND m.move_type = 'out_invoice'
                      AND m.invoice_date BETWEEN %s AND %s""",
                company.id,
                date_from,
                date_to,
            )
        return SQL(
            """SELECT o.id FROM sale_order o
                WHERE o.company_id = %s AND o.state = 'sale'
                  AND o.date_order >= %s AND o.date_order < %s""",
            company.id,
            date_from,
            date_to + timedelta(days=1),
        )

    @api.model
    def _crm_basket_items(self, source, orders):
        """SQL of the distinct (order_id, product_id) of the product lines of
        ``orders`` (SQL of order ids)."""
        if source == "invoice":
            return SQL(
                """SELECT DISTINCT l.move_id AS order_id, l.product_id
                     FROM account_move_line l
                    WHERE l.move_id IN (%s) AND l.display_type = 'product'
                      AND l.product_id IS NOT NULL""",
                orders,
            )
        return SQL(
            """SELECT DISTINCT l.order_id, l.product_id
                 FROM sale_order_line l
                WHERE l.order_id IN (%s) AND l.display_type IS NULL
                  AND l.product_id IS NOT NULL""",
            orders,
        )

    @api.model
    def _crm_basket_touched_orders(self, company, source, state, date_from, date_to):
        """SQL of the ids of the orders that may have changed the counts since
        the last refresh: written since (in any state: a cancelled or reset
        order leaves the baskets), or confirmed orders whose date left or
        entered the period window."""
        old_to = state["refresh_date"]
        old_from = old_to - relativedelta(months=state["period_months"])
        if source == "invoice":
            return SQL(
                """SELECT m.id FROM account_move m
                    WHERE m.company_id = %(company)s AND m.move_type = 'out_invoice'
                      AND (m.write_date >= %(since)s
                           OR (m.state = 'posted'
                               AND (m.invoice_date >= %(old_from)s
                                    AND m.invoice_date < %(new_from)s
                                    OR m.invoice_date > %(old_to)s
                                    AND m.invoice_date <= %(new_to)s)))""",
                company=company.id,
                since=state["refreshed_at"],
                old_from=old_from,
                new_from=date_from,
                old_to=old_to,
                new_to=date_to,
            )
        return SQL(
            """SELECT o.id FROM sale_order o
                WHERE o.company_id = %(company)s
                  AND (o.write_date >= %(since)s
                       OR (o.state = 'sale'
                           AND (o.date_order >= %(old_from)s
                                AND o.date_order < %(new_from)s
                                OR o.date_order >= %(old_to)s
                                AND o.date_order < %(new_to)s)))""",
            company=company.id,
            since=state["refreshed_at"],
            old_from=old_from,
            new_from=date_from,
            old_to=old_to + timedelta(days=1),
            new_to=date_to + timedelta(days=1),
        )

    @api.model
    def _crm_basket_metrics(self, company, pair, count_a, count_b, total):
        """SQL of the assignments of the figures computed from the counts."""
        support = SQL("100.0::float8 * %s / %s", pair, total)
        confidence = SQL("100.0::float8 * %s / %s", pair, count_a)
        lift = SQL("%s::float8 * %s / (%s::float8 * %s)", pair, total, count_a, count_b)
        suggested = SQL(
            "(%s >= %s AND %s >= %s AND %s >= %s)",
            support,
            company.crm_basket_min_support,
            confidence,
            company.crm_basket_min_confidence,
            lift,
            company.crm_basket_min_lift,
        )
        return {
            "support": support,
            "confidence": confidence,
            "lift": lift,
            "suggested": suggested,
        }

    @api.model
    def _crm_refresh(self, company, full=False, today=None):
        """Recount the pairs of products bought together in the orders of the
        company's analysis period ending ``today``.

        ``full`` stores the products of every order of the period
        (``crm.basket.item``), deletes the company's pairs and inserts them
        again with one self-join. Otherwise only the orders touched since the
        last refresh are read: their pairs as last counted are subtracted and
        their pairs now are added, pairs that reach the minimum are counted,
        then the per-product counts, support, confidence, lift and
        suggestions of all pairs are updated in one statement (the number of
        orders changed).

        :return: dict of figures about what was done
        """
        company.ensure_one()
        cr = self.env.cr
        today = fields.Date.to_date(today) or fields.Date.context_today(
            self.with_company(company)
        )
        date_from = today - relativedelta(months=company.crm_rfm_period_months)
        source = company.crm_rfm_source
        min_count = max(company.crm_basket_min_count, 1)
        # the SQL below reads the tables: pending ORM writes must be there
        self.env.flush_all()
        # the counting joins and aggregates hundreds of thousands of rows
        cr.execute("SET LOCAL work_mem = '64MB'")

        # one refresh per company at a time: the state row is the lock
        cr.execute(
            SQL(
                """INSERT INTO crm_basket_refresh (company_id) VALUES (%s)
                   ON CONFLICT (company_id) DO NOTHING""",
                company.id,
            )
        )
        cr.execute(
            SQL(
                """SELECT refreshed_at, refresh_date, source, period_months,
                          min_count,
                          -- pairs without the products they were counted from
                          EXISTS (SELECT 1 FROM crm_basket_pair p
                                   WHERE p.company_id = r.company_id)
                          AND NOT EXISTS (SELECT 1 FROM crm_basket_item i
                                           WHERE i.company_id = r.company_id)
                     FROM crm_basket_refresh r WHERE company_id = %s FOR UPDATE""",
                company.id,
            )
        )
        state = dict(
            zip(
                (
                    "refreshed_at",
                    "refresh_date",
                    "source",
                    "period_months",
                    "min_count",
                    "items_missing",
                ),
                cr.fetchone(),
                strict=True,
            )
        )
        # An order written by a transaction still running now gets a write_date
        # before our start but is invisible to us: the next refresh starts
        # looking from the oldest running transaction, not from now.
        cr.execute(
            """SELECT LEAST(now(), (SELECT MIN(xact_start) FROM pg_stat_activity
                                     WHERE datname = current_database()))
                      AT TIME ZONE 'UTC'"""
        )
        started_at = cr.fetchone()[0]
        full = (
            full
            or not state["refreshed_at"]
            or state["source"] != source
            or state["period_months"] != company.crm_rfm_period_months
            or state["min_count"] != min_count
            or today < state["refresh_date"]
            or state["items_missing"]
        )
        stats = {
            "company_id": company.id,
            "full": full,
            "date_from": date_from,
            "date_to": today,
        }
        if full:
            items = self._crm_basket_items(
                source, self._crm_basket_orders(company, source, date_from, today)
            )
            stats.update(self._crm_refresh_full(company, items, min_count))
        else:
            stats.update(
                self._crm_refresh_incremental(
                    company, source, state, date_from, today, min_count
                )
            )
        cr.execute(
            SQL(
                """UPDATE crm_basket_refresh
                      SET refreshed_at = %(started_at)s,
                          full_refreshed_at = CASE WHEN %(full)s THEN %(started_at)s
                                                   ELSE full_refreshed_at END,
                          refresh_date = %(today)s, source = %(source)s,
                          period_months = %(period)s, min_count = %(min_count)s
                    WHERE company_id = %(company)s""",
                started_at=started_at,
                full=full,
                today=today,
                source=source,
                period=company.crm_rfm_period_months,
                min_count=min_count,
                company=company.id,
            )
        )
        cr.execute(
            SQL(
                """SELECT COUNT(*), COUNT(*) FILTER (WHERE suggested),
                          (SELECT COUNT(DISTINCT order_id) FROM crm_basket_item
                            WHERE company_id = %(company)s)
                     FROM crm_basket_pair WHERE company_id = %(company)s""",
                company=company.id,
            )
        )
        stats["pairs"], stats["suggested"], stats["orders"] = cr.fetchone()
        self.env["crm.basket.pair"].invalidate_model()
        self.env["crm.basket.refresh"].invalidate_model()
        return stats

    def _crm_refresh_full(self, company, items, min_count):
        cr = self.env.cr
        cr.execute(SQL("DELETE FROM crm_basket_item WHERE company_id = %s", company.id))
        cr.execute(
            SQL(
                """INSERT INTO crm_basket_item (company_id, order_id, product_id)
                   SELECT %s, items.order_id, items.product_id FROM (%s) items""",
                company.id,
                items,
            )
        )
        stats = {"items": cr.rowcount}
        cr.execute(SQL("DELETE FROM crm_basket_pair WHERE company_id = %s", company.id))
        stats["deleted"] = cr.rowcount
        metrics = self._crm_basket_metrics(
            company,
            SQL("pair.n"),
            SQL("count_a.n"),
            SQL("count_b.n"),
            SQL("total.n"),
        )
        cr.execute(
            SQL(
                """
                WITH items AS (
                    SELECT order_id, product_id FROM crm_basket_item
                     WHERE company_id = %(company)s
                ),
                product_count AS (
                    SELECT product_id, COUNT(*) AS n FROM items GROUP BY product_id
                ),
                total AS (SELECT COUNT(DISTINCT order_id) AS n FROM items),
                pair AS (
                    SELECT a.product_id, b.product_id AS other_product_id,
                           COUNT(*) AS n
                      FROM items a
                      JOIN items b ON b.order_id = a.order_id
                                  AND b.product_id <> a.product_id
                  GROUP BY a.product_id, b.product_id
                    HAVING COUNT(*) >= %(min_count)s
                )
                INSERT INTO crm_basket_pair (
                    company_id, product_id, other_product_id, product_tmpl_id,
                    categ_id, pair_count, product_count, other_count, order_total,
                    support, confidence, lift, suggested)
                SELECT %(company)s, pair.product_id, pair.other_product_id,
                       pp.product_tmpl_id, pt.categ_id, pair.n, count_a.n,
                       count_b.n, total.n, %(support)s, %(confidence)s,
                       %(lift)s, %(suggested)s
                  FROM pair
                  JOIN product_count count_a ON count_a.product_id = pair.product_id
                  JOIN product_count count_b
                    ON count_b.product_id = pair.other_product_id
                  JOIN product_product pp ON pp.id = pair.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 CROSS JOIN total
                """,
                min_count=min_count,
                company=company.id,
                **metrics,
            )
        )
        stats["inserted"] = cr.rowcount
        return stats

    def _crm_refresh_incremental(
        self, company, source, state, date_from, date_to, min_count
    ):
        """Swap the stored products of the touched orders for their current
        ones, add to each pair the difference in the number of orders with
        both, then update the figures of every pair."""
        cr = self.env.cr
        touched = self._crm_basket_touched_orders(
            company, source, state, date_from, date_to
        )
        order_table = SQL.identifier(
            "account_move" if source == "invoice" else "sale_order"
        )
        for table in ("crm_basket_old", "crm_basket_new"):
            cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(table)))
            cr.execute(
                SQL(
                    "CREATE TEMPORARY TABLE %s (order_id int, product_id int) "
                    "ON COMMIT DROP",
                    SQL.identifier(table),
                )
            )
        # before: what the last refresh counted for the touched orders and for
        # orders deleted (or moved to another company) since
        cr.execute(
            SQL(
                """
                WITH old AS (
                    DELETE FROM crm_basket_item i
                     WHERE i.company_id = %(company)s
                       AND (i.order_id IN (%(touched)s)
                            OR NOT EXISTS (SELECT 1 FROM %(orders)s o
                                            WHERE o.id = i.order_id
                                              AND o.company_id = %(company)s))
                    RETURNING i.order_id, i.product_id
                )
                INSERT INTO crm_basket_old SELECT order_id, product_id FROM old
                """,
                company=company.id,
                touched=touched,
                orders=order_table,
            )
        )
        # after: the touched orders that are baskets of the period now
        cr.execute(
            SQL(
                """
                WITH new AS (
                    INSERT INTO crm_basket_item (company_id, order_id, product_id)
                    SELECT %(company)s, items.order_id, items.product_id
                      FROM (%(items)s) items
                    RETURNING order_id, product_id
                )
                INSERT INTO crm_basket_new SELECT order_id, product_id FROM new
                """,
                company=company.id,
                items=self._crm_basket_items(
                    source,
                    SQL(
                        "(%s) INTERSECT (%s)",
                        touched,
                        self._crm_basket_orders(company, source, date_from, date_to),
                    ),
                ),
            )
        )
        cr.execute(
            SQL(
                """SELECT (SELECT COUNT(*) FROM (%s) touched_orders),
                          (SELECT COUNT(*) FROM crm_basket_old),
                          (SELECT COUNT(*) FROM crm_basket_new)""",
                touched,
            )
        )
        touched_orders, old_items, new_items = cr.fetchone()
        stats = {
            "touched_orders": touched_orders,
            "old_items": old_items,
            "new_items": new_items,
            "deleted": 0,
            "inserted": 0,
            "recounted": 0,
            "updated": 0,
        }
        if old_items or new_items:
            cr.execute("DROP TABLE IF EXISTS crm_basket_delta")
            cr.execute(
                """
                CREATE TEMPORARY TABLE crm_basket_delta ON COMMIT DROP AS
                SELECT product_id, other_product_id, SUM(n) AS n FROM (
                    SELECT a.product_id, b.product_id AS other_product_id, -1 AS n
                      FROM crm_basket_old a
                      JOIN crm_basket_old b ON b.order_id = a.order_id
                                           AND b.product_id <> a.product_id
                     UNION ALL
                    SELECT a.product_id, b.product_id, 1
                      FROM crm_basket_new a
                      JOIN crm_basket_new b ON b.order_id = a.order_id
                                           AND b.product_id <> a.product_id
                ) changes
                GROUP BY product_id, other_product_id
                HAVING SUM(n) <> 0
                """
            )
            # pairs already stored move by the difference
            cr.execute(
                SQL(
                    """UPDATE crm_basket_pair p SET pair_count = p.pair_count + d.n
                         FROM crm_basket_delta d
                        WHERE p.company_id = %s AND p.product_id = d.product_id
                          AND p.other_product_id = d.other_product_id""",
                    company.id,
                )
            )
            stats["recounted"] = cr.rowcount
            cr.execute(
                SQL(
                    """DELETE FROM crm_basket_pair p USING crm_basket_delta d
                        WHERE p.company_id = %s AND p.product_id = d.product_id
                          AND p.other_product_id = d.other_product_id
                          AND d.n < 0 AND p.pair_count < %s""",
                    company.id,
                    min_count,
                )
            )
            stats["deleted"] = cr.rowcount
            # pairs that were below the minimum are counted from the stored
            # products; the figures come from the UPDATE below
            cr.execute(
                SQL(
                    """
                    INSERT INTO crm_basket_pair (
                        company_id, product_id, other_product_id, product_tmpl_id,
                        categ_id, pair_count, product_count, other_count,
                        order_total, support, confidence, lift, suggested)
                    SELECT %(company)s, d.product_id, d.other_product_id,
                           pp.product_tmpl_id, pt.categ_id, together.n, 0, 0, 0,
                           0, 0, 0, FALSE
                      FROM crm_basket_delta d
                      JOIN product_product pp ON pp.id = d.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     CROSS JOIN LATERAL (
                           SELECT COUNT(*) AS n
                             FROM crm_basket_item a
                             JOIN crm_basket_item b
                               ON b.company_id = a.company_id
                              AND b.order_id = a.order_id
                              AND b.product_id = d.other_product_id
                            WHERE a.company_id = %(company)s
                              AND a.product_id = d.product_id
                     ) together
                     WHERE d.n > 0 AND together.n >= %(min_count)s
                       AND NOT EXISTS (
                           SELECT 1 FROM crm_basket_pair p
                            WHERE p.company_id = %(company)s
                              AND p.product_id = d.product_id
                              AND p.other_product_id = d.other_product_id)
                    """,
                    company=company.id,
                    min_count=min_count,
                )
            )
            stats["inserted"] = cr.rowcount
            metrics = self._crm_basket_metrics(
                company,
                SQL("p.pair_count"),
                SQL("count_a.n"),
                SQL("count_b.n"),
                SQL("total.n"),
            )
            # N and the per-product counts may have changed for every pair
            cr.execute(
                SQL(
                    """
                    WITH product_count AS (
                        SELECT product_id, COUNT(*) AS n FROM crm_basket_item
                         WHERE company_id = %(company)s GROUP BY product_id
                    ),
                    total AS (
                        SELECT COUNT(DISTINCT order_id) AS n FROM crm_basket_item
                         WHERE company_id = %(company)s
                    )
                    UPDATE crm_basket_pair p
                       SET product_count = count_a.n, other_count = count_b.n,
                           order_total = total.n, support = %(support)s,
                           confidence = %(confidence)s, lift = %(lift)s,
                           suggested = %(suggested)s
                      FROM product_count count_a, product_count count_b, total
                     WHERE p.company_id = %(company)s
                       AND count_a.product_id = p.product_id
                       AND count_b.product_id = p.other_product_id
                       AND (p.product_count, p.other_count, p.order_total,
                            p.support, p.confidence, p.lift, p.suggested)
                           IS DISTINCT FROM
                           (count_a.n, count_b.n, total.n, %(support)s,
                            %(confidence)s, %(lift)s, %(suggested)s)
                    """,
                    company=company.id,
                    **metrics,
                )
            )
        else:
            # nothing was bought or cancelled: only the thresholds may differ
            metrics = self._crm_basket_metrics(
                company,
                SQL("p.pair_count"),
                SQL("p.product_count"),
                SQL("p.other_count"),
                SQL("p.order_total"),
            )
            cr.execute(
                SQL(
                    """UPDATE crm_basket_pair p SET suggested = %(suggested)s
                        WHERE p.company_id = %(company)s
                          AND p.suggested IS DISTINCT FROM %(suggested)s""",
                    company=company.id,
                    suggested=metrics["suggested"],
                )
            )
        stats["updated"] = cr.rowcount
        return stats

    @api.model
    def _cron_crm_refresh(self):
        """Refresh the pairs of every company: incrementally, and in full when
        the last full refresh is a week old."""
        companies = self.env["res.company"].search([])
        states = {
            state.company_id: state
            for state in self.env["crm.basket.refresh"].search(
                [("company_id", "in", companies.ids)]
            )
        }
        week_ago = fields.Datetime.now() - timedelta(days=FULL_REFRESH_DAYS)
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        for done, company in enumerate(companies, start=1):
            state = states.get(company)
            full = (
                not state
                or not state.full_refreshed_at
                or (state.full_refreshed_at < week_ago)
            )
            self._crm_refresh(company, full=full)
            if in_cron:
                remaining_time = self.env["ir.cron"]._commit_progress(
                    1, remaining=len(companies) - done
                )
                if remaining_time <= 0:
                    break
        return True

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    @api.model
    def action_crm_refresh(self):
        """'Refresh now': recount everything for the companies the user
        works in (managers only: the refresh writes in SQL)."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(
                self.env._(
                    "Only sales administrators can refresh products bought together."
                )
            )
        pairs = 0
        for company in self.env.companies:
            pairs += self.sudo()._crm_refresh(company, full=True)["suggested"]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Products bought together refreshed: %(count)s suggestions.",
                    count=pairs,
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_crm_basket_add_to_order(self):
        """'Add' on a quotation's suggestion: a line with the suggested
        product on the order given in the context."""
        self.ensure_one()
        order = self.env["sale.order"].browse(
            self.env.context.get("crm_basket_order_id")
        )
        if not order.exists():
            raise UserError(
                self.env._("Save the quotation before adding a suggested product.")
            )
        if order.state not in ("draft", "sent") or order.locked:
            raise UserError(
                self.env._(
                    "Products can be added only to quotations, not to %(order)s.",
                    order=order.name,
                )
            )
        order.write(
            {
                "order_line": [
                    fields.Command.create({"product_id": self.other_product_id.id})
                ]
            }
        )
        return True
