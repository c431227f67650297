"""Benchmark of crm_analytics' customer value (RFM, value, loyalty) and basket.

Usage (the database is made, with the addons it needs, when missing)::

    python3 bench/crm_analytics_segments.py -d crm_bench_analytics \\
        [--customers 100000] [--orders 500000] \\
        [--lines 1600000] [--keep] [--drop-data] [--drop] [--naive-sample N]

Generates a sales history with ``bench/datagen.py`` (``generate_sales``,
committed; removed at the end unless ``--keep``: later runs reuse it, and
``--drop-data`` removes it (``--drop`` the whole database)), then times:

- RFM + value + loyalty of every customer, full refresh: ours
  (``crm.customer.value._crm_refresh(company, full=True)``), (a) the naive ORM
  loop over ``sale.order`` records, (b) ``_read_group`` by commercial partner
  + Python scoring, (c) one bare SQL statement; then the contacts list
  filtered and grouped by segment, ours against Odoo's company-dependent
  Many2one;
- basket pairs, full refresh: ours (``crm.basket.pair._crm_refresh``), the
  naive ``search_read`` of the order lines + Python counting, a raw SQL fetch
  of (order, product) + Python counting, one SQL self-join;
- the incremental refresh of both after 5,000 new orders (and 100 older ones
  cancelled), each step in a transaction of its own as the cron runs it,
  checked against a recomputation from scratch; the new orders are undone.

Every method's figures are compared with the bare SQL ones (customer: counts,
amounts to the cent, dates, scores, loyalty; pair: counts, support,
confidence, lift) and the differences are listed; the run fails if any.
The definitions are those of issue 9's contract (period, quintile formula,
medians of day gaps, pair measures).
"""

import bisect
import datetime
import itertools
import os
import statistics
import sys
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal

from common import bench_env, bench_parser, report_time, timed
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools import SQL

sys.path.insert(0, os.path.dirname(__file__))
from datagen import drop_sales, generate_sales, new_orders, undo_new_orders

# the figures of crm.customer.value compared with the alternatives
CUSTOMER_FIELDS = {
    "order_count": "order_count",
    "revenue": "revenue",
    "margin": "margin",
    "first_order_date": "first_order_date",
    "last_order_date": "last_order_date",
    "average_order": "average_order",
    "frequency": "frequency",
    "monetary": "monetary",
    "recency_days": "recency_days",  # computed when read
    "r_score": "r_score",
    "f_score": "f_score",
    "m_score": "m_score",
    "repeat_customer": "repeat_customer",
    "typical_interval_days": "typical_interval_days",
    "churn_risk": "churn_risk",
    "segment": "segment_id",
    "ltv": "ltv",
}
MONEY = {"revenue", "margin", "average_order", "monetary", "ltv"}
# the figures of crm.basket.pair compared with the alternatives
PAIR_FIELDS = {
    "product_a": "product_id",
    "product_b": "other_product_id",
    "count": "pair_count",
    "support": "support",
    "confidence": "confidence",
    "lift": "lift",
}


class Settings:
    """The company's analysis settings, with the contract's defaults."""

    def __init__(self, company, today):
        def get(name, default):
            return company[name] if name in company._fields else default

        self.company = company
        self.today = today
        self.months = get("crm_rfm_period_months", 24)
        self.start = today - relativedelta(months=self.months)
        self.churn_factor = get("crm_churn_factor", 2.0)
        self.lifespan = get("crm_ltv_lifespan_years", 3.0)
        self.min_count = get("crm_basket_min_count", 2)
        self.digits = company.currency_id.decimal_places
        self.segments = []
        env = company.env
        if "crm.rfm.segment" in env:
            Segment = env["crm.rfm.segment"]
            self.segments = [
                (s.id, s.r_min, s.r_max, s.f_min, s.f_max, s.m_min, s.m_max)
                for s in Segment.search(
                    [("company_id", "in", [company.id, False])], order="sequence, id"
                )
            ]


def units(value, digits):
    """A Decimal amount as an integer number of cents (half away from zero)."""
    if value is None:
        return 0
    return int((Decimal(value) * 10**digits).quantize(Decimal(1), ROUND_HALF_UP))


def div_round(numerator, denominator):
    """Integer division rounded half away from zero (positive denominator)."""
    quotient = (abs(numerator) * 2 + denominator) // (2 * denominator)
    return quotient if numerator >= 0 else -quotient


def day_after(day):
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())


# ---------------------------------------------------------------- RFM, Python


def figures(per_customer, st):
    """Contract figures from each customer's orders [(date, amount, margin)]
    (amounts in cents), scored; shared by (a) and (b)."""
    rows = {}
    for partner_id, orders in per_customer.items():
        dates = sorted({day for day, _amount, _margin in orders})
        revenue = sum(amount for _day, amount, _margin in orders)
        period = [amount for day, amount, _margin in orders if day >= st.start]
        gaps = [(later - earlier).days for earlier, later in itertools.pairwise(dates)]
        rows[partner_id] = {
            "order_count": len(orders),
            "revenue": revenue,
            "margin": sum(margin for _day, _amount, margin in orders),
            "first_order_date": dates[0],
            "last_order_date": dates[-1],
            "average_order": div_round(revenue, len(orders)),
            "frequency": len(period),
            "monetary": sum(period),
            "recency_days": (st.today - dates[-1]).days,
            "repeat_customer": len(orders) >= 2,
            "typical_interval_days": statistics.median(gaps) if gaps else None,
        }
    score(rows, st)
    return rows


def score(rows, st):
    """Quintile scores, churn risk and segment, as the contract defines them."""
    ranked = [row for row in rows.values() if row["frequency"] > 0]
    n = len(ranked)
    for key, field in (
        ("r_score", "last_order_date"),
        ("f_score", "frequency"),
        ("m_score", "monetary"),
    ):
        values = sorted(row[field] for row in ranked)
        for row in ranked:
            rank = 1 + bisect.bisect_left(values, row[field])
            row[key] = 1 + min(4, 5 * (rank - 1) // max(n - 1, 1))
    intervals = [
        row["typical_interval_days"]
        for row in rows.values()
        if row["typical_interval_days"] is not None
    ]
    median = statistics.median(intervals) if intervals else None
    for row in rows.values():
        if not row["frequency"]:
            row["r_score"] = row["f_score"] = row["m_score"] = 0
        interval = row["typical_interval_days"]
        interval = median if interval is None else interval
        row["churn_risk"] = (
            interval is not None and row["recency_days"] > st.churn_factor * interval
        )
        row["segment"] = segment_of(row, st)
    add_ltv(rows, st)


def add_ltv(rows, st):
    """Lifetime value: average order margin x orders per year in the period x
    lifespan in years, rounded to the cent; multiplied before divided (one
    division: exact half cents round up as in the model)."""
    lifespan = Decimal(repr(st.lifespan))
    for row in rows.values():
        value = (Decimal(row["margin"]) * row["frequency"] * 12 * lifespan) / (
            row["order_count"] * st.months
        )
        row["ltv"] = int(value.quantize(Decimal(1), ROUND_HALF_UP))


def segment_of(row, st):
    if not row["frequency"]:
        return None  # not ranked: the RFM helper's choice, not compared
    for seg_id, r_min, r_max, f_min, f_max, m_min, m_max in st.segments:
        if (
            r_min <= row["r_score"] <= r_max
            and f_min <= row["f_score"] <= f_max
            and m_min <= row["m_score"] <= m_max
        ):
            return seg_id
    return False


def order_domain(st, start=None):
    domain = [
        ("company_id", "=", st.company.id),
        ("state", "=", "sale"),
        ("date_order", "<", day_after(st.today)),
    ]
    if start:
        domain.append(
            ("date_order", ">=", datetime.datetime.combine(start, datetime.time()))
        )
    return domain


def rfm_naive(env, st, sample=0):
    """(a) Browse every order, accumulate per customer in Python, score."""
    currency = st.company.currency_id
    orders = env["sale.order"].search(order_domain(st), order="id")
    total = len(orders)
    if sample:
        orders = orders[:sample]
    per_customer = defaultdict(list)
    scale = 10**st.digits
    for order in orders:
        per_customer[order.partner_id.commercial_partner_id.id].append(
            (
                order.date_order.date(),
                round(
                    currency.round(order.amount_untaxed / order.currency_rate) * scale
                ),
                round(currency.round(order.margin / order.currency_rate) * scale),
            )
        )
    return figures(per_customer, st), total


def rfm_read_group(env, st):
    """(b) One _read_group by commercial partner (each customer's orders as
    arrays, so that each order's conversion is rounded as the contract says),
    then Python scoring."""
    groups = env["sale.order"]._read_group(
        order_domain(st),
        ["partner_id.commercial_partner_id"],
        [
            "date_order:array_agg",
            "amount_untaxed:array_agg",
            "currency_rate:array_agg",
            "margin:array_agg",
        ],
    )
    digits = st.digits
    per_customer = {
        partner.id: [
            (
                day.date(),
                units(Decimal(amount) / Decimal(rate), digits),
                units(Decimal(margin or 0) / Decimal(rate), digits),
            )
            for day, amount, rate, margin in zip(
                dates, amounts, rates, margins, strict=True
            )
        ]
        for partner, dates, amounts, rates, margins in groups
    }
    return figures(per_customer, st)


RFM_SQL = """
WITH days AS (
    SELECT p.commercial_partner_id AS partner_id, o.date_order::date AS day,
           count(*) AS orders,
           SUM(ROUND(o.amount_untaxed / o.currency_rate, %(digits)s)) AS amount,
           SUM(ROUND(COALESCE(o.margin, 0) / o.currency_rate, %(digits)s)) AS margin
      FROM sale_order o JOIN res_partner p ON p.id = o.partner_id
     WHERE o.company_id = %(company)s AND o.state = 'sale'
       AND o.date_order < %(end)s
     GROUP BY 1, 2
), gaps AS (
    SELECT *, day - LAG(day) OVER (PARTITION BY partner_id ORDER BY day) AS gap
      FROM days
), customers AS (
    SELECT partner_id, SUM(orders) AS order_count, SUM(amount) AS revenue,
           SUM(margin) AS margin, MIN(day) AS first_order_date,
           MAX(day) AS last_order_date,
           ROUND(SUM(amount) / SUM(orders), %(digits)s) AS average_order,
           COALESCE(SUM(orders) FILTER (WHERE day >= %(start)s), 0) AS frequency,
           COALESCE(SUM(amount) FILTER (WHERE day >= %(start)s), 0) AS monetary,
           -- the first day's NULL gap is left out
           percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS typical
      FROM gaps GROUP BY partner_id
), ranked AS (
    SELECT partner_id,
           RANK() OVER (ORDER BY last_order_date) AS r_rank,
           RANK() OVER (ORDER BY frequency) AS f_rank,
           RANK() OVER (ORDER BY monetary) AS m_rank,
           count(*) OVER () AS n
      FROM customers WHERE frequency > 0
)
-- NB: LEAST() ignores NULLs, hence the CASEs for customers not ranked
SELECT c.partner_id, c.order_count, c.revenue, c.margin, c.first_order_date,
       c.last_order_date, c.average_order, c.frequency, c.monetary,
       %(today)s::date - c.last_order_date AS recency_days,
       CASE WHEN r.n IS NULL THEN 0
            ELSE 1 + LEAST(4, (5 * (r.r_rank - 1)) / GREATEST(r.n - 1, 1)) END,
       CASE WHEN r.n IS NULL THEN 0
            ELSE 1 + LEAST(4, (5 * (r.f_rank - 1)) / GREATEST(r.n - 1, 1)) END,
       CASE WHEN r.n IS NULL THEN 0
            ELSE 1 + LEAST(4, (5 * (r.m_rank - 1)) / GREATEST(r.n - 1, 1)) END,
       c.order_count >= 2 AS repeat_customer, c.typical,
       COALESCE(%(today)s::date - c.last_order_date
                > %(churn)s * COALESCE(c.typical, ci.median), false)
  FROM customers c
  LEFT JOIN ranked r ON r.partner_id = c.partner_id
 CROSS JOIN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY typical) AS median
               FROM customers) ci
"""


def rfm_sql(env, st):
    """(c) One bare SQL statement for every figure and score."""
    env.cr.execute(
        SQL(
            RFM_SQL,
            digits=st.digits,
            company=st.company.id,
            end=day_after(st.today),
            start=st.start,
            today=st.today,
            churn=st.churn_factor,
        )
    )
    digits = st.digits
    rows = {}
    for row in env.cr.fetchall():
        (partner_id, count, revenue, margin, first, last, average, frequency) = row[:8]
        rows[partner_id] = {
            "order_count": int(count),
            "revenue": units(revenue, digits),
            "margin": units(margin, digits),
            "first_order_date": first,
            "last_order_date": last,
            "average_order": units(average, digits),
            "frequency": int(frequency),
            "monetary": units(row[8], digits),
            "recency_days": row[9],
            "r_score": row[10],
            "f_score": row[11],
            "m_score": row[12],
            "repeat_customer": row[13],
            "typical_interval_days": row[14],
            "churn_risk": row[15],
        }
        rows[partner_id]["segment"] = segment_of(rows[partner_id], st)
    add_ltv(rows, st)
    return rows


def rfm_ours_read(env, st):
    """What ours stored, read back from its table, in the contract's units."""
    Value = env["crm.customer.value"]
    stored = {k: n for k, n in CUSTOMER_FIELDS.items() if Value._fields[n].store}
    env.cr.execute(
        SQL(
            "SELECT id, partner_id, %s FROM %s WHERE company_id = %s",
            SQL(", ").join(SQL.identifier(name) for name in stored.values()),
            SQL.identifier(Value._table),
            st.company.id,
        )
    )
    fetched, partner_of = {}, {}
    for row_id, partner_id, *values in env.cr.fetchall():
        fetched[partner_id] = values
        partner_of[row_id] = partner_id
    # figures computed at read time (recency): read as a user reads them
    computed = {k: n for k, n in CUSTOMER_FIELDS.items() if k not in stored}
    for record in Value.browse(partner_of).read(list(computed.values())):
        fetched[partner_of[record["id"]]] += [record[n] for n in computed.values()]
    present = {**stored, **computed}
    rows = {}
    for partner_id, values in fetched.items():
        row = {}
        for key, value in zip(present, values, strict=True):
            if key in MONEY:
                value = units(value, st.digits)
            elif key.endswith("_score") or key == "recency_days":
                value = None if value is None else int(value)
            elif key == "repeat_customer" or key == "churn_risk":
                value = bool(value)
            elif key == "segment":
                value = value or False
            row[key] = value
        rows[partner_id] = row
    return rows


# ---------------------------------------------------------------- basket


def pairs_from_baskets(baskets, min_count):
    """Counts from each order's set of products: {(a, b): (n_ab, n_a, n_b)},
    N. Both orders of a pair; only pairs seen in ``min_count`` orders."""
    singles, pairs, n = Counter(), Counter(), 0
    for items in baskets:
        if not items:
            continue
        n += 1
        singles.update(items)
        pairs.update(itertools.combinations(sorted(items), 2))
    result = {}
    for (a, b), count in pairs.items():
        if count >= min_count:
            result[a, b] = (count, singles[a], singles[b])
            result[b, a] = (count, singles[b], singles[a])
    return result, n


def basket_naive(env, st, sample=0):
    """Naive: search_read every line of the period, Python sets and counting."""
    lines = env["sale.order.line"].search_read(
        [
            ("order_id.company_id", "=", st.company.id),
            ("order_id.state", "=", "sale"),
            (
                "order_id.date_order",
                ">=",
                datetime.datetime.combine(st.start, datetime.time()),
            ),
            ("order_id.date_order", "<", day_after(st.today)),
            ("display_type", "=", False),
            ("product_id", "!=", False),
        ],
        ["order_id", "product_id"],
        limit=sample or None,
    )
    baskets = defaultdict(set)
    for line in lines:
        baskets[line["order_id"][0]].add(line["product_id"][0])
    return pairs_from_baskets(baskets.values(), st.min_count), len(lines)


BASKET_ITEMS = """
SELECT DISTINCT l.order_id, l.product_id
  FROM sale_order_line l JOIN sale_order o ON o.id = l.order_id
 WHERE o.company_id = %(company)s AND o.state = 'sale'
   AND o.date_order >= %(start)s AND o.date_order < %(end)s
   AND l.product_id IS NOT NULL AND l.display_type IS NULL
"""


def basket_params(st):
    return {
        "company": st.company.id,
        "start": datetime.datetime.combine(st.start, datetime.time()),
        "end": day_after(st.today),
        "min_count": st.min_count,
    }


def basket_fetch(env, st):
    """Raw SQL fetch of (order, product), Python counting."""
    env.cr.execute(SQL(BASKET_ITEMS + " ORDER BY 1", **basket_params(st)))
    baskets = (
        {product for _order, product in group}
        for _order, group in itertools.groupby(env.cr.fetchall(), key=lambda r: r[0])
    )
    return pairs_from_baskets(baskets, st.min_count)


def basket_sql(env, st):
    """One SQL statement: self-join of the orders' items."""
    env.cr.execute(
        SQL(
            f"""
            WITH items AS ({BASKET_ITEMS}),
            singles AS (SELECT product_id, count(*) AS n FROM items GROUP BY 1),
            pairs AS (
                SELECT a.product_id AS a, b.product_id AS b, count(*) AS n
                  FROM items a JOIN items b
                    ON b.order_id = a.order_id AND b.product_id > a.product_id
                 GROUP BY 1, 2 HAVING count(*) >= %(min_count)s)
            SELECT p.a, p.b, p.n, sa.n, sb.n, t.n
              FROM pairs p
             CROSS JOIN (SELECT count(DISTINCT order_id) AS n FROM items) t
              JOIN singles sa ON sa.product_id = p.a
              JOIN singles sb ON sb.product_id = p.b
            """,
            **basket_params(st),
        )
    )
    rows = env.cr.fetchall()
    result = {}
    for a, b, count, count_a, count_b, _n in rows:
        result[a, b] = (count, count_a, count_b)
        result[b, a] = (count, count_b, count_a)
    if rows:
        return result, rows[0][5]
    env.cr.execute(
        SQL(
            f"SELECT count(DISTINCT order_id) FROM ({BASKET_ITEMS}) i",
            **basket_params(st),
        )
    )
    return result, env.cr.fetchone()[0]


def measures(counts, n):
    """{pair: (count, support %, confidence %, lift)} from raw counts."""
    return {
        pair: (
            count,
            100.0 * count / n,
            100.0 * count / count_a,
            count * n / (count_a * count_b),
        )
        for pair, (count, count_a, count_b) in counts.items()
    }


def basket_ours_read(env, st):
    Pair = env["crm.basket.pair"]
    present = PAIR_FIELDS
    env.cr.execute(
        SQL(
            "SELECT %s FROM %s WHERE company_id = %s",
            SQL(", ").join(SQL.identifier(name) for name in present.values()),
            SQL.identifier(Pair._table),
            st.company.id,
        )
    )
    rows = {}
    for values in env.cr.fetchall():
        row = dict(zip(present, values, strict=True))
        pair = (row.pop("product_a"), row.pop("product_b"))
        rows[pair] = row
    digits = {
        key: Pair._fields[name].get_digits(env)
        if Pair._fields[name].type == "float"
        else None
        for key, name in present.items()
        if key in ("support", "confidence", "lift")
    }
    return rows, digits


# ---------------------------------------------------------------- checks


def same(expected, got, tolerance=0.0):
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(expected, float) or isinstance(got, float):
        difference = abs(float(expected) - float(got))
        return difference <= tolerance + 1e-9 * abs(float(expected))
    if tolerance and isinstance(expected, int) and isinstance(got, int):
        return abs(expected - got) <= tolerance
    return expected == got


def compare(label, expected, got, keys, tolerances=None, skip=None):
    """List the differences of ``got`` from ``expected`` (dicts of rows)."""
    tolerances = tolerances or {}
    problems = []
    for key in sorted(expected.keys() - got.keys())[:5]:
        problems.append(f"{label}: {key} missing")
    for key in sorted(got.keys() - expected.keys())[:5]:
        problems.append(f"{label}: {key} not expected, got {got[key]}")
    missing = len(expected.keys() - got.keys())
    extra = len(got.keys() - expected.keys())
    if missing > 5 or extra > 5:
        problems.append(f"{label}: {missing} rows missing, {extra} rows too many")
    per_field = Counter()
    for key in sorted(expected.keys() & got.keys()):
        for field in keys:
            if field not in got[key]:
                continue
            if skip and skip(field, expected[key]):
                continue
            value, other = expected[key].get(field), got[key][field]
            if not same(value, other, tolerances.get(field, 0.0)):
                per_field[field] += 1
                if per_field[field] <= 5:
                    problems.append(
                        f"{label}: {key} {field}: expected {value!r}, got {other!r}"
                    )
    for field, count in per_field.items():
        if count > 5:
            problems.append(f"{label}: {field} differs for {count} rows in all")
    return problems


def compare_rfm(label, expected, got):
    return compare(
        label,
        expected,
        got,
        list(CUSTOMER_FIELDS),
        tolerances={"typical_interval_days": 1e-9},
        skip=lambda field, row: field == "segment" and row["segment"] is None,
    )


def compare_pairs(label, expected, got):
    return compare(label, expected, got, ["count", "support", "confidence", "lift"])


def pair_rows(counts, n):
    return {
        pair: dict(zip(("count", "support", "confidence", "lift"), values, strict=True))
        for pair, values in measures(counts, n).items()
    }


def ours_pair_rows(read, expected):
    """Ours as rows; support/confidence/lift rounded as its fields store them
    (the expected ones are rounded the same way)."""
    rows, digits = read
    rounded = {}
    for pair, row in expected.items():
        rounded[pair] = dict(row)
        for key, value in row.items():
            if digits.get(key):
                rounded[pair][key] = round(value, digits[key][1])
    clean = {
        pair: {key: (float(v) if key != "count" else v) for key, v in row.items()}
        for pair, row in rows.items()
    }
    for row in clean.values():
        for key in row:
            if digits.get(key):
                row[key] = round(row[key], digits[key][1])
    return rounded, clean


# ---------------------------------------------------------------- timing


def ours_refresh(env, model, st, full):
    def run():
        stats = env[model]._crm_refresh(st.company, full=full, today=st.today)
        env.flush_all()
        return stats

    return run


class Report:
    def __init__(self):
        self.lines, self.problems = [], []

    def time(self, label, seconds, queries=None, note=""):
        self.lines.append(report_time(label, seconds, queries, note))

    def say(self, text):
        print(text, flush=True)
        self.lines.append(text)

    def check(self, problems):
        for problem in problems:
            print("  MISMATCH " + problem, flush=True)
        self.problems += problems


class Bench:
    def __init__(self, env, st, args):
        self.env, self.st, self.args = env, st, args
        self.report = Report()
        self.has_rfm = "crm.customer.value" in env and hasattr(
            env["crm.customer.value"], "_crm_refresh"
        )
        self.has_basket = "crm.basket.pair" in env and hasattr(
            env["crm.basket.pair"], "_crm_refresh"
        )
        self.t_ours = self.t_bours = None

    def extrapolate(self, seconds, done, total, what):
        if self.args.naive_sample and done < total:
            return seconds * total / done, f"EXTRAPOLATED from {done} of {total} {what}"
        return seconds, ""

    def rfm_full(self):
        env, st, report, runs = self.env, self.st, self.report, self.args.runs
        report.say("RFM + value + loyalty, full refresh:")
        reference, t_sql, q_sql = timed(env, lambda: rfm_sql(env, st), runs)
        if self.has_rfm:
            _stats, self.t_ours, q_ours = timed(
                env, ours_refresh(env, "crm.customer.value", st, True), runs
            )
            report.time(
                "ours: crm.customer.value._crm_refresh(full=True)", self.t_ours, q_ours
            )
        else:
            report.say("  ours: crm.customer.value._crm_refresh not installed")
        (naive, total), t_naive, q_naive = timed(
            env, lambda: rfm_naive(env, st, self.args.naive_sample)
        )
        t_naive, note = self.extrapolate(
            t_naive, min(total, self.args.naive_sample), total, "orders"
        )
        report.time("(a) naive ORM loop over sale.order", t_naive, q_naive, note)
        grouped, t_rg, q_rg = timed(env, lambda: rfm_read_group(env, st), runs)
        report.time("(b) _read_group + Python scoring", t_rg, q_rg)
        report.time("(c) bare SQL, one statement", t_sql, q_sql)
        if not note:
            report.check(compare_rfm("(a) naive", reference, naive))
        report.check(compare_rfm("(b) _read_group", reference, grouped))
        report.say(
            f"  {len(reference)} customers, "
            f"{sum(1 for r in reference.values() if r['frequency'])} ranked"
        )
        if self.has_rfm:
            ratio = self.t_ours / min(t_rg, t_sql)
            report.say(f"  ratio ours / fastest of (b), (c): {ratio:.2f}")
            ours = rfm_ours_read(env, st)
            report.check(compare_rfm("ours full", reference, ours))
            self.segment_filter()

    def segment_filter(self):
        """The contacts list filtered, then grouped, by segment: ours (the
        stored value, a JSON containment through a GIN index) against Odoo's
        company-dependent Many2one (each contact's value looked up in the
        segment table), on the segments just computed."""
        env, report, runs = self.env, self.report, self.args.runs
        segment_field = type(env["res.partner"]._fields["crm_segment_id"])
        if segment_field is fields.Many2one:
            return
        Partner = env["res.partner"].with_company(self.st.company)
        segments = env["crm.rfm.segment"].search([])

        def count_all():
            return [
                Partner.search_count([("crm_segment_id", "=", segment.id)])
                for segment in segments
            ]

        def group():
            result = Partner.web_read_group([], ["crm_segment_id"], ["__count"])
            return sorted(
                (g["crm_segment_id"] and g["crm_segment_id"][0], g["__count"])
                for g in result["groups"]
            )

        ours = {
            "filter": timed(env, count_all, runs),
            "group": timed(env, group, runs),
        }
        own = segment_field.to_sql, segment_field.condition_to_sql
        segment_field.to_sql = fields.Many2one.to_sql
        segment_field.condition_to_sql = fields.Many2one.condition_to_sql
        try:
            odoo_way = {
                "filter": timed(env, count_all, runs),
                "group": timed(env, group, runs),
            }
        finally:
            segment_field.to_sql, segment_field.condition_to_sql = own
        labels = {
            "filter": "Contacts filtered by each segment (search_count):",
            "group": "Contacts grouped by segment (web_read_group):",
        }
        for step, label in labels.items():
            (result, t_ours, _q), (expected, t_odoo, _q2) = ours[step], odoo_way[step]
            report.say(label)
            report.time("ours: stored value, JSON containment, GIN index", t_ours)
            report.time("Odoo's company-dependent Many2one", t_odoo)
            report.say(f"  ratio Odoo / ours: {t_odoo / t_ours:.1f}")
            if result != expected:
                report.check([f"{step}: ours {result}, Odoo {expected}"])

    def basket_full(self):
        env, st, report, runs = self.env, self.st, self.report, self.args.runs
        report.say("Basket pairs, full refresh:")
        (counts, n), t_sql, q_sql = timed(env, lambda: basket_sql(env, st), runs)
        expected = pair_rows(counts, n)
        if self.has_basket:
            _stats, self.t_bours, q_ours = timed(
                env, ours_refresh(env, "crm.basket.pair", st, True), runs
            )
            report.time(
                "ours: crm.basket.pair._crm_refresh(full=True)", self.t_bours, q_ours
            )
        else:
            report.say("  ours: crm.basket.pair._crm_refresh not installed")
        ((ncounts, nn), nlines), t_naive, q_naive = timed(
            env, lambda: basket_naive(env, st, self.args.naive_sample)
        )
        env.cr.execute(
            SQL(f"SELECT count(*) FROM ({BASKET_ITEMS}) i", **basket_params(st))
        )
        t_naive, note = self.extrapolate(
            t_naive, nlines, env.cr.fetchone()[0], "(order, product) lines"
        )
        report.time("naive search_read of lines + Python", t_naive, q_naive, note)
        (fcounts, fn), t_fetch, q_fetch = timed(
            env, lambda: basket_fetch(env, st), runs
        )
        report.time("raw SQL fetch + Python counting", t_fetch, q_fetch)
        report.time("SQL self-join, one statement", t_sql, q_sql)
        report.say(f"  {n} baskets, {len(counts)} ordered pairs in >= {st.min_count}")
        if not note:
            report.check(compare_pairs("naive", expected, pair_rows(ncounts, nn)))
        report.check(compare_pairs("raw fetch", expected, pair_rows(fcounts, fn)))
        if self.has_basket:
            ratio = self.t_bours / min(t_fetch, t_sql)
            report.say(f"  ratio ours / fastest of fetch, self-join: {ratio:.2f}")
            read = basket_ours_read(env, st)
            report.check(compare_pairs("ours full", *ours_pair_rows(read, expected)))

    def incremental(self):
        """New orders, then ours incrementally, each in a transaction of its
        own as the cron would run (a refresh sees what was committed before
        it); the new orders are undone at the end."""
        env, st, cr = self.env, self.st, self.env.cr
        cr.commit()  # the full refreshes: the state the incremental starts from
        made = new_orders(env, count=self.args.new_orders, company=st.company)
        cr.commit()
        try:
            self._incremental(made)
        finally:
            cr.rollback()
            undo_new_orders(env, made)
            cr.commit()

    def _incremental(self, made):
        env, st, report, cr = self.env, self.st, self.report, self.env.cr
        report.say(
            f"Incremental refresh after {made['orders']} new orders "
            f"({made['lines']} lines) and {made['cancelled']} cancelled:"
        )
        runs = {}
        for model, label, t_full in (
            ("crm.customer.value", "RFM", self.t_ours),
            ("crm.basket.pair", "basket", self.t_bours),
        ):
            if t_full is None:
                continue
            stats, seconds, queries = timed(env, ours_refresh(env, model, st, False))
            cr.commit()
            report.time(f"ours: {model}._crm_refresh()", seconds, queries)
            report.say(f"  ratio incremental / full: {seconds / t_full:.3f}")
            report.say(f"  {label} stats: {stats}")
            runs[model] = True
        if "crm.customer.value" in runs:
            reference, t_sql, _q = timed(env, lambda: rfm_sql(env, st))
            report.time("(c) bare SQL RFM from scratch (the reference)", t_sql)
        if "crm.basket.pair" in runs:
            (counts, n), t_bsql, _q = timed(env, lambda: basket_sql(env, st))
            report.time("SQL self-join from scratch (the reference)", t_bsql)
        if "crm.customer.value" in runs:
            ours = rfm_ours_read(env, st)
            report.check(compare_rfm("ours incremental", reference, ours))
        if "crm.basket.pair" in runs:
            read = basket_ours_read(env, st)
            expected = pair_rows(counts, n)
            report.check(
                compare_pairs("ours incremental", *ours_pair_rows(read, expected))
            )
        cr.commit()
        for model in runs:
            stats, seconds, queries = timed(env, ours_refresh(env, model, st, False))
            cr.commit()
            report.time(f"ours {model} again, nothing new", seconds, queries)
            report.say(f"  stats: {stats}")


def prepare(env, company, args):
    """Generate the sales history unless there is one; describe it."""
    cr = env.cr
    cr.execute(
        SQL(
            "SELECT count(*) FROM sale_order WHERE name LIKE 'BSO%%' "
            "AND company_id = %s",
            company.id,
        )
    )
    if cr.fetchone()[0]:
        print("reusing the generated sales history")
    elif args.reuse:
        sys.exit("--reuse: no generated sales history in this database")
    else:
        generate_sales(
            env,
            customers=args.customers,
            orders=args.orders,
            lines=args.lines,
            products=args.products,
            company=company,
        )
        # committed: the incremental refreshes run in transactions of their own
        cr.commit()
        args.generated = True
    cr.execute(
        SQL(
            """
            SELECT count(*), count(DISTINCT p.commercial_partner_id),
                   (SELECT count(*) FROM sale_order_line l
                      JOIN sale_order o ON o.id = l.order_id
                     WHERE o.company_id = %(company)s AND o.state = 'sale')
              FROM sale_order o JOIN res_partner p ON p.id = o.partner_id
             WHERE o.company_id = %(company)s AND o.state = 'sale'
            """,
            company=company.id,
        )
    )
    return cr.fetchone()


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=500_000)
    parser.add_argument("--lines", type=int, default=1_600_000)
    parser.add_argument("--products", type=int, default=2_000)
    parser.add_argument("--new-orders", type=int, default=5_000)
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the data this run generates, for later runs",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="only use the data a --keep run left (the default when there is)",
    )
    parser.add_argument(
        "--drop-data",
        action="store_true",
        help="remove the generated data at the end (keep the database)",
    )
    parser.add_argument(
        "--naive-sample",
        type=int,
        default=0,
        help="time the naive methods on this many orders / lines and extrapolate",
    )
    parser.add_argument("--runs", type=int, default=2, help="best of, fast methods")
    parser.add_argument(
        "--skip-basket",
        action="store_true",
        help="time the customer values only (e.g. without crm.basket.pair)",
    )
    parser.add_argument(
        "--skip-rfm",
        action="store_true",
        help="measure the basket only (also when crm.customer.value is absent)",
    )
    parser.add_argument(
        "--parallel",
        action="store_true",
        help="let PostgreSQL plan parallel workers (off by default)",
    )
    args = parser.parse_args()
    args.generated = False
    with bench_env(args, ["crm_analytics"]) as env:
        cr = env.cr
        company = env.ref("base.main_company")
        env = env(context={"allowed_company_ids": [company.id]})
        company = company.with_env(env)
        if not args.parallel:
            # 2 cores shared by several developers: a parallel plan that got
            # no free worker ran minutes instead of seconds (see README)
            cr.execute("SET max_parallel_workers_per_gather = 0")
        orders, customers, lines = prepare(env, company, args)
        st = Settings(company, datetime.date.today())
        bench = Bench(env, st, args)
        bench.report.say(
            f"data: {orders} confirmed orders of {customers} customers, {lines} "
            f"lines; period {st.start} .. {st.today} ({st.months} months), churn "
            f"factor {st.churn_factor}, basket min count {st.min_count}"
        )
        if not args.skip_rfm:
            bench.rfm_full()
        if not args.skip_basket:
            bench.basket_full()
        bench.incremental()
        cr.rollback()
        if args.drop_data or (args.generated and not args.keep):
            drop_sales(env)
            cr.commit()
            print("dropped the generated sales history")
    if bench.report.problems:
        print(f"\n{len(bench.report.problems)} MISMATCHES (see above)")
        sys.exit(1)
    print("\nall methods agree")


if __name__ == "__main__":
    main()
