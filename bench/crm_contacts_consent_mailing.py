"""Benchmark of crm_contacts_consent: who of a large mailing may be e-mailed.

Usage (the database is made, with the addons it needs, when missing)::

    python3 bench/crm_contacts_consent_mailing.py -d crm_bench_consent \\
        [--recipients 500000] [--sample 2000]

Inserts RECIPIENTS contacts by SQL (one INSERT … SELECT generate_series) and
their consent history for e-mail marketing: 55 % gave it, 15 % gave then
withdrew it, 10 % gave it so long ago that it expired, 5 % await their e-mail
confirmation, 15 % never agreed. Everything is rolled back at the end.

Times, on the same recipients:
- ours: one SQL query over the register's index (``_crm_allowed_partner_sql``,
  the latest line per contact, channel and purpose) for the whole mailing;
- ours per batch: ``_crm_consent_states`` for each batch of 50 recipients, the
  way the mailing glue checks every batch at send time;
- the obvious alternative: a Python check per recipient (``search`` of its
  latest line, then its state and expiry), timed on SAMPLE recipients and
  extrapolated to all of them (all of them at 500k would take an hour).
Both answers are compared on the sample (MISMATCH is printed if they differ).
"""

import math
import random
import time

from common import bench_env, bench_parser, ratio, report_time

from odoo import fields
from odoo.tools import SQL

PREFIX = "ConsentBench "


def insert_data(env, count, channel, purpose, text):
    cr = env.cr
    cr.execute(
        SQL(
            """
            INSERT INTO res_partner (name, complete_name, active, is_company, type,
                                     autopost_bills, email, email_normalized,
                                     create_date, write_date)
            SELECT %(prefix)s || i, %(prefix)s || i, true, false, 'contact', 'ask',
                   'bench' || i || '@example.com', 'bench' || i || '@example.com',
                   now(), now()
            FROM generate_series(1, %(count)s) i
            """,
            prefix=PREFIX,
            count=count,
        )
    )
    cr.execute(
        SQL(
            "UPDATE res_partner SET commercial_partner_id = id "
            "WHERE name LIKE %s AND commercial_partner_id IS NULL",
            PREFIX + "%",
        )
    )
    # bucket = id % 20: 0-10 given, 11-13 given then withdrawn, 14-15 expired,
    # 16 pending, 17-19 nothing
    common = SQL(
        "channel_id, purpose_id, text_id, method, user_id, company_id, "
        "create_uid, create_date, write_uid, write_date"
    )
    values = SQL(
        "%s, %s, %s, 'web', %s, %s, %s, now(), %s, now()",
        channel.id,
        purpose.id,
        text.id,
        env.uid,
        env.company.id,
        env.uid,
        env.uid,
    )
    partners = SQL(
        "SELECT id, id %% 20 AS bucket FROM res_partner WHERE name LIKE %s",
        PREFIX + "%",
    )
    cr.execute(
        SQL(
            "INSERT INTO crm_consent (partner_id, state, date, expiry_date, %s) "
            "SELECT p.id, CASE WHEN p.bucket = 16 THEN 'pending' ELSE 'given' END, "
            "CASE WHEN p.bucket IN (14, 15) THEN now() - interval '30 months' "
            "ELSE now() - interval '60 days' END, "
            "CASE WHEN p.bucket = 16 THEN NULL WHEN p.bucket IN (14, 15) "
            "THEN now() - interval '6 months' ELSE now() + interval '22 months' END, "
            "%s FROM (%s) p WHERE p.bucket <= 16",
            common,
            values,
            partners,
        )
    )
    cr.execute(
        SQL(
            "INSERT INTO crm_consent (partner_id, state, date, %s) "
            "SELECT p.id, 'withdrawn', now() - interval '10 days', %s "
            "FROM (%s) p WHERE p.bucket BETWEEN 11 AND 13",
            common,
            values,
            partners,
        )
    )
    cr.execute("ANALYZE res_partner")
    cr.execute("ANALYZE crm_consent")


def python_check(Consent, partner_id, channel, purpose, now):
    """The obvious way: the latest decision of the recipient, then its state."""
    line = Consent.search(
        [
            ("partner_id", "=", partner_id),
            ("channel_id", "=", channel.id),
            ("purpose_id", "=", purpose.id),
            ("state", "!=", "pending"),
        ],
        order="date desc, id desc",
        limit=1,
    )
    return bool(
        line
        and line.state == "given"
        and (not line.expiry_date or line.expiry_date > now)
    )


def print_growth(env, Consent, ids, channel, purpose):
    """The single query over the first 10, 30 and 100 % of the recipients, and
    the exponent k of time ~ recipients^k (least squares on the logs)."""
    points = []
    for share in (0.1, 0.3, 1.0):
        last = ids[max(int(len(ids) * share), 1) - 1]
        subset = SQL(
            "SELECT id FROM res_partner WHERE name LIKE %s AND id <= %s",
            PREFIX + "%",
            last,
        )
        best = None
        for _run in range(2):  # the second run: warm caches, as the others
            started = time.perf_counter()
            env.cr.execute(Consent._crm_allowed_partner_sql(subset, channel, purpose))
            env.cr.fetchall()
            elapsed = time.perf_counter() - started
            best = elapsed if best is None else min(best, elapsed)
        points.append((max(int(len(ids) * share), 1), best))
    xs = [math.log(n) for n, _t in points]
    ys = [math.log(max(t, 1e-6)) for _n, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    k = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    sizes = ", ".join(f"{n} {t:.3f} s" for n, t in points)
    print(f"growth of the single query: {sizes}; k = {k:.2f} (linear = 1)")


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("--recipients", type=int, default=500_000)
    parser.add_argument("--sample", type=int, default=2_000)
    args = parser.parse_args()
    with bench_env(args, ["crm_contacts_consent"]) as env:
        Consent = env["crm.consent"]
        channel = env.ref("crm_contacts_consent.channel_email")
        purpose = env.ref("crm_contacts_consent.purpose_marketing")
        text = purpose.current_text_id
        started = time.perf_counter()
        insert_data(env, args.recipients, channel, purpose, text)
        print(
            f"{args.recipients} recipients and their consents inserted in "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )
        env.cr.execute(
            SQL(
                "SELECT id FROM res_partner WHERE name LIKE %s ORDER BY id",
                PREFIX + "%",
            )
        )
        ids = [row[0] for row in env.cr.fetchall()]
        recipients = SQL("SELECT id FROM res_partner WHERE name LIKE %s", PREFIX + "%")

        env.invalidate_all()
        count = env.cr.sql_log_count
        started = time.perf_counter()
        env.cr.execute(Consent._crm_allowed_partner_sql(recipients, channel, purpose))
        allowed = {row[0] for row in env.cr.fetchall()}
        ours = time.perf_counter() - started
        ours_queries = env.cr.sql_log_count - count
        report_time(
            f"ours: one SQL query ({len(allowed)} of {len(ids)} may be mailed)",
            ours,
            ours_queries,
        )

        env.invalidate_all()
        started = time.perf_counter()
        batched = set()
        for start in range(0, len(ids), 50):
            states = Consent._crm_consent_states(
                ids[start : start + 50], channel, purpose
            )
            batched.update(pid for pid, state in states.items() if state == "given")
        per_batch = time.perf_counter() - started
        report_time("ours per batch of 50 (as the send checks)", per_batch)
        if batched != allowed:
            print("MISMATCH between the single query and the batches")

        rng = random.Random(398)
        sample = rng.sample(ids, min(args.sample, len(ids)))
        now = fields.Datetime.now()
        env.invalidate_all()
        count = env.cr.sql_log_count
        started = time.perf_counter()
        naive_allowed = {
            pid for pid in sample if python_check(Consent, pid, channel, purpose, now)
        }
        naive_sample = time.perf_counter() - started
        naive_queries = env.cr.sql_log_count - count
        naive = naive_sample * len(ids) / len(sample)
        report_time(
            f"Python check per recipient ({len(sample)} timed)",
            naive_sample,
            naive_queries,
        )
        report_time(f"  extrapolated to {len(ids)} recipients", naive)
        if naive_allowed != allowed & set(sample):
            print("MISMATCH between the Python check and the SQL query")
        print(f"ratio  naive / ours         {ratio(naive, ours)}")
        print(f"ratio  naive / ours (batch) {ratio(naive, per_batch)}")
        print_growth(env, Consent, ids, channel, purpose)
        env.cr.rollback()


if __name__ == "__main__":
    main()
