"""Benchmark of crm_analytics_collection's statutory interest and compensation.

Usage (the database is made, with the addons it needs, when missing)::

    python3 bench/crm_analytics_collection_interest.py -d crm_bench_collection \\
        [--customers 100000] [--lines 1000000] [--loop-limit 0] [--drop-data]

The first run makes a Polish company in PLN ("Bench PL", Odoo's generic chart
of accounts) and generates the aging benchmark's book in it ("Bench Debtor"
customers) with
``bench/datagen.py`` (its customers businesses, one in 20 a consumer and one
in 100 a public healthcare entity; NBP EUR rates on every day the
compensation reads) and commits it; later runs reuse it (``--drop-data``
removes it at the end, ``--drop`` the whole database). Then, as of today and
as of a year back, it times the interest of the open items and the
compensation of the overdue invoices of every customer:

- ours: ``crm.receivable.aging._crm_interest_by_customer`` and
  ``_crm_compensation_by_customer`` (one statement each, over the aging's
  items as of the date);
- a Python loop over the same items with the same formula (every flow of
  every item — what is still open, each payment after the due date — times
  the rate of each half-year it spans, 365-day year, rounded per item; per
  invoice the 40/70/100 EUR at the rate of its month's rate day);
- a bare hand-written SQL statement per figure over the journal items and
  reconciliations (the floor);
- today only (``amount_residual`` is today's): the obvious Odoo code, on the
  first ``--orm-customers`` customers (extrapolated to all): their open
  receivable lines through the ORM, each line's payments through
  ``matched_credit_ids``, the same formula in Python;

asserts that they give the same amounts per customer to the cent, then
times the collection run for all overdue customers (its letters made, not
e-mailed: no mail composed, no PDF rendered; the transaction rolled back) with
its queries.
"""

import datetime
import os
import sys
import time
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from unittest.mock import patch

from common import bench_env, bench_parser, ratio, report_time

from odoo.tools import SQL

sys.path.insert(0, os.path.dirname(__file__))
from datagen import drop_book, generate_book

COMPANY = "Bench PL"
PREFIX = "Bench Debtor"
CENT = Decimal("0.01")
YEAR = Decimal(36500)
# EUR per PLN on the compensation's rate days (NBP's order of magnitude)
EUR_PER_PLN = 0.2326


def best_of(env, func, runs=2):
    result, best, queries = None, None, 0
    for _run in range(runs):
        env.invalidate_all()
        count = env.cr.sql_log_count
        started = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - started
        if best is None or elapsed < best:
            best, queries = elapsed, env.cr.sql_log_count - count
    return result, best, queries


def cents(value):
    return Decimal(str(value or 0)).quantize(CENT, ROUND_HALF_UP)


def bench_company(env):
    """The Polish company of the benchmark, made with a chart of accounts."""
    company = env["res.company"].search([("name", "=", COMPANY)], limit=1)
    if company:
        return company, False
    pln = env.ref("base.PLN")
    pln.active = True
    company = env["res.company"].create(
        {"name": COMPANY, "currency_id": pln.id, "country_id": env.ref("base.pl").id}
    )
    env.user.company_ids |= company
    env["account.chart.template"].try_loading(
        "generic_coa", company=company, install_demo=False
    )
    return company, True


def make_book(env, company, args):
    env.cr.execute(
        "SELECT count(*) FROM res_partner WHERE name LIKE %s", (PREFIX + " %",)
    )
    if env.cr.fetchone()[0]:
        return
    started = time.perf_counter()
    generate_book(
        env, args.customers, args.lines, company=company, verbose=False, prefix=PREFIX
    )
    env.cr.execute(
        """
        UPDATE res_partner
           SET crm_debtor_type = CASE WHEN id %% 100 = 0 THEN 'healthcare'
                                      ELSE 'consumer' END,
               is_company = id %% 100 = 0
         WHERE name LIKE %s AND (id %% 20 = 0 OR id %% 100 = 0)
        """,
        (PREFIX + " %",),
    )
    # the NBP EUR rate of every rate day the compensation reads
    Aging = env["crm.receivable.aging"]
    days = [day for _month, day in Aging._crm_rate_days(datetime.date.today())]
    env.cr.execute(
        """
        INSERT INTO res_currency_rate (name, rate, currency_id, company_id,
               create_uid, write_uid, create_date, write_date)
        SELECT day, %s, %s, %s, 1, 1, now(), now()
          FROM unnest(%s::date[]) AS day
         WHERE NOT EXISTS (SELECT 1 FROM res_currency_rate r
                            WHERE r.name = day AND r.currency_id = %s
                              AND r.company_id = %s)
        """,
        (
            EUR_PER_PLN,
            env.ref("base.EUR").id,
            company.id,
            days,
            env.ref("base.EUR").id,
            company.id,
        ),
    )
    env.cr.execute("ANALYZE")
    env.cr.commit()
    print(f"book generated in {time.perf_counter() - started:.0f} s", flush=True)


# ----------------------------------------------------------------------
# Ours
# ----------------------------------------------------------------------


def ours(env, as_of):
    Aging = env["crm.receivable.aging"]
    interest = Aging._crm_interest_by_customer(as_of)
    compensation = Aging._crm_compensation_by_customer(as_of)
    return {
        partner: (cents(interest.get(partner)), cents(compensation.get(partner)))
        for partner in interest.keys() | compensation.keys()
    }


# ----------------------------------------------------------------------
# The Python loop
# ----------------------------------------------------------------------


def rate_periods(env):
    """{kind of debtor: [(first day, last day, rate)]} as the addon defines them."""
    env.cr.execute(
        SQL(
            "WITH %s SELECT kind, date_from, date_to, rate FROM periods "
            "ORDER BY kind, date_from",
            env["crm.receivable.aging"]._crm_periods_sql(),
        )
    )
    periods = defaultdict(list)
    # Odoo's cursor reads numeric as float: back to exact decimals
    for kind, date_from, date_to, rate in env.cr.fetchall():
        periods[kind].append((date_from, date_to, Decimal(str(rate))))
    return periods


def flow_interest(amount, due, until, periods):
    """Σ amount × rate × days over the periods from the day after ``due`` to
    ``until`` (the addon's formula, before the division by 365 × 100)."""
    total = Decimal(0)
    one = datetime.timedelta(days=1)
    for date_from, date_to, rate in periods:
        if date_from <= until and date_to > due:
            days = (min(until, date_to) - max(due, date_from - one)).days
            total += amount * rate * days
    return total


def python_loop(env, as_of, limit=None):
    """Interest and compensation per customer, item by item in Python."""
    Aging = env["crm.receivable.aging"]
    periods = rate_periods(env)
    with Aging._report_settings():
        env.cr.execute(
            SQL(
                """
                WITH %(items)s
                SELECT aml.id, aml.move_id, m.name, m.move_type, m.amount_total_signed,
                       m.crm_interest_note, p.commercial_partner_id,
                       COALESCE(cp.crm_debtor_type,
                                CASE WHEN cp.is_company OR cp.vat IS NOT NULL
                                     THEN 'business' ELSE 'consumer' END),
                       COALESCE(aml.date_maturity, aml.date), aml.balance,
                       aml.amount_residual + COALESCE(aml.undone, 0),
                       c.currency_id
                  FROM items aml
                  JOIN account_move m ON m.id = aml.move_id
                  JOIN res_partner p ON p.id = aml.partner_id
                  JOIN res_partner cp ON cp.id = p.commercial_partner_id
                  JOIN res_company c ON c.id = aml.company_id
                 ORDER BY aml.id
                """,
                items=Aging._items_sql(as_of),
            )
        )
        items = env.cr.fetchall()
    if limit:
        items = items[:limit]
    # the payments after the due date of the items, up to the date
    env.cr.execute(
        """
        SELECT pr.debit_move_id, pr.amount, pr.max_date
          FROM account_partial_reconcile pr
         WHERE pr.debit_move_id = ANY(%s) AND pr.max_date <= %s
           AND NOT EXISTS (SELECT 1 FROM crm_interest_note_line n
                            WHERE n.partial_id = pr.id)
        """,
        ([item[0] for item in items], as_of),
    )
    payments = defaultdict(list)
    for line_id, amount, day in env.cr.fetchall():
        payments[line_id].append((Decimal(str(amount)), day))
    env.cr.execute(
        "SELECT name, rate FROM res_currency_rate WHERE currency_id = %s "
        "AND company_id = ANY(%s)",
        (env.ref("base.EUR").id, env.companies.ids),
    )
    eur_rates = dict(env.cr.fetchall())
    rate_day = dict(Aging._crm_rate_days(as_of.replace(day=1)))
    pln = env.ref("base.PLN").id
    interest = defaultdict(Decimal)
    invoices = {}
    for (
        line_id,
        move_id,
        _name,
        move_type,
        total,
        note,
        partner,
        kind,
        due,
        balance,
        residual,
        currency,
    ) in items:
        if balance <= 0 or note or due >= as_of:
            continue
        item, residual = Decimal(0), Decimal(str(residual))
        if residual > 0:
            item += flow_interest(residual, due, as_of, periods[kind])
        for amount, day in payments.get(line_id, ()):
            if day > due:
                item += flow_interest(amount, due, day, periods[kind])
        interest[partner] += (item / YEAR).quantize(CENT, ROUND_HALF_UP)
        if (
            residual > 0
            and move_type == "out_invoice"
            and currency == pln
            and kind != "consumer"
        ):
            first = invoices.get(move_id)
            if first is None or due < first[1]:
                invoices[move_id] = (partner, due, Decimal(str(total)))
    compensation = defaultdict(Decimal)
    for partner, due, total in invoices.values():
        eur = 40 if total <= 5000 else 70 if total < 50000 else 100
        rate = eur_rates[rate_day[due.replace(day=1)]]
        compensation[partner] += (Decimal(eur) / Decimal(str(rate))).quantize(
            CENT, ROUND_HALF_UP
        )
    return {
        partner: (cents(interest.get(partner)), cents(compensation.get(partner)))
        for partner in interest.keys() | compensation.keys()
    }, len(items)


# ----------------------------------------------------------------------
# The floor
# ----------------------------------------------------------------------


def bare_sql(env, as_of):
    """The floor: per figure one hand-written statement over the journal
    items (open at the date: today's residual plus the reconciliations dated
    after it) and their reconciliations."""
    Aging = env["crm.receivable.aging"]
    accounts = Aging._receivable_account_ids()
    common = SQL(
        """
        undone AS (
            SELECT line_id, SUM(amount) AS amount FROM (
                SELECT debit_move_id AS line_id, amount
                  FROM account_partial_reconcile WHERE max_date > %(as_of)s
                UNION ALL
                SELECT credit_move_id, -amount
                  FROM account_partial_reconcile WHERE max_date > %(as_of)s
            ) later GROUP BY line_id
        ), open AS (
            SELECT aml.id, aml.move_id, aml.company_id,
                   p.commercial_partner_id AS partner_id,
                   COALESCE(cp.crm_debtor_type,
                            CASE WHEN cp.is_company OR cp.vat IS NOT NULL
                                 THEN 'business' ELSE 'consumer' END) AS kind,
                   COALESCE(aml.date_maturity, aml.date) AS due,
                   aml.amount_residual + COALESCE(u.amount, 0) AS residual
              FROM account_move_line aml
              JOIN account_move m ON m.id = aml.move_id
              JOIN res_partner p ON p.id = aml.partner_id
              JOIN res_partner cp ON cp.id = p.commercial_partner_id
              LEFT JOIN undone u ON u.line_id = aml.id
             WHERE aml.account_id = ANY(%(accounts)s)
               AND aml.parent_state = 'posted' AND aml.date <= %(as_of)s
               AND aml.company_id = ANY(%(companies)s)
               AND (aml.reconciled IS NOT TRUE OR u.line_id IS NOT NULL)
               AND aml.balance > 0 AND m.crm_interest_note IS NOT TRUE
               AND COALESCE(aml.date_maturity, aml.date) < %(as_of)s
        )""",
        as_of=as_of,
        accounts=accounts,
        companies=env.companies.ids,
    )
    env.cr.execute(
        SQL(
            """
            WITH %(periods)s, %(common)s,
            flows AS (
                SELECT id, 0 AS partial, residual AS amount, %(as_of)s::date AS until
                  FROM open WHERE residual > 0
                UNION ALL
                SELECT o.id, pr.id, pr.amount, pr.max_date
                  FROM open o
                  JOIN account_partial_reconcile pr ON pr.debit_move_id = o.id
                 WHERE pr.max_date <= %(as_of)s AND pr.max_date > o.due
                   AND NOT EXISTS (SELECT 1 FROM crm_interest_note_line n
                                    WHERE n.partial_id = pr.id)
            ),
            per_item AS (
                SELECT o.partner_id,
                       ROUND(SUM(f.amount * r.rate
                                 * (LEAST(f.until, r.date_to)
                                    - GREATEST(o.due, r.date_from - 1)))
                             / 36500, 2) AS interest
                  FROM flows f
                  JOIN open o ON o.id = f.id
                  JOIN periods r ON r.kind = o.kind
                   AND r.date_from <= f.until AND r.date_to > o.due
                 GROUP BY o.id, o.partner_id
            )
            SELECT partner_id, SUM(interest) FROM per_item GROUP BY partner_id
            """,
            periods=Aging._crm_periods_sql(),
            common=common,
            as_of=as_of,
        )
    )
    interest = dict(env.cr.fetchall())
    env.cr.execute(
        SQL(
            """
            WITH %(rate_days)s, %(common)s,
            invoices AS (
                SELECT DISTINCT ON (o.move_id) o.move_id, o.partner_id, o.company_id,
                       o.due, m.amount_total_signed AS amount
                  FROM open o
                  JOIN account_move m ON m.id = o.move_id
                  JOIN res_company c ON c.id = o.company_id
                 WHERE o.residual > 0 AND m.move_type = 'out_invoice'
                   AND c.currency_id = %(pln)s AND o.kind != 'consumer'
                 ORDER BY o.move_id, o.due
            )
            SELECT i.partner_id,
                   SUM(ROUND(CASE WHEN i.amount <= 5000 THEN 40
                                  WHEN i.amount < 50000 THEN 70 ELSE 100 END
                             / r.rate::numeric, 2))
              FROM invoices i
              JOIN rate_days d ON d.month = date_trunc('month', i.due)::date
              JOIN res_currency_rate r ON r.name = d.rate_date
               AND r.currency_id = %(eur)s AND r.company_id = i.company_id
             GROUP BY i.partner_id
            """,
            rate_days=Aging._crm_rate_days_sql(as_of.replace(day=1)),
            common=common,
            pln=env.ref("base.PLN").id,
            eur=env.ref("base.EUR").id,
        )
    )
    compensation = dict(env.cr.fetchall())
    return {
        partner: (cents(interest.get(partner)), cents(compensation.get(partner)))
        for partner in interest.keys() | compensation.keys()
    }


def orm_loop(env, company, today, limit):
    """The obvious Odoo code for today, on the first ``limit`` customers:
    (figures per customer, customers, seconds)."""
    started = time.perf_counter()
    customers = env["res.partner"].search(
        [("name", "=like", PREFIX + " %")], order="id", limit=limit
    )
    lines = env["account.move.line"].search(
        [
            ("partner_id", "in", customers.ids),
            ("account_id.account_type", "=", "asset_receivable"),
            ("parent_state", "=", "posted"),
            ("reconciled", "=", False),
            ("company_id", "=", company.id),
        ]
    )
    periods = rate_periods(env)
    Aging = env["crm.receivable.aging"]
    rate_day = dict(Aging._crm_rate_days(today.replace(day=1)))
    Note = env["crm.interest.note.line"]
    Rate = env["res.currency.rate"]
    eur = env.ref("base.EUR")
    interest, invoices = defaultdict(Decimal), {}
    for line in lines:
        due = line.date_maturity or line.date
        if line.balance <= 0 or line.move_id.crm_interest_note or due >= today:
            continue
        partner = line.partner_id.commercial_partner_id
        kind = partner.crm_debtor_type or (
            "business" if partner.is_company or partner.vat else "consumer"
        )
        residual = Decimal(str(line.amount_residual))
        item = Decimal(0)
        if residual > 0:
            item += flow_interest(residual, due, today, periods[kind])
        for partial in line.matched_credit_ids:
            if due < partial.max_date <= today and not Note.search_count(
                [("partial_id", "=", partial.id)]
            ):
                amount = Decimal(str(partial.amount))
                item += flow_interest(amount, due, partial.max_date, periods[kind])
        interest[partner.id] += (item / YEAR).quantize(CENT, ROUND_HALF_UP)
        move = line.move_id
        if (
            residual > 0
            and move.move_type == "out_invoice"
            and company.currency_id == env.ref("base.PLN")
            and kind != "consumer"
            and (move.id not in invoices or due < invoices[move.id][1])
        ):
            invoices[move.id] = (
                partner.id,
                due,
                Decimal(str(move.amount_total_signed)),
            )
    compensation = defaultdict(Decimal)
    for partner, due, total in invoices.values():
        value = 40 if total <= 5000 else 70 if total < 50000 else 100
        rate = Rate.search(
            [
                ("currency_id", "=", eur.id),
                ("name", "=", rate_day[due.replace(day=1)]),
                ("company_id", "=", company.id),
            ],
            limit=1,
        ).rate
        compensation[partner] += (Decimal(value) / Decimal(str(rate))).quantize(
            CENT, ROUND_HALF_UP
        )
    result = {
        partner: (cents(interest.get(partner)), cents(compensation.get(partner)))
        for partner in interest.keys() | compensation.keys()
    }
    return result, customers, time.perf_counter() - started


def same(name, result, reference):
    """The customers whose figures differ from the reference (none expected;
    customers with nothing are left out of both)."""
    keep = {k: v for k, v in result.items() if any(v)}
    ref = {k: v for k, v in reference.items() if any(v)}
    differ = sorted(k for k in keep.keys() | ref.keys() if keep.get(k) != ref.get(k))
    if differ:
        print(
            f"  MISMATCH {name}: {len(differ)} customers differ, e.g. "
            + ", ".join(f"{k}: {keep.get(k)} != {ref.get(k)}" for k in differ[:3])
        )
    return not differ


def collection_run(env, company, as_of):
    """The collection run of every overdue customer, its letters made but not
    sent (no e-mail composed, no PDF rendered)."""

    def sent(demands, stage=None):
        demands.write({"state": "sent"})

    with patch.object(type(env["crm.payment.demand"]), "_crm_send", sent):
        run = env["crm.collection.run"].create(
            {"company_id": company.id, "date": as_of}
        )
        run._crm_execute()
    return len(run.demand_ids)


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument(
        "--loop-limit",
        type=int,
        default=0,
        help="the Python loop on the first N items only (0: all), per-item "
        "figures extrapolated; the comparison then covers the customers of those "
        "items only",
    )
    parser.add_argument(
        "--orm-customers",
        type=int,
        default=2000,
        help="customers of the obvious Odoo code (today), extrapolated to all",
    )
    parser.add_argument(
        "--drop-data",
        action="store_true",
        help="remove the book and its company at the end (keep the database)",
    )
    args = parser.parse_args()
    with bench_env(args, ["crm_analytics_collection"]) as env:
        company, made = bench_company(env)
        if made:
            env.cr.commit()
        env = env(context={**env.context, "allowed_company_ids": company.ids})
        make_book(env, company, args)
        today = datetime.date.today()
        env.cr.execute(
            "SELECT count(*) FROM account_move_line aml JOIN account_account a "
            "ON a.id = aml.account_id WHERE a.account_type = 'asset_receivable' "
            "AND aml.company_id = %s",
            company.ids,
        )
        print(f"book: {env.cr.fetchone()[0]} receivable lines in {COMPANY}")
        agree = True
        for label, as_of in (
            ("today", today),
            ("a year back", today - datetime.timedelta(days=365)),
        ):
            print(f"as of {label} ({as_of}):", flush=True)
            mine, t_ours, q_ours = best_of(env, lambda as_of=as_of: ours(env, as_of))
            floor, t_floor, _q = best_of(env, lambda as_of=as_of: bare_sql(env, as_of))
            (loop, items), t_loop, _q = best_of(
                env,
                lambda as_of=as_of: python_loop(env, as_of, args.loop_limit),
                runs=1,
            )
            customers = sum(1 for v in mine.values() if any(v))
            report_time(
                f"ours: interest + compensation ({customers} customers)",
                t_ours,
                q_ours,
            )
            report_time("bare SQL (the floor)", t_floor)
            if args.loop_limit:
                env.cr.execute(
                    SQL(
                        "WITH %s SELECT count(*) FROM items",
                        env["crm.receivable.aging"]._items_sql(as_of),
                    )
                )
                share = items / max(env.cr.fetchone()[0], 1)
                mine_cmp = {k: v for k, v in mine.items() if k in loop}
                t_loop_all = t_loop / max(share, 1e-9)
                report_time(f"Python loop over {items} items, extrapolated", t_loop_all)
                agree &= same("Python loop", loop, mine_cmp)
            else:
                t_loop_all = t_loop
                report_time(f"Python loop over {items} items", t_loop)
                agree &= same("Python loop", loop, mine)
            agree &= same("bare SQL", floor, mine)
            if as_of == today:
                env.invalidate_all()
                orm, sample, t_orm = orm_loop(env, company, today, args.orm_customers)
                # every customer of the company's book, whatever its name
                env.cr.execute(
                    "SELECT count(DISTINCT aml.partner_id) FROM account_move_line aml "
                    "JOIN account_account a ON a.id = aml.account_id "
                    "WHERE a.account_type = 'asset_receivable' AND aml.company_id = %s",
                    company.ids,
                )
                t_orm_all = t_orm * env.cr.fetchone()[0] / max(len(sample), 1)
                report_time(
                    f"Odoo's obvious code, {len(sample)} customers, extrapolated",
                    t_orm_all,
                )
                agree &= same(
                    "Odoo's obvious code",
                    orm,
                    {k: v for k, v in mine.items() if k in set(sample.ids)},
                )
                print(
                    f"  Odoo's obvious code / ours {ratio(t_orm_all, t_ours)} "
                    "(target >= 20x)"
                )
            total = sum(v[0] for v in mine.values()), sum(v[1] for v in mine.values())
            print(f"  totals: interest {total[0]}, compensation {total[1]}")
            # the loop reads the items with the aging's SQL: what is left is the
            # cost of the formula in Python against ours in SQL
            print(
                f"  ours / bare SQL {t_ours / t_floor:.2f} (target <= 1.5); "
                f"Python loop on the same items / ours {ratio(t_loop_all, t_ours)}"
            )
        letters, t_run, q_run = best_of(
            env, lambda: collection_run(env, company, today), runs=1
        )
        report_time(
            f"collection run, all overdue customers ({letters} letters)",
            t_run,
            q_run,
        )
        env.cr.rollback()
        if agree:
            print("all methods agree")
        if args.drop_data:
            print("dropping the bench book")
            drop_book(env, PREFIX)
            env.cr.commit()


if __name__ == "__main__":
    main()
