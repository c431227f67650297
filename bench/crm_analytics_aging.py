"""Benchmark of crm_analytics' receivables by age (crm.receivable.aging).

Usage (the database is made, with the addons it needs, when missing)::

    python3 bench/crm_analytics_aging.py -d crm_bench_analytics \\
        [--customers 100000] [--lines 1000000]

The first run generates the book with ``bench/datagen.py`` and commits it
(later runs reuse it; ``--drop-data`` removes it at the end, ``--drop`` the
whole database). Then, as of today and as of a year back, it times:

- ours, the way the web client reads it: ``web_read_group`` of the report
  grouped by customer with the aggregates the list view asks for (its
  monetary columns' sums and ``sum_currency``, the days' maximum) — the first
  page of 80 customers the list shows, and all customers;
- OCA ``account_financial_report``'s Aged Partner Balance, the way its report
  computes it (the wizard's data → the report model's ``_get_report_values``),
  when the module is installed in Python (``pip install --no-deps
  "odoo-addon-account_financial_report==19.0.*"
  "odoo-addon-date_range==19.0.*" "odoo-addon-report_xlsx==19.0.*"``: the
  unpinned date_range is 20.0's, which Odoo 19 refuses); the benchmark then
  installs it in the database;
- Odoo's obvious ``_read_group`` over ``account.move.line`` (one per bucket;
  only possible for today: ``amount_residual`` is today's residual);
- ours through the ORM only: the ``_read_group`` that call runs, without the
  web formatting of the groups;
- a bare hand-written SQL statement (the floor);
- the definition in SQL (amount minus reconciliations up to the date over the
  whole book), the reference the others are checked against;

asserts that every method gives the same amount per customer and bucket to the
cent (OCA's differences are counted and printed, not asserted: its buckets are
0/30/60/90/120/older, compared on the four first and the rest together), and
that today's totals equal Odoo's ``res.partner.credit``; then times the
unsettled-payments XLSX of all customers (streaming, ``constant_memory``)
against a plain xlsxwriter workbook of the same rows, with peak memory.
"""

import contextlib
import datetime
import importlib.util
import io
import json
import math
import os
import subprocess
import sys
import time
import tracemalloc

import xlsxwriter
from common import bench_env, bench_parser, prepare_database

from odoo.fields import Command
from odoo.tools import SQL

sys.path.insert(0, os.path.dirname(__file__))
from datagen import drop_book, generate_book

BUCKETS = ["not_due", "1_30", "31_60", "61_90", "91_180", "over_180"]
AGGREGATES = [f"amount_{name}:sum" for name in BUCKETS]


def best_of(env, func, runs=2):
    """Best time of ``runs`` runs, each with the ORM cache emptied first."""
    result, best = None, None
    for _run in range(runs):
        env.invalidate_all()
        started = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return result, best


def cents(value):
    return round(float(value or 0) * 100)


def list_view_aggregates(env):
    """The aggregates the web client asks for when the report's list view is
    grouped: each numeric column's aggregator, and for monetary columns their
    currency (``array_agg_distinct``) and ``sum_currency`` (see
    ``getAggregateSpecifications`` in web's relational_model/utils.js)."""
    aging = env["crm.receivable.aging"]
    fields = aging.get_views([(False, "list")])["models"][aging._name]["fields"]
    numeric = [
        f"{name}:{field['aggregator']}"
        for name, field in fields.items()
        if field.get("aggregator") and field["type"] in ("float", "integer", "monetary")
    ]
    currency = []
    for name, field in fields.items():
        if field.get("aggregator") and field.get("currency_field"):
            currency += [
                f"{field['currency_field']}:array_agg_distinct",
                f"{name}:sum_currency",
            ]
    return numeric + list(dict.fromkeys(currency))


def ours(env, as_of, limit, aggregates, lengths=None):
    aging = env["crm.receivable.aging"].with_context(crm_aging_date=as_of)
    # what the list view, grouped by customer, asks the server for
    result = aging.web_read_group([], ["partner_id", "bucket"], aggregates, limit=limit)
    if lengths is not None:
        lengths.append(result["length"])
    return {
        group["partner_id"][0]: [cents(group[agg]) for agg in AGGREGATES]
        for group in result["groups"]
    }


PIVOT_GROUPING_SETS = [[], ["partner_id"], ["bucket"], ["partner_id", "bucket"]]


def pivot_measures(env):
    """The measures the pivot view asks for (its measure field, with its
    currency's ``array_agg_distinct`` and ``sum_currency``, and the count;
    see ``_getMeasureSpecs`` in web's pivot_model.js)."""
    aging = env["crm.receivable.aging"]
    view = aging.get_views([(False, "pivot")])
    fields = view["models"][aging._name]["fields"]
    arch = view["views"]["pivot"]["arch"]
    specs = []
    for name, field in fields.items():
        if f'name="{name}" type="measure"' in arch:
            specs.append(f"{name}:{field['aggregator']}")
            if field.get("currency_field"):
                specs += [
                    f"{field['currency_field']}:array_agg_distinct",
                    f"{name}:sum_currency",
                ]
    return [*specs, "__count"]


def pivot(env, as_of, measures):
    """Ours, the way the pivot view reads all customers: rows by customer,
    columns by age (``formatted_read_grouping_sets``: the total, each
    customer, each age, each customer and age)."""
    aging = env["crm.receivable.aging"].with_context(crm_aging_date=as_of)
    sets = aging.formatted_read_grouping_sets([], PIVOT_GROUPING_SETS, measures)
    result = {}
    for group in sets[3]:
        amounts = result.setdefault(group["partner_id"][0], [0] * len(BUCKETS))
        amounts[BUCKETS.index(group["bucket"])] = cents(group[measures[0]])
    return result


def xlsx_data(env, as_of):
    """Ours, the data the unsettled-payments XLSX reads (its sections of
    customers and amounts): the company-currency section, per customer."""
    aging = env["crm.receivable.aging"].with_context(crm_aging_date=as_of)
    result = {}
    for section in aging._customer_sections([]):
        if section["currency"] != section["company"].currency_id:
            continue
        for partner, amounts in section["rows"]:
            result[partner.id] = [cents(amounts[name]) for name in BUCKETS]
    return result


def oca(env, as_of):
    """OCA account_financial_report's Aged Partner Balance, as its report
    computes it: the wizard's data (through JSON, as ``report_action`` sends
    it) and the report model's ``_get_report_values``. Amounts per partner in
    OCA's buckets (current, 1-30, 31-60, 61-90, 91-120, older)."""
    receivable = env["account.account"].search(
        [
            ("account_type", "=", "asset_receivable"),
            ("company_ids", "in", env.company.ids),
        ]
    )
    wizard = env["aged.partner.balance.report.wizard"].create(
        {
            "date_at": as_of,
            "company_id": env.company.id,
            "target_move": "posted",
            "receivable_accounts_only": True,
            "account_ids": [Command.set(receivable.ids)],
        }
    )
    data = json.loads(json.dumps(wizard._prepare_report_data(), default=str))
    report = env["report.account_financial_report.aged_partner_balance"]
    values = report._get_report_values(wizard.ids, data)
    keys = ["current", "30_days", "60_days", "90_days", "120_days", "older"]
    result = {}
    for account in values["aged_partner_balance"]:
        for partner in account["partners"]:
            # OCA's rows carry the partner's name, not its id
            amounts = result.setdefault(partner["name"], [0.0] * len(keys))
            for index, key in enumerate(keys):
                amounts[index] += partner[key]
    return result


def oca_differences(result, reference, names):
    """Customers whose OCA amounts differ from the reference: compared on
    current, 1-30, 31-60, 61-90 and over 90 days (OCA's 91-120 + older against
    our 91-180 + over 180)."""

    def five(amounts):
        return [*amounts[:4], amounts[4] + amounts[5]]

    diff, missing, extra = [], 0, 0
    by_name = {names[k]: five(v) for k, v in reference.items() if any(v) and k in names}
    got = {
        name: [cents(v) for v in five(v)]
        for name, v in result.items()
        if name in by_name or any(cents(x) for x in v)
    }
    for name, ref in by_name.items():
        if name not in got:
            missing += 1
        elif got[name] != ref:
            diff.append((name, got[name], ref))
    extra = sum(1 for name in got if name not in by_name and name in names.values())
    return diff, missing, extra


def ours_orm(env, as_of):
    """The query the web client's call runs, without its formatting."""
    aging = env["crm.receivable.aging"].with_context(crm_aging_date=as_of)
    groups = aging._read_group([], ["partner_id"], AGGREGATES, order="partner_id")
    return {partner.id: [cents(v) for v in amounts] for partner, *amounts in groups}


def odoo_read_group(env, as_of):
    """Odoo's obvious way, today only: today's residual of open items, one
    _read_group per age bucket by due date."""
    Line = env["account.move.line"]
    base = [
        ("account_id.account_type", "=", "asset_receivable"),
        ("parent_state", "=", "posted"),
        ("reconciled", "=", False),
        ("company_id", "in", env.companies.ids),
    ]
    limits = [
        ("not_due", [("date_maturity", ">=", as_of)]),
        (
            "1_30",
            [("date_maturity", "<", as_of), ("date_maturity", ">=", as_of - d(30))],
        ),
        (
            "31_60",
            [
                ("date_maturity", "<", as_of - d(30)),
                ("date_maturity", ">=", as_of - d(60)),
            ],
        ),
        (
            "61_90",
            [
                ("date_maturity", "<", as_of - d(60)),
                ("date_maturity", ">=", as_of - d(90)),
            ],
        ),
        (
            "91_180",
            [
                ("date_maturity", "<", as_of - d(90)),
                ("date_maturity", ">=", as_of - d(180)),
            ],
        ),
        ("over_180", [("date_maturity", "<", as_of - d(180))]),
    ]
    result = {}
    for index, (_name, domain) in enumerate(limits):
        for partner, amount in Line._read_group(
            base + domain, ["partner_id"], ["amount_residual:sum"]
        ):
            result.setdefault(partner.id, [0] * len(BUCKETS))[index] = cents(amount)
    return result


def d(days):
    return datetime.timedelta(days=days)


BUCKET_SUMS = """
    SUM(residual) FILTER (WHERE days <= 0),
    SUM(residual) FILTER (WHERE days BETWEEN 1 AND 30),
    SUM(residual) FILTER (WHERE days BETWEEN 31 AND 60),
    SUM(residual) FILTER (WHERE days BETWEEN 61 AND 90),
    SUM(residual) FILTER (WHERE days BETWEEN 91 AND 180),
    SUM(residual) FILTER (WHERE days > 180)
"""


def bare_sql(env, as_of):
    """The floor: one hand-written statement, open items plus the
    reconciliations after the date undone, summed per customer."""
    env.cr.execute(
        SQL(
            """
            WITH undone AS (
                SELECT line_id, SUM(amount) AS amount FROM (
                    SELECT debit_move_id AS line_id, amount
                      FROM account_partial_reconcile WHERE max_date > %(as_of)s
                    UNION ALL
                    SELECT credit_move_id, -amount
                      FROM account_partial_reconcile WHERE max_date > %(as_of)s
                ) later GROUP BY line_id
            ), lines AS (
                SELECT p.commercial_partner_id AS partner_id,
                       %(as_of)s::date - COALESCE(aml.date_maturity, aml.date) AS days,
                       aml.amount_residual + COALESCE(u.amount, 0) AS residual
                  FROM account_move_line aml
                  JOIN account_account acc ON acc.id = aml.account_id
                  JOIN res_partner p ON p.id = aml.partner_id
                  LEFT JOIN undone u ON u.line_id = aml.id
                 WHERE acc.account_type = 'asset_receivable'
                   AND aml.parent_state = 'posted' AND aml.date <= %(as_of)s
                   AND aml.company_id = ANY(%(companies)s)
                   AND (aml.reconciled IS NOT TRUE OR u.line_id IS NOT NULL)
            )
            SELECT partner_id, %(sums)s FROM lines GROUP BY partner_id
            """,
            as_of=as_of,
            companies=env.companies.ids,
            sums=SQL(BUCKET_SUMS),
        )
    )
    return {row[0]: [cents(v) for v in row[1:]] for row in env.cr.fetchall()}


def direct_sql(env, as_of):
    """The check: the definition itself — every receivable item's amount minus
    its reconciliations dated up to the date — over the whole book."""
    env.cr.execute(
        SQL(
            """
            WITH matched AS (
                SELECT line_id, SUM(amount) AS amount FROM (
                    SELECT debit_move_id AS line_id, amount
                      FROM account_partial_reconcile WHERE max_date <= %(as_of)s
                    UNION ALL
                    SELECT credit_move_id, -amount
                      FROM account_partial_reconcile WHERE max_date <= %(as_of)s
                ) upto GROUP BY line_id
            ), lines AS (
                SELECT p.commercial_partner_id AS partner_id,
                       %(as_of)s::date - COALESCE(aml.date_maturity, aml.date) AS days,
                       aml.balance - COALESCE(m.amount, 0) AS residual
                  FROM account_move_line aml
                  JOIN account_account acc ON acc.id = aml.account_id
                  JOIN res_partner p ON p.id = aml.partner_id
                  LEFT JOIN matched m ON m.line_id = aml.id
                 WHERE acc.account_type = 'asset_receivable'
                   AND aml.parent_state = 'posted' AND aml.date <= %(as_of)s
                   AND aml.company_id = ANY(%(companies)s)
            )
            SELECT partner_id, %(sums)s FROM lines GROUP BY partner_id
            """,
            as_of=as_of,
            companies=env.companies.ids,
            sums=SQL(BUCKET_SUMS),
        )
    )
    return {row[0]: [cents(v) for v in row[1:]] for row in env.cr.fetchall()}


def same(name, result, reference, customers):
    """Equal to the cent for the bench customers (without zero rows)."""
    clean = {k: v for k, v in result.items() if any(v) and k in customers}
    ref = {k: v for k, v in reference.items() if any(v) and k in customers}
    if clean != ref:
        diff = [k for k in set(clean) | set(ref) if clean.get(k) != ref.get(k)]
        raise AssertionError(
            f"{name} differs for {len(diff)} customers, e.g. {diff[:3]}"
        )


def plain_xlsx(aging):
    """The non-streaming alternative: same rows, whole workbook in memory."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    money = workbook.add_format({"num_format": "#,##0.00"})
    for section in aging._customer_sections([]):
        sheet = workbook.add_worksheet(
            f"{section['company'].name} {section['currency'].name}"[:31]
        )
        sheet.write_row(0, 0, ["Customer", "Tax ID", "Salesperson", *BUCKETS, "Total"])
        for row, (partner, amounts) in enumerate(section["rows"], start=1):
            sheet.write_string(row, 0, partner.display_name or "")
            for col, name in enumerate(BUCKETS, start=3):
                sheet.write_number(row, col, amounts[name], money)
            sheet.write_number(row, 9, sum(amounts.values()), money)
    workbook.close()
    return output.getvalue()


def measured(env, func):
    """Time (a plain run), then peak Python memory (a traced run); both with
    the ORM cache emptied first."""
    env.invalidate_all()
    started = time.perf_counter()
    content = func()
    elapsed = time.perf_counter() - started
    env.invalidate_all()
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return len(content), elapsed, peak


def install_oca(args):
    """Install OCA's Aged Partner Balance in the benchmark database when the
    module is in Python's path (it is not a dependency of crm_analytics)."""
    if importlib.util.find_spec("odoo.addons.account_financial_report") is None:
        return False
    subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            args.config or f".odoo/{args.database}.conf",
            "-d",
            args.database,
            "-i",
            "account_financial_report",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )
    return True


# the book is generated in layers of new customers, so that the report is
# timed at 25 % and 50 % of it on the way; a last layer of as many customers
# again gives 200 % (removed afterwards)
LAYERS = [
    ("Bench Customer", 0.25),
    ("Bench Customer B", 0.25),
    ("Bench Customer C", 0.5),
]
GROWTH_PREFIX = "Bench Growth Customer"


def receivable_lines(env):
    env.cr.execute(
        "SELECT count(*), count(DISTINCT aml.partner_id) "
        "FROM account_move_line aml "
        "JOIN account_account a ON a.id = aml.account_id "
        "WHERE a.account_type = 'asset_receivable' AND aml.parent_state = 'posted'"
    )
    return env.cr.fetchone()


@contextlib.contextmanager
def book_env(database):
    """A superuser environment on another benchmark database (a book of
    another size made by this benchmark), in its main company."""
    import odoo
    from odoo.api import Environment
    from odoo.modules.registry import Registry

    with Registry(database).cursor() as cr:
        env = Environment(cr, odoo.SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        yield env(context={"allowed_company_ids": [company.id]})


def growth_point(env, share, aggregates, today):
    """The first page and all customers (the list's web calls) at this size
    of the book, today and a year back."""
    lines, _partners = receivable_lines(env)
    point = {"share": share, "lines": lines}
    for key, as_of in (("today", today), ("a year back", today - d(365))):
        _page, point[f"first page, {key}"] = best_of(
            env, lambda as_of=as_of: ours(env, as_of, 80, aggregates)
        )
        _full, point[f"all customers, {key}"] = best_of(
            env, lambda as_of=as_of: ours(env, as_of, None, aggregates)
        )
    print(
        f"  growth {share:.0%}: {lines} receivable lines | "
        + " | ".join(
            f"{key} {value:.2f} s"
            for key, value in point.items()
            if key not in ("share", "lines")
        ),
        flush=True,
    )
    return point


def exponent(points, key):
    """Least-squares slope of log(time) against log(receivable lines): the k
    of time ~ lines^k (1 = linear, 0 = flat)."""
    xs = [math.log(point["lines"]) for point in points]
    ys = [math.log(max(point[key], 1e-6)) for point in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var


def print_growth(points):
    keys = [key for key in points[0] if key not in ("share", "lines")]
    print("growth (time ~ receivable lines^k, least squares over the sizes):")
    for key in keys:
        times = ", ".join(
            f"{point['share']:.0%} {point[key]:.2f} s" for point in points
        )
        target = 0.2 if key.startswith("first page") else 1.1
        k = exponent(points, key)
        mark = "met" if k <= target else "NOT met"
        print(f"  {key}: {times}; k = {k:.2f} (target <= {target}: {mark})")


def make_book(env, args, aggregates, today):
    """Generate the book in layers when the database has none; return the
    growth points measured on the way (25 % and 50 %)."""
    env.cr.execute(
        "SELECT count(*) FROM res_partner WHERE name LIKE 'Bench Customer %%'"
    )
    growth = []
    if not env.cr.fetchone()[0]:
        share = 0.0
        for index, (prefix, part) in enumerate(LAYERS):
            generate_book(
                env,
                max(1, round(args.customers * part)),
                max(1, round(args.lines * part)),
                seed=0.42 + index / 100,
                prefix=prefix,
            )
            env.cr.commit()
            share += part
            if not args.no_growth and share < 1:
                growth.append(growth_point(env, share, aggregates, today))
    elif not args.no_growth:
        print(
            "growth: measured when the benchmark generates the book "
            "(a new database, or a run after --drop-data)"
        )
    return growth


def measure_date(env, label, as_of, context):
    """Every method as of one date, checked against the definition."""
    aggregates, measures, names, with_oca = context
    customers = set(names)
    lengths = []
    page, t_page = best_of(
        env,
        lambda as_of=as_of, lengths=lengths: ours(env, as_of, 80, aggregates, lengths),
    )
    full, t_ours = best_of(env, lambda as_of=as_of: ours(env, as_of, None, aggregates))
    # the first page: the first 80 customers of the full list, their
    # figures, and the number of customers
    assert list(page) == list(full)[:80], "first page differs"
    assert all(page[k] == full[k] for k in page), "page figures differ"
    assert set(lengths) == {len(full)}, (lengths, len(full))
    grid, t_pivot = best_of(env, lambda as_of=as_of: pivot(env, as_of, measures))
    sections, t_xlsx = best_of(env, lambda as_of=as_of: xlsx_data(env, as_of))
    orm, t_orm = best_of(env, lambda as_of=as_of: ours_orm(env, as_of))
    floor, t_sql = best_of(env, lambda as_of=as_of: bare_sql(env, as_of))
    check, t_direct = best_of(env, lambda as_of=as_of: direct_sql(env, as_of))
    same("ours", full, check, customers)
    same("ours (pivot)", grid, check, customers)
    same("ours (XLSX data)", sections, check, customers)
    same("ours (_read_group)", orm, check, customers)
    same("bare SQL", floor, check, customers)
    line = {
        "date": label,
        "customers": len(full),
        "ours, first page (80)": t_page,
        "ours, all customers: list": t_ours,
        "ours, all customers: pivot": t_pivot,
        "ours, all customers: XLSX data": t_xlsx,
        "ours, _read_group by customer": t_orm,
        "bare SQL": t_sql,
        "definition in SQL": t_direct,
    }
    if with_oca:
        result, t_oca = best_of(env, lambda as_of=as_of: oca(env, as_of), 1)
        diff, missing, extra = oca_differences(result, check, names)
        line["OCA Aged Partner Balance"] = t_oca
        line["OCA customers differing"] = len(diff)
        line["OCA customers missing"] = missing
        line["OCA customers extra"] = extra
        total = sum(sum(v) for k, v in result.items() if k in names.values())
        line["OCA total"] = f"{total:,.2f}"
        reference = sum(sum(v) for k, v in check.items() if k in names) / 100
        line["definition total"] = f"{reference:,.2f}"
        for name, got, ref in diff[:3]:
            print(f"  OCA {label}: {name}: OCA {got} vs definition {ref}")
    if label == "today":
        obvious, t_rg = best_of(env, lambda as_of=as_of: odoo_read_group(env, as_of))
        same("_read_group", obvious, check, customers)
        line["Odoo _read_group (6 buckets)"] = t_rg
        credit = sum(env["res.partner"].browse(customers).mapped("credit"))
        total = sum(sum(v) for k, v in full.items() if k in customers) / 100
        assert round(credit, 2) == round(total, 2), (credit, total)
        line["Odoo credit = ours"] = f"{total:,.2f}"
    return line


def print_line(line):
    print(
        " | ".join(
            f"{key}: {value:.2f} s" if isinstance(value, float) else f"{key}: {value}"
            for key, value in line.items()
        )
    )
    floor = line["bare SQL"]
    calls = ("list", "pivot", "XLSX data")
    ratios = {call: line[f"ours, all customers: {call}"] / floor for call in calls}
    print(
        f"  {line['date']}, all customers / bare SQL (target <= 1.2): "
        + ", ".join(
            f"{call} {value:.2f} ({'met' if value <= 1.2 else 'NOT met'})"
            for call, value in ratios.items()
        )
        + "; first page / bare SQL: "
        f"{line['ours, first page (80)'] / floor:.2f}" + f"; _read_group / bare SQL: "
        f"{line['ours, _read_group by customer'] / floor:.2f}"
    )
    if "Odoo _read_group (6 buckets)" in line:
        odoo = line["Odoo _read_group (6 buckets)"]
        print(
            f"  {line['date']}, Odoo's plain _read_group / ours, all "
            "customers (target > 1): "
            + ", ".join(
                f"{call} {odoo / line[f'ours, all customers: {call}']:.2f}"
                for call in calls
            )
        )
    if "OCA Aged Partner Balance" in line:
        t_oca = line["OCA Aged Partner Balance"]
        print(
            f"  {line['date']}, OCA / ours: like for like (OCA's whole "
            "report / ours, all customers, list) "
            f"{t_oca / line['ours, all customers: list']:.1f}x; "
            "first page (what the list shows: 80 customers and their "
            f"number) {t_oca / line['ours, first page (80)']:.1f}x"
        )


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument(
        "--drop-data",
        action="store_true",
        help="remove the book at the end (keep the database)",
    )
    parser.add_argument(
        "--no-oca", action="store_true", help="skip OCA's Aged Partner Balance"
    )
    parser.add_argument(
        "--no-growth",
        action="store_true",
        help="skip the growth at 25/50/100/200 %% of the book (measured only "
        "when the benchmark generates the book)",
    )
    parser.add_argument(
        "--growth-databases",
        nargs="+",
        metavar="DB",
        help="databases with books of other sizes made by this benchmark (-d DB "
        "--customers N --lines M): the first page and all customers are timed "
        "in each, and the growth fitted with this book",
    )
    args = parser.parse_args()
    prepare_database(args, ["crm_analytics"])
    with_oca = not args.no_oca and install_oca(args)
    with bench_env(args, ["crm_analytics"]) as env:
        today = datetime.date.today()
        aggregates = list_view_aggregates(env)
        print(f"list view aggregates: {', '.join(aggregates)}")
        measures = pivot_measures(env)
        print(f"pivot measures: {', '.join(measures)}")
        growth = make_book(env, args, aggregates, today)
        lines, partners = receivable_lines(env)
        env.cr.execute(
            "SELECT id, name FROM res_partner WHERE name LIKE 'Bench Customer %%'"
        )
        names = dict(env.cr.fetchall())
        print(f"book: {lines} receivable lines, {partners} customers")
        rows = []
        for label, as_of in (("today", today), ("a year back", today - d(365))):
            line = measure_date(
                env, label, as_of, (aggregates, measures, names, with_oca)
            )
            rows.append(line)
            env.invalidate_all()
        if growth or args.growth_databases:
            growth.append(growth_point(env, 1.0, aggregates, today))
        for database in args.growth_databases or ():
            with book_env(database) as other:
                share = receivable_lines(other)[0] / lines
                growth.append(growth_point(other, share, aggregates, today))
        for line in rows:
            print_line(line)
        aging = env["crm.receivable.aging"]
        workbook = env["report.crm_analytics.report_receivable_aging_xlsx"]
        size, t_stream, peak_stream = measured(
            env, lambda: workbook._generate(aging, [])
        )
        size_plain, t_plain, peak_plain = measured(env, lambda: plain_xlsx(aging))
        if growth and not args.growth_databases:
            generate_book(
                env,
                max(1, args.customers),
                max(1, args.lines),
                seed=0.46,
                prefix=GROWTH_PREFIX,
            )
            env.cr.commit()
            growth.append(growth_point(env, 2.0, aggregates, today))
            if not args.drop:
                drop_book(env, GROWTH_PREFIX)
                env.cr.commit()
        if growth:
            print_growth(sorted(growth, key=lambda point: point["lines"]))
        print(
            f"XLSX of all customers: streaming {t_stream:.2f} s, "
            f"peak {peak_stream / 2**20:.0f} MiB,"
            f" {size / 2**20:.1f} MiB file | plain xlsxwriter {t_plain:.2f} s,"
            f" peak {peak_plain / 2**20:.0f} MiB, {size_plain / 2**20:.1f} MiB file"
        )
        if args.drop_data:
            print("dropping the bench book")
            drop_book(env, "Bench Customer")
            env.cr.commit()


if __name__ == "__main__":
    main()
