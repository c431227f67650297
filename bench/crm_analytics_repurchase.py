"""Benchmark of crm_analytics' repurchase figures, the "due to reorder" list,
the incremental refreshes per changed row and how the full refreshes grow
with the data.

Usage (the database is made, with the addons it needs, when missing)::

    python3 bench/crm_analytics_repurchase.py -d crm_bench_repurchase \\
        [--customers 100000] [--orders 500000] [--lines 1600000] \\
        [--sizes 25,50,100,200] [--new-orders 5000] [--keep] [--drop-data] [--drop]

The sizes are percentages of ``--customers/--orders/--lines``: the sales
history is generated once at the largest (``bench/datagen.py``
``generate_sales``, committed; removed at the end unless ``--keep``), and the
smaller sizes are made by moving the orders of the customers outside the
size's share (by commercial partner id modulo 8) to a parking company for the
time of their measurement. At the largest size it times:

- the repurchase figures of every customer, full refresh: ours
  (``crm.customer.repurchase._crm_refresh(company, full=True)``, which also
  writes them; over the figures of a first refresh, each run committed as the
  cron commits), (b) ``_read_group`` of the order lines by customer, product
  and day + Python, (c) the bare SQL statement; all three compared row by row;
- the "due to reorder" list of a salesperson with 2,000 customers, as the web
  client asks for it (``web_search_read``, 80 rows and the count);
- 5,000 new orders (and 100 older ones cancelled), then the incremental
  refresh of RFM + value + loyalty, of the basket and of the repurchase
  figures, each printed as time per changed row beside the time per row of a
  full refresh run over the figures of a previous one (as every night), and
  the repurchase figures checked against the bare SQL again;

then the full refresh of the three at every size, and the exponent of time
against orders fitted by least squares on the logarithms (1 = linear).
"""

import datetime
import itertools
import math
import os
import sys
import time
from collections import defaultdict

from common import bench_env, bench_parser, timed

from odoo.fields import Command
from odoo.tools import SQL

sys.path.insert(0, os.path.dirname(__file__))
from datagen import drop_sales, generate_sales, new_orders, undo_new_orders

BUCKETS = 8
SALESPERSON_CUSTOMERS = 2000
LIST_FIELDS = (
    "partner_id",
    "user_id",
    "product_id",
    "categ_id",
    "purchase_count",
    "last_purchase_date",
    "interval_days",
    "interval_spread_days",
    "expected_date",
    "overdue_days",
    "usual_qty",
)


def line(label, seconds, note=""):
    text = f"  {label:<60} {seconds:9.3f} s"
    if note:
        text += f"  {note}"
    print(text, flush=True)


def percentile(values, fraction):
    """PostgreSQL's percentile_cont of the sorted ``values``."""
    if not values:
        return None
    position = fraction * (len(values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def figures_of(days_qty, min_count):
    """(count, first, last, median, spread, expected, usual qty) of one
    customer's product (category): ``days_qty`` {day: qty or None}."""
    days = sorted(days_qty)
    if len(days) < min_count:
        return None
    gaps = sorted((b - a).days for a, b in itertools.pairwise(days))
    median = percentile(gaps, 0.5)
    qtys = sorted(q for q in days_qty.values() if q is not None)
    return (
        len(days),
        days[0],
        days[-1],
        median,
        percentile(gaps, 0.75) - percentile(gaps, 0.25),
        days[-1] + datetime.timedelta(days=round_half_even_pg(median)),
        percentile(qtys, 0.5) if qtys else None,
    )


def round_half_even_pg(value):
    # PostgreSQL's ROUND(float8) rounds half to even, as Python's round()
    return round(value)


def normalize(rows):
    """{(partner, level, item): figures rounded for the comparison}."""
    out = {}
    for key, fig in rows.items():
        count, first, last, median, spread, expected, qty = fig
        out[key] = (
            count,
            first,
            last,
            round(median, 6),
            round(spread, 6),
            expected,
            None if qty is None else round(qty, 6),
        )
    return out


def repurchase_sql(env, company, today, min_count):
    """(c) the bare SQL statement."""
    env.cr.execute(
        env["crm.customer.repurchase"]._crm_figures_sql(company, today, min_count)
    )
    return normalize(
        {
            (r[0], r[1], r[2]): (r[5], r[6], r[7], r[8], r[9], r[10], r[11])
            for r in env.cr.fetchall()
        }
    )


def repurchase_read_group(env, company, today, min_count):
    """(b) the order lines grouped by contact, product and day, then
    commercial partners and categories mapped and the figures in Python."""
    Line = env["sale.order.line"].with_context(tz="UTC")
    groups = Line._read_group(
        [
            ("company_id", "=", company.id),
            ("state", "=", "sale"),
            ("display_type", "=", False),
            ("product_id", "!=", False),
            ("order_id.date_order", "<", today + datetime.timedelta(days=1)),
        ],
        ["order_partner_id", "product_id", "order_id.date_order:day"],
        ["product_uom_qty:sum"],
    )
    partners = {p.id for p, _product, _day, _qty in groups}
    commercial = {}
    for parent, ids in (
        env["res.partner"]
        .with_context(active_test=False)
        ._read_group(
            [("id", "in", list(partners))], ["commercial_partner_id"], ["id:array_agg"]
        )
    ):
        for pid in ids:
            commercial[pid] = parent.id
    categ = {}
    for category, ids in (
        env["product.product"]
        .with_context(active_test=False)
        ._read_group(
            [("id", "in", list({p.id for _c, p, _d, _q in groups}))],
            ["categ_id"],
            ["id:array_agg"],
        )
    ):
        for pid in ids:
            categ[pid] = category.id
    products = defaultdict(lambda: defaultdict(float))
    categories = defaultdict(dict)
    for partner, product, day, qty in groups:
        customer = commercial[partner.id]
        day = day.date() if isinstance(day, datetime.datetime) else day
        products[customer, product.id][day] += qty
        if categ.get(product.id):
            categories[customer, categ[product.id]][day] = None
    rows = {}
    for (customer, product), days in products.items():
        fig = figures_of(days, min_count)
        if fig:
            rows[customer, "product", product] = fig
    for (customer, category), days in categories.items():
        fig = figures_of(days, min_count)
        if fig:
            rows[customer, "category", category] = fig
    return normalize(rows)


def repurchase_ours(env, company):
    env.cr.execute(
        SQL(
            """SELECT partner_id, level, item_id, purchase_count,
                      first_purchase_date, last_purchase_date, interval_days,
                      interval_spread_days, expected_date, usual_qty
                 FROM crm_customer_repurchase WHERE company_id = %s""",
            company.id,
        )
    )
    return normalize({(r[0], r[1], r[2]): r[3:] for r in env.cr.fetchall()})


def compare(label, expected, got):
    problems = []
    for key in expected.keys() - got.keys():
        problems.append(f"{label}: missing {key}")
    for key in got.keys() - expected.keys():
        problems.append(f"{label}: extra {key}")
    for key in expected.keys() & got.keys():
        if expected[key] != got[key]:
            problems.append(f"{label}: {key} {got[key]} instead of {expected[key]}")
    for problem in problems[:20]:
        print("  MISMATCH " + problem, flush=True)
    return problems


def full_refreshes(env, company, today):
    """Full refresh of the three analyses: {name: (seconds, rows written)}."""
    out = {}
    for name, model in (
        ("RFM + value + loyalty", "crm.customer.value"),
        ("basket", "crm.basket.pair"),
        ("repurchase", "crm.customer.repurchase"),
    ):
        env.invalidate_all()
        started = time.perf_counter()
        stats = env[model]._crm_refresh(company, full=True, today=today)
        env.flush_all()
        seconds = time.perf_counter() - started
        env.cr.commit()
        out[name] = (seconds, stats)
    return out


def stored_rows(env, company):
    """Rows each analysis stores for the company (the full refresh writes
    them all)."""
    cr = env.cr
    counts = {}
    for name, query in (
        (
            "RFM + value + loyalty",
            "SELECT count(*) FROM crm_customer_value WHERE company_id = %s",
        ),
        (
            "basket",
            (
                "SELECT (SELECT count(*) FROM crm_basket_pair_count"
                " WHERE company_id = %s) + (SELECT count(*)"
                " FROM crm_basket_product WHERE company_id = %s)"
            ),
        ),
        (
            "repurchase",
            "SELECT count(*) FROM crm_customer_repurchase WHERE company_id = %s",
        ),
    ):
        cr.execute(query, [company.id] * query.count("%s"))
        counts[name] = cr.fetchone()[0]
    return counts


def changed_rows(name, stats):
    """Rows an incremental refresh really changed."""
    if name == "RFM + value + loyalty":
        # aggregates rewritten (the touched customers whose figures moved are
        # among them) and scores / segments re-ranked
        return stats["changed"] + stats["customers"]
    if name == "basket":
        return (
            stats["recounted"] + stats["inserted"] + stats["deleted"] + stats["updated"]
        )
    return stats["changed"] + stats["deleted"]


def park(env, company, parking, keep):
    """Move the orders of the customers outside the first ``keep`` buckets
    to the parking company, and back those inside."""
    cr = env.cr
    for table in ("sale_order", "sale_order_line"):
        cr.execute(
            SQL(
                """UPDATE %(table)s t
                      SET company_id = CASE WHEN p.commercial_partner_id %% %(n)s
                                                 < %(keep)s
                                            THEN %(company)s ELSE %(parking)s END
                     FROM res_partner p
                    WHERE p.id = t.%(partner)s
                      AND t.company_id IN (%(company)s, %(parking)s)
                      AND t.company_id IS DISTINCT FROM
                          CASE WHEN p.commercial_partner_id %% %(n)s < %(keep)s
                               THEN %(company)s ELSE %(parking)s END""",
                table=SQL.identifier(table),
                partner=SQL.identifier(
                    "partner_id" if table == "sale_order" else "order_partner_id"
                ),
                n=BUCKETS,
                keep=keep,
                company=company.id,
                parking=parking.id,
            )
        )
    cr.commit()
    cr.execute("ANALYZE sale_order")
    cr.execute("ANALYZE sale_order_line")
    env.invalidate_all()


def confirmed_orders(env, company):
    env.cr.execute(
        "SELECT count(*) FROM sale_order WHERE company_id = %s AND state = 'sale'",
        [company.id],
    )
    return env.cr.fetchone()[0]


def fit_exponent(points):
    """Least-squares slope of log(seconds) against log(orders)."""
    xs = [math.log(o) for o, _s in points]
    ys = [math.log(max(s, 1e-6)) for _o, s in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return (
        sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den
        if den
        else 0.0
    )


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=500_000)
    parser.add_argument("--lines", type=int, default=1_600_000)
    parser.add_argument("--products", type=int, default=2_000)
    parser.add_argument("--sizes", default="25,50,100,200")
    parser.add_argument("--new-orders", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=2, help="best of, fast methods")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--drop-data", action="store_true")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    top = sizes[-1]
    problems = []
    with bench_env(args, ["crm_analytics"]) as env:
        cr = env.cr
        cr.execute("SET max_parallel_workers_per_gather = 0")
        company = env.ref("base.main_company")
        today = datetime.date.today()
        cr.execute("SELECT count(*) FROM sale_order WHERE name LIKE 'BSO%%'")
        generated = False
        if cr.fetchone()[0]:
            print("reusing the generated sales history")
        else:
            generate_sales(
                env,
                customers=args.customers * top // 100,
                orders=args.orders * top // 100,
                lines=args.lines * top // 100,
                products=args.products,
                company=company,
            )
            cr.commit()
            generated = True
        parking = env["res.company"].search([("name", "=", "Bench parking")]) or env[
            "res.company"
        ].create({"name": "Bench parking"})
        salesperson = env["res.users"].search([("login", "=", "bench_repurchase")])
        if not salesperson:
            salesperson = env["res.users"].create(
                {
                    "name": "Bench salesperson",
                    "login": "bench_repurchase",
                    "group_ids": [
                        Command.set([env.ref("sales_team.group_sale_salesman").id])
                    ],
                }
            )
        cr.execute(
            SQL(
                """UPDATE res_partner SET user_id = %s WHERE id IN (
                       SELECT id FROM res_partner
                        WHERE name LIKE 'Bench Sales Customer %%' AND is_company
                     ORDER BY id LIMIT %s)""",
                salesperson.id,
                SALESPERSON_CUSTOMERS,
            )
        )
        cr.commit()
        min_count = max(company.crm_repurchase_min_purchases, 2)
        orders = confirmed_orders(env, company)
        print(
            f"data: {orders} confirmed orders at {top} %; minimum purchases {min_count}"
        )

        print("Repurchase figures, full refresh:")

        def refresh_repurchase():
            return env["crm.customer.repurchase"]._crm_refresh(
                company, full=True, today=today
            )

        # the figures a nightly refresh finds stored: last night's
        refresh_repurchase()
        cr.commit()
        _stats, t_ours, _q = timed(env, refresh_repurchase, args.runs, commit=True)
        line("ours: crm.customer.repurchase._crm_refresh(full=True)", t_ours)
        grouped, t_rg, _q = timed(
            env,
            lambda: repurchase_read_group(env, company, today, min_count),
            args.runs,
        )
        line("(b) _read_group + Python", t_rg)
        reference, t_sql, _q = timed(
            env, lambda: repurchase_sql(env, company, today, min_count), args.runs
        )
        line("(c) bare SQL, one statement", t_sql)
        print(
            f"  {len(reference)} rows; ratio ours / fastest of (b), (c): "
            f"{t_ours / min(t_rg, t_sql):.2f} (target <= 1.5)"
        )
        problems += compare("(b) _read_group", reference, grouped)
        problems += compare("ours full", reference, repurchase_ours(env, company))

        print(f"Due to reorder, a salesperson with {SALESPERSON_CUSTOMERS} customers:")
        Due = (
            env["crm.customer.repurchase"]
            .with_user(salesperson)
            .with_context(allowed_company_ids=[company.id])
        )
        domain = [
            ("user_id", "=", salesperson.id),
            ("level", "=", "product"),
            ("overdue", "=", True),
        ]
        result, t_due, q_due = timed(
            env,
            lambda: Due.web_search_read(
                domain,
                {name: {} for name in LIST_FIELDS},
                limit=80,
                order="overdue_days desc",
            ),
            3,
        )
        line(
            "web_search_read, 80 rows + count",
            t_due,
            f"{q_due} queries, {result['length']} rows due (target < 0.200 s)",
        )

        print(f"Incremental refreshes after {args.new_orders} new orders:")
        # the time per row of a nightly full refresh, over the figures the
        # one before stored (the first refresh of a new database writes
        # every row: RFM took 3x longer)
        full_refreshes(env, company, today)
        full = full_refreshes(env, company, today)
        rows = stored_rows(env, company)
        made = new_orders(env, count=args.new_orders, company=company)
        cr.commit()
        try:
            for name, model in (
                ("RFM + value + loyalty", "crm.customer.value"),
                ("basket", "crm.basket.pair"),
                ("repurchase", "crm.customer.repurchase"),
            ):
                stats, seconds, _q = timed(
                    env, lambda m=model: env[m]._crm_refresh(company, today=today)
                )
                cr.commit()
                changed = changed_rows(name, stats)
                per_full = full[name][0] / max(rows[name], 1)
                per_changed = seconds / max(changed, 1)
                print(
                    f"  {name:<24} full {full[name][0]:8.2f} s / {rows[name]} rows = "
                    f"{per_full * 1e6:8.1f} us/row; incremental {seconds:6.2f} s / "
                    f"{changed} changed rows = {per_changed * 1e6:8.1f} us/row; "
                    f"ratio {per_changed / per_full:.2f} (target <= 1.5)",
                    flush=True,
                )
            reference = repurchase_sql(env, company, today, min_count)
            problems += compare(
                "ours incremental", reference, repurchase_ours(env, company)
            )
        finally:
            cr.rollback()
            undo_new_orders(env, made)
            cr.commit()

        print("Full refreshes by size (time against orders):")
        points = defaultdict(list)
        try:
            for size in sizes:
                park(env, company, parking, BUCKETS * size // top)
                n = confirmed_orders(env, company)
                times = full_refreshes(env, company, today)
                print(
                    f"  {size:3d} %: {n:8d} orders  "
                    + "  ".join(f"{k} {v[0]:7.2f} s" for k, v in times.items()),
                    flush=True,
                )
                for name, (seconds, _stats) in times.items():
                    points[name].append((n, seconds))
                points["all three"].append((n, sum(v[0] for v in times.values())))
        finally:
            park(env, company, parking, BUCKETS)
        for name, pts in points.items():
            print(f"  exponent of time against orders, {name}: {fit_exponent(pts):.2f}")
        print("  (target <= 1.1: linear)")
        cr.execute(
            SQL(
                "UPDATE res_partner SET user_id = NULL WHERE user_id = %s",
                salesperson.id,
            )
        )
        cr.commit()
        if args.drop_data or (generated and not args.keep):
            drop_sales(env)
            cr.commit()
            print("dropped the generated sales history")
    if problems:
        print(f"\n{len(problems)} MISMATCHES (see above)")
        sys.exit(1)
    print("\nall methods agree")


if __name__ == "__main__":
    main()
