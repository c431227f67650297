from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, drop_view_if_exists


class CrmBasketPair(models.Model):
    """Two products bought in the same order, A (product_id) then B
    (other_product_id): one row per ordered pair and company.

    A view: the refresh stores only what does not depend on the number of
    orders N (the orders with both, ``crm.basket.pair.count``; the orders with
    each product, ``crm.basket.product``; N on ``crm.analysis.refresh``), and
    support, confidence, lift and the suggestion are derived here when read,
    so that new orders rewrite only the pairs and products they contain."""

    _name = "crm.basket.pair"
    _description = "Products bought together"
    _order = "lift desc, confidence desc, id"
    _auto = False
    _check_company_auto = True

    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    other_product_id = fields.Many2one(
        "product.product", string="Bought with", readonly=True
    )
    product_tmpl_id = fields.Many2one("product.template", readonly=True)
    categ_id = fields.Many2one(
        "product.category", string="Product Category", readonly=True
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

    def init(self):
        cr = self.env.cr
        drop_view_if_exists(cr, self._table)
        support = SQL("100.0::float8 * c.pair_count / r.order_total")
        confidence = SQL("100.0::float8 * c.pair_count / a.order_count")
        lift = SQL(
            "c.pair_count::float8 * r.order_total"
            " / (a.order_count::float8 * b.order_count)"
        )
        cr.execute(
            SQL(
                """
                CREATE VIEW %(view)s AS
                SELECT c.id, c.company_id, c.product_id, c.other_product_id,
                       pp.product_tmpl_id, pt.categ_id, c.pair_count,
                       a.order_count AS product_count,
                       b.order_count AS other_count, r.order_total,
                       %(support)s AS support, %(confidence)s AS confidence,
                       %(lift)s AS lift,
                       (%(support)s >= co.crm_basket_min_support
                        AND %(confidence)s >= co.crm_basket_min_confidence
                        AND %(lift)s >= co.crm_basket_min_lift) AS suggested
                  FROM crm_basket_pair_count c
                  JOIN crm_analysis_refresh r ON r.company_id = c.company_id
                                             AND r.analysis = 'basket'
                  JOIN crm_basket_product a ON a.company_id = c.company_id
                                           AND a.product_id = c.product_id
                  JOIN crm_basket_product b ON b.company_id = c.company_id
                                           AND b.product_id = c.other_product_id
                  JOIN res_company co ON co.id = c.company_id
                  JOIN product_product pp ON pp.id = c.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                """,
                view=SQL.identifier(self._table),
                support=support,
                confidence=confidence,
                lift=lift,
            )
        )
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
    def _crm_suggested_counts(self, key, records):
        """{record: number of products suggested with it}, ``key`` being
        ``product_id`` (variants) or ``product_tmpl_id`` (templates)."""
        return dict(
            self._read_group(
                [(key, "in", records.ids), ("suggested", "=", True)],
                [key],
                ["other_product_id:count_distinct"],
            )
        )

    @api.model
    def _crm_action_pairs_of(self, key, record, name):
        """The pairs list of one product (variant or template)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_analytics.action_crm_basket_pair"
        )
        action.update(
            {
                "name": self.env._("Bought together with %(product)s", product=name),
                "domain": [(key, "=", record.id)],
                "context": {"search_default_filter_suggested": 1},
            }
        )
        return action

    @api.model
    def _crm_basket_orders(self, company, source, date_from, date_to, among=None):
        """SQL of the ids of the orders (baskets) of the company in a period,
        only those of ``among`` (SQL of order ids) when given."""
        among = SQL("AND o.id IN (%s)", among) if among else SQL()
        if source == "invoice":
            return SQL(
                """SELECT o.id FROM account_move o
                    WHERE o.company_id = %s AND o.state = 'posted'
                      AND o.move_type = 'out_invoice'
                      AND o.invoice_date BETWEEN %s AND %s %s""",
                company.id,
                date_from,
                date_to,
                among,
            )
        return SQL(
            """SELECT o.id FROM sale_order o
                WHERE o.company_id = %s AND o.state = 'sale'
                  AND o.date_order >= %s AND o.date_order < %s %s""",
            company.id,
            date_from,
            date_to + timedelta(days=1),
            among,
        )

    @api.model
    def _crm_basket_products(self, source, orders):
        """SQL of (order_id, product_ids): the sorted distinct products of the
        product lines of each of ``orders`` (SQL of order ids) that has any."""
        if source == "invoice":
            return SQL(
                """SELECT l.move_id AS order_id,
                          array_agg(DISTINCT l.product_id) AS product_ids
                     FROM account_move_line l
                    WHERE l.move_id IN (%s) AND l.display_type = 'product'
                      AND l.product_id IS NOT NULL
                 GROUP BY l.move_id""",
                orders,
            )
        return SQL(
            """SELECT l.order_id, array_agg(DISTINCT l.product_id) AS product_ids
                 FROM sale_order_line l
                WHERE l.order_id IN (%s) AND l.display_type IS NULL
                  AND l.product_id IS NOT NULL
             GROUP BY l.order_id""",
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
        # orders moved to another company since leave this one's baskets
        others = self.env["res.company"].sudo().search([("id", "!=", company.id)]).ids
        if source == "invoice":
            return SQL(
                """SELECT m.id FROM account_move m
                    WHERE (m.company_id = %(company)s
                           AND m.move_type = 'out_invoice'
                           AND (m.write_date >= %(since)s
                                OR (m.state = 'posted'
                                    AND ((m.invoice_date >= %(old_from)s
                                          AND m.invoice_date < %(new_from)s)
                                         OR (m.invoice_date > %(old_to)s
                                             AND m.invoice_date <= %(new_to)s)))))
                       OR (m.company_id = ANY(%(others)s)
                           AND m.write_date >= %(since)s)""",
                company=company.id,
                others=others,
                since=state["changes_from"],
                old_from=old_from,
                new_from=date_from,
                old_to=old_to,
                new_to=date_to,
            )
        return SQL(
            """SELECT o.id FROM sale_order o
                WHERE (o.company_id = %(company)s
                       AND (o.write_date >= %(since)s
                            OR (o.state = 'sale'
                                AND ((o.date_order >= %(old_from)s
                                      AND o.date_order < %(new_from)s)
                                     OR (o.date_order >= %(old_to)s
                                         AND o.date_order < %(new_to)s)))))
                   OR (o.company_id = ANY(%(others)s)
                       AND o.write_date >= %(since)s)""",
            company=company.id,
            others=others,
            since=state["changes_from"],
            old_from=old_from,
            new_from=date_from,
            old_to=old_to + timedelta(days=1),
            new_to=date_to + timedelta(days=1),
        )

    @api.model
    def _crm_refresh(self, company, full=False, today=None):
        """Recount the pairs of products bought together in the orders of the
        company's analysis period ending ``today``.

        ``full`` stores the products of every order of the period
        (``crm.basket.order``, an array per order) and counts the orders of
        each product and of each pair again (the pairs of each array).
        Otherwise only the orders touched since the last refresh are read:
        their products and pairs as last counted are subtracted and their
        products and pairs now are added, and pairs that may have reached the
        minimum are counted. Support, confidence, lift and the suggestions are
        derived from the counts when read (see the view), so a refresh writes
        only the counts that changed.

        :return: dict of figures about what was done
        """
        company.ensure_one()
        cr = self.env.cr
        # the scheduler has no timezone: the day is the company's, not UTC's
        today = fields.Date.to_date(today) or fields.Date.context_today(
            self.with_context(
                tz=self.env.context.get("tz")
                or self.env.user.tz
                or company.partner_id.tz
            )
        )
        date_from = today - relativedelta(months=company.crm_rfm_period_months)
        source = company.crm_rfm_source
        min_count = max(company.crm_basket_min_count, 1)
        # the SQL below reads the tables: pending ORM writes must be there
        self.env.flush_all()
        # the counting joins and aggregates hundreds of thousands of rows;
        # JIT compiling those queries costs more than it saves
        cr.execute("SET LOCAL work_mem = '64MB'")
        cr.execute("SET LOCAL jit = off")
        # a memoized unnest of each order's array costs more than unnesting
        # it again (2.2 s instead of 1.1 s to count the pairs)
        cr.execute("SET LOCAL enable_memoize = off")

        # one refresh per company at a time: the state row is the lock
        Refresh = self.env["crm.analysis.refresh"]
        state = Refresh._crm_lock(company, "basket")
        changes_from = self.env["res.company"]._crm_analytics_changes_from()
        cr.execute(
            SQL(
                "SELECT now() AT TIME ZONE 'UTC', "
                "NOT EXISTS (SELECT 1 FROM crm_basket_order WHERE company_id = %s)",
                company.id,
            )
        )
        now, baskets_missing = cr.fetchone()
        full = (
            full
            or not state
            or state["source"] != source
            or state["period_months"] != company.crm_rfm_period_months
            or state["min_count"] != min_count
            or today < state["refresh_date"]
            # counts without the products they were counted from
            or (state["order_total"] > 0 and baskets_missing)
        )
        stats = {
            "company_id": company.id,
            "full": full,
            "date_from": date_from,
            "date_to": today,
        }
        if full:
            baskets = self._crm_basket_products(
                source, self._crm_basket_orders(company, source, date_from, today)
            )
            stats.update(self._crm_refresh_full(company, baskets, min_count))
        else:
            stats.update(
                self._crm_refresh_incremental(
                    company, source, state, date_from, today, min_count
                )
            )
        Refresh._crm_save(
            company,
            "basket",
            {
                "refreshed_at": now,
                "changes_from": changes_from,
                **({"full_refreshed_at": now} if full else {}),
                "refresh_date": today,
                "source": source,
                "period_months": company.crm_rfm_period_months,
                "min_count": min_count,
                "order_total": stats["orders"],
            },
        )
        self.env["crm.basket.pair"].invalidate_model()
        return stats

    def _crm_refresh_full(self, company, baskets, min_count):
        cr = self.env.cr
        # a refresh of another company may be writing its rows: wait for it,
        # and keep the next ones out until this one is committed
        cr.execute("LOCK TABLE crm_basket_order IN ACCESS EXCLUSIVE MODE")
        cr.execute(
            SQL(
                "SELECT 1 FROM crm_basket_order WHERE company_id <> %s LIMIT 1",
                company.id,
            )
        )
        build_index = not cr.rowcount
        if build_index:
            # the only company with baskets: empty the table and build the
            # index once after writing (updating it row by row made writing
            # the baskets take twice as long)
            cr.execute("DROP INDEX IF EXISTS crm_basket_order_product_ids_idx")
            cr.execute("TRUNCATE crm_basket_order")
        else:
            cr.execute(
                SQL("DELETE FROM crm_basket_order WHERE company_id = %s", company.id)
            )
        for table in (
            "crm_basket_deleted",
            "crm_basket_product",
            "crm_basket_pair_count",
        ):
            cr.execute(
                SQL(
                    "DELETE FROM %s WHERE company_id = %s",
                    SQL.identifier(table),
                    company.id,
                )
            )
        cr.execute(
            SQL(
                """INSERT INTO crm_basket_order (company_id, order_id, product_ids)
                   SELECT %s, b.order_id, b.product_ids FROM (%s) b""",
                company.id,
                baskets,
            )
        )
        stats = {"orders": cr.rowcount}
        cr.execute(
            SQL(
                """
                INSERT INTO crm_basket_product (company_id, product_id, order_count)
                SELECT %(company)s, p.product_id, COUNT(*)
                  FROM crm_basket_order o
                 CROSS JOIN LATERAL unnest(o.product_ids) AS p (product_id)
                 WHERE o.company_id = %(company)s
              GROUP BY p.product_id
                """,
                company=company.id,
            )
        )
        stats["products"] = cr.rowcount
        # each pair counted once (A < B) from each order's array, without a
        # join; those seen together at least the minimum number of times are
        # kept both ways, written in the order of their index
        cr.execute(
            SQL(
                """
                INSERT INTO crm_basket_pair_count (
                    company_id, product_id, other_product_id, pair_count)
                SELECT %(company)s, way.product_id, way.other_product_id, pair.n
                  FROM (
                    SELECT a.product_id, b.product_id AS other_product_id,
                           COUNT(*) AS n
                      FROM crm_basket_order o
                     CROSS JOIN LATERAL unnest(o.product_ids) AS a (product_id)
                     CROSS JOIN LATERAL unnest(o.product_ids) AS b (product_id)
                     WHERE o.company_id = %(company)s
                       AND b.product_id > a.product_id
                  GROUP BY a.product_id, b.product_id
                    HAVING COUNT(*) >= %(min_count)s
                ) pair
                 CROSS JOIN LATERAL (
                       VALUES (pair.product_id, pair.other_product_id),
                              (pair.other_product_id, pair.product_id)
                 ) AS way (product_id, other_product_id)
              ORDER BY way.product_id, way.other_product_id
                """,
                company=company.id,
                min_count=min_count,
            )
        )
        stats["inserted"] = stats["pairs"] = cr.rowcount
        if build_index:
            self.env["crm.basket.order"]._crm_create_product_index()
        return stats

    def _crm_refresh_incremental(
        self, company, source, state, date_from, date_to, min_count
    ):
        """Swap the stored products of the touched orders for their current
        ones, add to each product and kept pair the difference in the number
        of orders with it, and count the orders of the pairs below the
        minimum that the new products may have brought to it."""
        cr = self.env.cr
        # the touched orders are read twice below: found once
        cr.execute("DROP TABLE IF EXISTS crm_basket_touched")
        cr.execute(
            SQL(
                "CREATE TEMPORARY TABLE crm_basket_touched ON COMMIT DROP AS %s",
                self._crm_basket_touched_orders(
                    company, source, state, date_from, date_to
                ),
            )
        )
        touched_orders = cr.rowcount
        touched = SQL("SELECT id FROM crm_basket_touched")
        for table in ("crm_basket_old", "crm_basket_new"):
            cr.execute(SQL("DROP TABLE IF EXISTS %s", SQL.identifier(table)))
            cr.execute(
                SQL(
                    "CREATE TEMPORARY TABLE %s (order_id int, product_ids int[]) "
                    "ON COMMIT DROP",
                    SQL.identifier(table),
                )
            )
        # before: what the last refresh counted for the touched orders and for
        # the orders deleted since
        cr.execute(
            SQL(
                """
                WITH deleted AS (
                    DELETE FROM crm_basket_deleted WHERE company_id = %(company)s
                    RETURNING order_id
                ),
                old AS (
                    DELETE FROM crm_basket_order o
                     WHERE o.company_id = %(company)s
                       AND (o.order_id IN (%(touched)s)
                            OR o.order_id IN (SELECT order_id FROM deleted))
                    RETURNING o.order_id, o.product_ids
                )
                INSERT INTO crm_basket_old SELECT order_id, product_ids FROM old
                """,
                company=company.id,
                touched=touched,
            )
        )
        old_orders = cr.rowcount
        # after: the touched orders that are baskets of the period now
        cr.execute(
            SQL(
                """
                WITH new AS (
                    INSERT INTO crm_basket_order (company_id, order_id, product_ids)
                    SELECT %(company)s, b.order_id, b.product_ids
                      FROM (%(baskets)s) b
                    RETURNING order_id, product_ids
                )
                INSERT INTO crm_basket_new SELECT order_id, product_ids FROM new
                """,
                company=company.id,
                baskets=self._crm_basket_products(
                    source,
                    self._crm_basket_orders(
                        company, source, date_from, date_to, among=touched
                    ),
                ),
            )
        )
        new_orders = cr.rowcount
        stats = {
            "touched_orders": touched_orders,
            "old_orders": old_orders,
            "new_orders": new_orders,
            # an order's products are swapped as a whole: N moves by the
            # orders that came minus the orders that left
            "orders": state["order_total"] + new_orders - old_orders,
            "deleted": 0,
            "inserted": 0,
            "recounted": 0,
            "updated": 0,
        }
        if not (old_orders or new_orders):
            return stats
        changes = SQL(
            """SELECT product_ids, -1 AS n FROM crm_basket_old
                UNION ALL
               SELECT product_ids, 1 FROM crm_basket_new"""
        )
        cr.execute(
            SQL(
                """
                WITH difference AS (
                    SELECT p.product_id, SUM(c.n) AS n
                      FROM (%(changes)s) c
                     CROSS JOIN LATERAL unnest(c.product_ids) AS p (product_id)
                  GROUP BY p.product_id
                    HAVING SUM(c.n) <> 0
                )
                INSERT INTO crm_basket_product AS p
                       (company_id, product_id, order_count)
                SELECT %(company)s, product_id, n FROM difference
                    ON CONFLICT (company_id, product_id)
                    DO UPDATE SET order_count = p.order_count + EXCLUDED.order_count
                """,
                changes=changes,
                company=company.id,
            )
        )
        stats["updated"] = cr.rowcount
        cr.execute(
            SQL(
                """DELETE FROM crm_basket_product
                    WHERE company_id = %s AND order_count <= 0""",
                company.id,
            )
        )
        # an order both before and after with the same products cancels out
        cr.execute("DROP TABLE IF EXISTS crm_basket_delta")
        cr.execute(
            SQL(
                """
                CREATE TEMPORARY TABLE crm_basket_delta ON COMMIT DROP AS
                SELECT a.product_id, b.product_id AS other_product_id,
                       SUM(c.n) AS n,
                       -- kept (at the minimum) before this refresh
                       EXISTS (SELECT 1 FROM crm_basket_pair_count p
                                WHERE p.company_id = %(company)s
                                  AND p.product_id = a.product_id
                                  AND p.other_product_id = b.product_id
                       ) AS kept
                  FROM (%(changes)s) c
                 CROSS JOIN LATERAL unnest(c.product_ids) AS a (product_id)
                 CROSS JOIN LATERAL unnest(c.product_ids) AS b (product_id)
                 WHERE b.product_id <> a.product_id
              GROUP BY a.product_id, b.product_id
                HAVING SUM(c.n) <> 0
                """,
                company=company.id,
                changes=changes,
            )
        )
        # temporary tables are not analyzed by autovacuum
        cr.execute("ANALYZE crm_basket_delta")
        # kept pairs move by the difference; those that fall below the
        # minimum are dropped
        cr.execute(
            SQL(
                """UPDATE crm_basket_pair_count p SET pair_count = p.pair_count + d.n
                     FROM crm_basket_delta d
                    WHERE d.kept AND p.company_id = %s
                      AND p.product_id = d.product_id
                      AND p.other_product_id = d.other_product_id""",
                company.id,
            )
        )
        stats["recounted"] = cr.rowcount
        cr.execute(
            SQL(
                """DELETE FROM crm_basket_pair_count p USING crm_basket_delta d
                    WHERE d.kept AND p.company_id = %s
                      AND p.product_id = d.product_id
                      AND p.other_product_id = d.other_product_id
                      AND p.pair_count < %s""",
                company.id,
                min_count,
            )
        )
        stats["deleted"] = cr.rowcount
        # a pair below the minimum that more orders contain now may have
        # reached it: its orders are counted through the products' index
        cr.execute(
            SQL(
                """
                INSERT INTO crm_basket_pair_count (
                    company_id, product_id, other_product_id, pair_count)
                SELECT %(company)s, way.product_id, way.other_product_id,
                       together.n
                  FROM crm_basket_delta d
                 CROSS JOIN LATERAL (
                       SELECT COUNT(*) AS n FROM crm_basket_order o
                        WHERE o.company_id = %(company)s
                          AND o.product_ids @> ARRAY[d.product_id, d.other_product_id]
                 ) together
                 CROSS JOIN LATERAL (
                       VALUES (d.product_id, d.other_product_id),
                              (d.other_product_id, d.product_id)
                 ) AS way (product_id, other_product_id)
                 WHERE NOT d.kept AND d.n > 0
                   AND d.product_id < d.other_product_id
                   AND together.n >= %(min_count)s
                """,
                company=company.id,
                min_count=min_count,
            )
        )
        stats["inserted"] = cr.rowcount
        return stats

    @api.model
    def _cron_crm_refresh(self):
        """Refresh the pairs of every company: incrementally, and in full when
        the last full refresh is a week old."""
        # every company: a handful of rows
        companies = self.env["res.company"].search([])  # pylint: disable=no-search-all
        full_due = self.env["crm.analysis.refresh"]._crm_full_due(companies, "basket")
        for done, company in enumerate(companies, start=1):
            self._crm_refresh(company, full=company in full_due)
            if self.env["crm.job"]._crm_commit(1, remaining=len(companies) - done) <= 0:
                break
        return True

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_crm_refresh(self):
        """'Refresh now' (a list-header button: called on the selected pairs,
        none when nothing is selected): recount everything for the companies the user
        works in (managers only: the refresh writes in SQL)."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(
                self.env._(
                    "Only sales administrators can refresh products bought together."
                )
            )
        # a full recount of every company: a background job with progress
        return self.env["crm.analysis.refresh"]._crm_enqueue_refresh(
            ["basket"], self.env.companies, full=True
        )

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
