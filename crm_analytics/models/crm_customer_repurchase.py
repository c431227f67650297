import logging
import time
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.misc import formatLang
from odoo.tools.sql import create_index

_logger = logging.getLogger(__name__)

MANAGER = "sales_team.group_sale_manager"
# the stored figures a refresh compares before writing a row
FIGURES = (
    "product_id",
    "categ_id",
    "user_id",
    "purchase_count",
    "first_purchase_date",
    "last_purchase_date",
    "interval_days",
    "interval_spread_days",
    "expected_date",
    "usual_qty",
)


class CrmCustomerRepurchase(models.Model):
    """How regularly a customer buys a product (or a product category) again:
    one row per company, customer (commercial partner) and product or
    category bought on at least the company's minimum number of days,
    computed from the confirmed sales orders in SQL by ``_crm_refresh``.

    A purchase is a day with at least one confirmed order of the customer
    containing the product (a category: any product of it); the intervals
    are the days between consecutive purchases. See readme/USAGE.md."""

    _name = "crm.customer.repurchase"
    _description = "Customer repurchase"
    _order = "expected_date, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    _company_partner_item_unique = models.UniqueIndex(
        "(company_id, partner_id, level, item_id)"
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
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        readonly=True,
        help="The customer's salesperson at the last refresh.",
    )
    level = fields.Selection(
        [("product", "Product"), ("category", "Product Category")],
        required=True,
        readonly=True,
    )
    # the product or the category id, whichever the level is (the key)
    item_id = fields.Integer(required=True, readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one(
        "product.category", string="Product Category", readonly=True
    )
    purchase_count = fields.Integer(
        string="Purchases",
        readonly=True,
        help="Days with a confirmed order of the customer containing it.",
    )
    first_purchase_date = fields.Date(string="First Purchase", readonly=True)
    last_purchase_date = fields.Date(string="Last Purchase", readonly=True)
    interval_days = fields.Float(
        string="Usual Interval (days)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Median of the days between consecutive purchases.",
    )
    interval_spread_days = fields.Float(
        string="Interval Spread (days)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Interquartile range of the days between consecutive purchases "
        "(75th minus 25th percentile): small when the customer buys regularly.",
    )
    expected_date = fields.Date(
        string="Expected Next Purchase",
        readonly=True,
        help="Last purchase plus the usual interval (rounded to days).",
    )
    usual_qty = fields.Float(
        string="Usual Quantity",
        readonly=True,
        digits="Product Unit",
        aggregator="avg",
        help="Median quantity bought on a purchase day (products only).",
    )
    # both move every day: computed when read
    overdue = fields.Boolean(
        compute="_compute_overdue",
        search="_search_overdue",
        help="The expected next purchase is in the past.",
    )
    overdue_days = fields.Integer(
        string="Days Overdue",
        compute="_compute_overdue",
        help="Days since the expected next purchase (negative: days to go).",
    )

    def init(self):
        res = super().init()
        # the "due to reorder" list of a salesperson, most overdue first
        create_index(
            self.env.cr,
            "crm_customer_repurchase_user_due_idx",
            self._table,
            ["user_id", "expected_date"],
            where="level = 'product'",
        )
        # the lines of a customer's orders (refresh of touched customers)
        create_index(
            self.env.cr,
            "crm_analytics_sale_order_partner_confirmed_idx",
            "sale_order",
            ["partner_id", "company_id"],
            where="state = 'sale'",
        )
        return res

    @api.model
    def _crm_today(self, company=None):
        company = company or self.env.company
        return fields.Date.context_today(
            self.with_context(
                tz=self.env.context.get("tz")
                or self.env.user.tz
                or company.partner_id.tz
            )
        )

    @api.depends("expected_date")
    def _compute_overdue(self):
        today = self._crm_today()
        for row in self:
            days = (today - row.expected_date).days if row.expected_date else 0
            row.overdue_days = days
            row.overdue = days > 0

    def _search_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        today = fields.Date.to_string(self._crm_today())
        if (operator == "=") == value:
            return [("expected_date", "<", today)]
        return ["|", ("expected_date", ">=", today), ("expected_date", "=", False)]

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        # the most overdue have the oldest expected date
        if field_name == "overdue_days":
            backwards = SQL("ASC") if direction.code == "DESC" else SQL("DESC")
            return SQL(
                "%s %s %s", SQL.identifier(alias, "expected_date"), backwards, nulls
            )
        return super()._order_field_to_sql(alias, field_name, direction, nulls, query)

    # ------------------------------------------------------------------
    # Refresh
    # ------------------------------------------------------------------

    def action_crm_refresh(self):
        """ "Refresh now" on the list (managers): incremental refresh of the
        current companies."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                self.env._("Only sales managers can refresh the repurchase figures.")
            )
        rows = 0
        for company in self.env.companies:
            rows += self.sudo()._crm_refresh(company)["changed"]
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Repurchase figures refreshed: %(rows)s rows changed.",
                    rows=formatLang(self.env, rows, digits=0),
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _crm_refresh(self, company, full=False, today=None):
        """Recompute the repurchase figures of ``company`` from its confirmed
        sales orders up to ``today``: of every customer (``full``) or only of
        the customers whose orders changed since the last refresh. Writes only
        the rows whose figures change. Returns a dict of statistics."""
        started = time.monotonic()
        company = company.sudo()
        today = fields.Date.to_date(today) or self._crm_today(company)
        self.env.flush_all()
        cr = self.env.cr
        Refresh = self.env["crm.analysis.refresh"]
        state = Refresh._crm_lock(company, "repurchase")
        cr.execute(SQL("SELECT now() AT TIME ZONE 'UTC'"))
        now = cr.fetchone()[0]
        changes_from = company._crm_analytics_changes_from()
        cr.execute(SQL("SET LOCAL jit = off"))
        cr.execute(SQL("SET LOCAL work_mem = '64MB'"))
        min_count = max(company.crm_repurchase_min_purchases, 2)
        if (
            not state
            or state["min_count"] != min_count
            or today < state["refresh_date"]
        ):
            full = True
        touched = None
        if not full:
            touched = self._crm_touched_customers(
                company, state["changes_from"], state["refresh_date"], today
            )
        changed, deleted = (0, 0)
        if touched is None or touched:
            changed, deleted = self._crm_store(company, today, min_count, touched, now)
        activities = 0
        if company.crm_repurchase_activity:
            activities = self._crm_schedule_activities(
                company, state["refresh_date"] if state else None, today
            )
        Refresh._crm_save(
            company,
            "repurchase",
            {
                "refreshed_at": now,
                "changes_from": changes_from,
                **({"full_refreshed_at": now} if full else {}),
                "refresh_date": today,
                "min_count": min_count,
            },
        )
        cr.execute(SQL("RESET jit"))
        cr.execute(SQL("RESET work_mem"))
        self.invalidate_model()
        stats = {
            "company": company.id,
            "full": full,
            "customers": None if touched is None else len(touched),
            "changed": changed,
            "deleted": deleted,
            "activities": activities,
            "seconds": round(time.monotonic() - started, 3),
        }
        _logger.info("Repurchase figures refreshed: %s", stats)
        return stats

    @api.model
    def _crm_touched_customers(self, company, since, old_today, new_today):
        """Commercial partners whose confirmed orders of the company may have
        changed since the last refresh: orders written since (any company: an
        order moved to another one leaves this one), orders dated after the
        last refresh date up to today (entered by the passing of time), and
        customers that gained or lost a contact."""
        # every company: a handful of rows
        companies = self.env["res.company"].sudo().search([]).ids  # pylint: disable=no-search-all
        self.env.cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.company_id = ANY(%(companies)s)
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
                   AND so.date_order >= %(old_today)s::date + 1
                   AND so.date_order < %(new_today)s::date + 1
                """,
                companies=companies,
                company=company.id,
                since=since,
                old_today=old_today,
                new_today=new_today,
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _crm_figures_sql(self, company, today, min_count, touched=None):
        """SQL of the repurchase figures of the company's customers (only
        ``touched`` commercial partners when given): partner_id, level,
        item_id, product_id, categ_id, purchase_count, first_purchase_date,
        last_purchase_date, interval_days, interval_spread_days,
        expected_date, usual_qty."""
        partner_cond = SQL()
        if touched is not None:
            partner_cond = SQL(
                """AND so.partner_id IN (
                       SELECT id FROM res_partner
                        WHERE commercial_partner_id = ANY(%s))""",
                touched,
            )
        return SQL(
            """
            WITH lines AS MATERIALIZED (
                SELECT p.commercial_partner_id AS partner_id, l.product_id,
                       pt.categ_id, so.date_order::date AS pdate,
                       l.product_uom_qty AS qty
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN sale_order_line l ON l.order_id = so.id
                  JOIN product_product pp ON pp.id = l.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE so.state = 'sale' AND so.company_id = %(company)s
                   AND so.date_order < %(today)s::date + 1
                   AND l.display_type IS NULL
                   %(partner_cond)s
            ),
            -- one row per purchase: a customer's day with the product (the
            -- category)
            days AS (
                SELECT partner_id, 'product' AS level, product_id AS item_id,
                       MIN(categ_id) AS categ_id, pdate, SUM(qty) AS qty
                  FROM lines
              GROUP BY partner_id, product_id, pdate
                 UNION ALL
                SELECT partner_id, 'category', categ_id, categ_id, pdate, NULL
                  FROM lines
                 WHERE categ_id IS NOT NULL
              GROUP BY partner_id, categ_id, pdate
            ),
            -- the items bought on enough days: counted by hashing first, as
            -- most are not, and only theirs are sorted for the intervals
            repeated AS (
                SELECT partner_id, level, item_id
                  FROM days
              GROUP BY partner_id, level, item_id
                HAVING COUNT(*) >= %(min_count)s
            ),
            gaps AS (
                SELECT d.*, d.pdate - LAG(d.pdate) OVER (
                           PARTITION BY d.partner_id, d.level, d.item_id
                           ORDER BY d.pdate
                       ) AS gap
                  FROM days d
                  JOIN repeated r ON r.partner_id = d.partner_id
                                 AND r.level = d.level AND r.item_id = d.item_id
            ),
            agg AS (
                SELECT partner_id, level, item_id,
                       MIN(categ_id) AS categ_id,
                       COUNT(*) AS purchase_count,
                       MIN(pdate) AS first_purchase_date,
                       MAX(pdate) AS last_purchase_date,
                       -- the first purchase has no gap (NULL, left out)
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY gap)
                           AS interval_days,
                       percentile_cont(0.75) WITHIN GROUP (ORDER BY gap)
                       - percentile_cont(0.25) WITHIN GROUP (ORDER BY gap)
                           AS interval_spread_days,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY qty) AS usual_qty
                  FROM gaps
              GROUP BY partner_id, level, item_id
            )
            SELECT partner_id, level, item_id,
                   CASE WHEN level = 'product' THEN item_id END AS product_id,
                   categ_id, purchase_count, first_purchase_date,
                   last_purchase_date, interval_days, interval_spread_days,
                   last_purchase_date + ROUND(interval_days)::int AS expected_date,
                   usual_qty
              FROM agg
            """,
            company=company.id,
            today=today,
            min_count=min_count,
            partner_cond=partner_cond,
        )

    @api.model
    def _crm_store(self, company, today, min_count, touched, now):
        """Upsert the figures of the customers (all when ``touched`` is
        None), writing only rows that change, and delete the rows that are
        no longer repurchases. Returns (rows written, rows deleted)."""
        cr = self.env.cr
        if touched is None:
            # everything again: emptied and written in one go (no conflict
            # to look up per row)
            cr.execute(
                SQL(
                    "DELETE FROM crm_customer_repurchase WHERE company_id = %s",
                    company.id,
                )
            )
            deleted = cr.rowcount
            cr.execute(
                SQL(
                    """
                INSERT INTO crm_customer_repurchase (
                    company_id, partner_id, user_id, level, item_id, product_id,
                    categ_id, purchase_count, first_purchase_date,
                    last_purchase_date, interval_days, interval_spread_days,
                    expected_date, usual_qty,
                    create_uid, create_date, write_uid, write_date)
                SELECT %(company)s, f.partner_id, p.user_id, f.level, f.item_id,
                       f.product_id, f.categ_id, f.purchase_count,
                       f.first_purchase_date, f.last_purchase_date,
                       f.interval_days, f.interval_spread_days, f.expected_date,
                       f.usual_qty, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM (%(figures)s) f
                  JOIN res_partner p ON p.id = f.partner_id
                    """,
                    figures=self._crm_figures_sql(company, today, min_count),
                    company=company.id,
                    uid=self.env.uid,
                    now=now,
                )
            )
            return cr.rowcount, deleted
        compared = SQL(", ").join(SQL.identifier("r", name) for name in FIGURES)
        excluded = SQL(", ").join(SQL.identifier("excluded", name) for name in FIGURES)
        cr.execute(
            SQL(
                """
            WITH figures AS MATERIALIZED (%(figures)s),
            upserted AS (
                INSERT INTO crm_customer_repurchase AS r (
                    company_id, partner_id, user_id, level, item_id, product_id,
                    categ_id, purchase_count, first_purchase_date,
                    last_purchase_date, interval_days, interval_spread_days,
                    expected_date, usual_qty,
                    create_uid, create_date, write_uid, write_date)
                SELECT %(company)s, f.partner_id, p.user_id, f.level, f.item_id,
                       f.product_id, f.categ_id, f.purchase_count,
                       f.first_purchase_date, f.last_purchase_date,
                       f.interval_days, f.interval_spread_days, f.expected_date,
                       f.usual_qty, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM figures f
                  JOIN res_partner p ON p.id = f.partner_id
                ON CONFLICT (company_id, partner_id, level, item_id) DO UPDATE SET
                    product_id = EXCLUDED.product_id,
                    categ_id = EXCLUDED.categ_id,
                    user_id = EXCLUDED.user_id,
                    purchase_count = EXCLUDED.purchase_count,
                    first_purchase_date = EXCLUDED.first_purchase_date,
                    last_purchase_date = EXCLUDED.last_purchase_date,
                    interval_days = EXCLUDED.interval_days,
                    interval_spread_days = EXCLUDED.interval_spread_days,
                    expected_date = EXCLUDED.expected_date,
                    usual_qty = EXCLUDED.usual_qty,
                    write_uid = EXCLUDED.write_uid,
                    write_date = EXCLUDED.write_date
                WHERE (%(compared)s) IS DISTINCT FROM (%(excluded)s)
                RETURNING 1
            ),
            deleted AS (
                DELETE FROM crm_customer_repurchase r
                 WHERE r.company_id = %(company)s AND %(scope)s
                   AND NOT EXISTS (
                       SELECT 1 FROM figures f
                        WHERE f.partner_id = r.partner_id AND f.level = r.level
                          AND f.item_id = r.item_id)
                RETURNING 1
            )
            SELECT (SELECT COUNT(*) FROM upserted), (SELECT COUNT(*) FROM deleted)
            """,
                figures=self._crm_figures_sql(company, today, min_count, touched),
                company=company.id,
                uid=self.env.uid,
                now=now,
                compared=compared,
                excluded=excluded,
                scope=(
                    SQL("TRUE")
                    if touched is None
                    else SQL("r.partner_id = ANY(%s)", touched)
                ),
            )
        )
        return cr.fetchone()

    @api.model
    def _crm_schedule_activities(self, company, last_date, today):
        """A to-do for the salesperson of each customer with a product that
        fell due since the last refresh (yesterday on the first one), unless
        the customer has an open reorder to-do already: re-runnable, no
        duplicates. Returns the number of activities created."""
        summary = self.env._("Due to reorder")
        since = last_date or today - timedelta(days=1)
        partner_model = self.env["ir.model"]._get_id("res.partner")
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        rows = self.env.execute_query(
            SQL(
                """
                SELECT r.partner_id, r.user_id,
                       string_agg(pt.name->>'en_US', ', ' ORDER BY r.expected_date),
                       MIN(r.expected_date)
                  FROM crm_customer_repurchase r
                  JOIN product_product pp ON pp.id = r.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE r.company_id = %(company)s AND r.level = 'product'
                   AND r.user_id IS NOT NULL
                   AND r.expected_date >= %(since)s AND r.expected_date < %(today)s
                   AND NOT EXISTS (
                       SELECT 1 FROM mail_activity a
                        WHERE a.res_model = 'res.partner'
                          AND a.res_id = r.partner_id
                          AND a.user_id = r.user_id
                          AND a.summary = %(summary)s)
              GROUP BY r.partner_id, r.user_id
                """,
                company=company.id,
                since=since,
                today=today,
                summary=summary,
            )
        )
        if not rows:
            return 0
        self.env["mail.activity"].sudo().with_context(
            mail_activity_quick_update=True
        ).create(
            [
                {
                    "res_model_id": partner_model,
                    "res_id": partner_id,
                    "user_id": user_id,
                    "activity_type_id": todo.id if todo else False,
                    "summary": summary,
                    "note": self.env._(
                        "Expected to order again: %(products)s", products=products
                    ),
                    "date_deadline": today,
                }
                for partner_id, user_id, products, _expected in rows
            ]
        )
        return len(rows)

    # ------------------------------------------------------------------
    # Next offer
    # ------------------------------------------------------------------

    @api.model
    def _crm_next_offers(self, company, partner, exclude=(), limit=5):
        """Products the customer has not bought that customers of its
        segment buy with what it buys: for each suggested basket pair X → Y
        of the company with X bought by the customer and Y not (nor in
        ``exclude``, product ids), the share of the customers of the same
        segment (all customers when it has none) who bought X that also
        bought Y; the best X for each Y, the highest shares first.

        Returns [{product, with_product, share (%), buyers, segment}]."""
        partner = partner.commercial_partner_id
        if not partner.id:
            return []
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
            WITH me AS (
                SELECT segment_id FROM crm_customer_value
                 WHERE company_id = %(company)s AND partner_id = %(partner)s
            ),
            purchases AS (
                SELECT p.commercial_partner_id AS partner_id, l.product_id
                  FROM sale_order_line l
                  JOIN sale_order so ON so.id = l.order_id
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.state = 'sale' AND so.company_id = %(company)s
                   AND l.product_id IS NOT NULL
            ),
            bought AS (
                SELECT DISTINCT l.product_id
                  FROM sale_order_line l
                  JOIN sale_order so ON so.id = l.order_id
                 WHERE so.state = 'sale' AND so.company_id = %(company)s
                   AND so.partner_id IN (SELECT id FROM res_partner
                                          WHERE commercial_partner_id = %(partner)s)
                   AND l.product_id IS NOT NULL
            ),
            candidates AS (
                SELECT bp.product_id AS x, bp.other_product_id AS y
                  FROM crm_basket_pair bp
                  JOIN product_product pp ON pp.id = bp.other_product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE bp.company_id = %(company)s AND bp.suggested
                   AND bp.product_id IN (SELECT product_id FROM bought)
                   AND bp.other_product_id NOT IN (SELECT product_id FROM bought)
                   AND bp.other_product_id <> ALL(%(exclude)s)
                   AND pp.active AND pt.active AND pt.sale_ok
                   AND (pt.company_id IS NULL OR pt.company_id = %(company)s)
            ),
            -- the other customers of the segment
            peers AS (
                SELECT v.partner_id FROM crm_customer_value v
                 WHERE v.company_id = %(company)s AND v.partner_id <> %(partner)s
                   AND (v.segment_id = (SELECT segment_id FROM me)
                        OR (SELECT segment_id FROM me) IS NULL)
            ),
            peer_products AS MATERIALIZED (
                SELECT DISTINCT u.partner_id, u.product_id
                  FROM purchases u
                 WHERE u.product_id IN (SELECT x FROM candidates
                                        UNION SELECT y FROM candidates)
                   AND u.partner_id IN (SELECT partner_id FROM peers)
            ),
            shares AS (
                SELECT c.x, c.y, COUNT(*) AS buyers, COUNT(py.partner_id) AS together
                  FROM candidates c
                  JOIN peer_products px ON px.product_id = c.x
                  LEFT JOIN peer_products py ON py.product_id = c.y
                                            AND py.partner_id = px.partner_id
              GROUP BY c.x, c.y
                HAVING COUNT(py.partner_id) > 0
            )
            SELECT y, x, share, buyers, (SELECT segment_id FROM me) FROM (
                SELECT DISTINCT ON (y) y, x, buyers,
                       ROUND(100.0 * together / buyers) AS share
                  FROM shares
              ORDER BY y, together::float / buyers DESC, buyers DESC, x
            ) best
            ORDER BY share DESC, buyers DESC, y
            LIMIT %(limit)s
                """,
                company=company.id,
                partner=partner.id,
                exclude=list(exclude) or [0],
                limit=limit,
            )
        )
        Product = self.env["product.product"]
        Segment = self.env["crm.rfm.segment"]
        return [
            {
                "product": Product.browse(y),
                "with_product": Product.browse(x),
                "share": int(share),
                "buyers": buyers,
                "segment": Segment.browse(segment_id),
            }
            for y, x, share, buyers, segment_id in rows
        ]

    @api.model
    def _crm_next_offers_html(self, offers):
        """The offers as a list, each with its reason."""
        if not offers:
            return False
        items = Markup("").join(
            Markup("<li><strong>%s</strong>: %s</li>")
            % (
                offer["product"].display_name,
                self.env._(
                    "bought with %(product)s by %(share)s of the customers who "
                    "buy %(product)s%(segment)s",
                    product=offer["with_product"].display_name,
                    share=f"{offer['share']} %",
                    segment=(
                        self.env._(" (segment %(name)s)", name=offer["segment"].name)
                        if offer["segment"]
                        else ""
                    ),
                ),
            )
            for offer in offers
        )
        return Markup("<ul class='mb-0'>%s</ul>") % items

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_crm_make_quotation(self):
        """One quotation per customer of the selected rows, with a line of
        each selected product at its usual quantity; opens it (the list of
        them when several)."""
        rows = self.filtered(lambda r: r.level == "product" and r.product_id)
        if not rows:
            raise UserError(self.env._("Select products (not categories) to quote."))
        orders = self.env["sale.order"]
        for partner, company in {(r.partner_id, r.company_id) for r in rows}:
            lines = rows.filtered(
                lambda r, p=partner, c=company: r.partner_id == p and r.company_id == c
            )
            orders |= (
                self.env["sale.order"]
                .with_company(company)
                .create(
                    {
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "order_line": [
                            fields.Command.create(
                                {
                                    "product_id": line.product_id.id,
                                    "product_uom_qty": line.usual_qty or 1.0,
                                }
                            )
                            for line in lines
                        ],
                    }
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale.action_quotations_with_onboarding"
        )
        if len(orders) == 1:
            action.update(
                {
                    "res_id": orders.id,
                    "views": [(False, "form")],
                    "view_mode": "form",
                }
            )
        else:
            action["domain"] = [("id", "in", orders.ids)]
        return action

    @api.model
    def _crm_demo_create_orders(self, specs):
        """Demo data: confirmed orders, then full refreshes of the customer
        analysis, the baskets and the repurchase figures of the main company.
        ``specs``: [customer id, product id, quantity, days ago of each order,
        campaign id and medium id of the last order]."""
        now = fields.Datetime.now()
        vals_list, dates, utm = [], [], []
        for partner_id, product_id, qty, days, campaign_id, medium_id in specs:
            for index, days_ago in enumerate(days):
                last = index == len(days) - 1
                dates.append(now - timedelta(days=days_ago))
                vals_list.append(
                    {
                        "partner_id": partner_id,
                        "order_line": [
                            fields.Command.create(
                                {"product_id": product_id, "product_uom_qty": qty}
                            )
                        ],
                    }
                )
                utm.append(
                    {"campaign_id": campaign_id, "medium_id": medium_id} if last else {}
                )
        orders = self.env["sale.order"].create(vals_list)
        orders.action_confirm()
        for order, date_order, values in zip(orders, dates, utm, strict=True):
            order.write({"date_order": date_order, **values})
        company = self.env.company
        self.env["crm.customer.value"]._crm_refresh(company, full=True)
        self.env["crm.basket.pair"]._crm_refresh(company, full=True)
        return self._crm_refresh(company, full=True)
