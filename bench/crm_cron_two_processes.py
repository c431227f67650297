"""The nightly jobs run by two Odoo processes at once, and by a process killed
halfway (SIGKILL) then started again: nothing may be done twice.

Usage (the database is made, with the addons it needs, when missing)::

    python3 bench/crm_cron_two_processes.py -d crm_bench_cron [-n 50000] [--drop]

Inserts N documents (SQL) whose reminders are due today, then:

1. *two processes*: the document cron (statuses, reminders), the customer
   analysis and the products-bought-together refreshes are made due; two Odoo
   processes run Odoo's cron loop (``ir.cron._process_jobs``, what each cron
   worker runs; jobs are taken with ``FOR NO KEY UPDATE SKIP LOCKED``) on the
   database at the same time;
2. *kill*: the same again with one process, stopped with SIGKILL while it is
   creating the reminders (between two committed batches), then a new process.

After each run it counts what must exist once: one activity per document and
deadline, each document in exactly one reminder e-mail, one customer-analysis
row per customer and company, one row per product pair; and prints the
figures. Exit status 1 when anything is duplicated or missing.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from common import bench_env, bench_parser

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CRONS = (
    "crm_document_deadlines.ir_cron_document_daily",
    "crm_analytics.ir_cron_crm_customer_value_refresh",
    "crm_analytics.ir_cron_crm_basket_refresh",
)


def worker(database, config):
    """One Odoo process running the cron loop until no job is due."""
    import odoo  # noqa: F401
    from odoo.tools import config as odoo_config

    odoo_config.parse_config(["-c", config, "-d", database, "--log-level=warn"])
    from odoo import sql_db
    from odoo.modules.registry import Registry

    from odoo.addons.base.models.ir_cron import IrCron

    Registry(database)
    with sql_db.db_connect(database).cursor() as cron_cr:
        cron_cr.execute(
            "SELECT res_id FROM ir_model_data WHERE model = 'ir.cron' "
            "AND module || '.' || name = ANY(%s)",
            [list(CRONS)],
        )
        ids = [row[0] for row in cron_cr.fetchall()]
        # the nightly crons only (the database's other crons would call the
        # network): what a cron worker's loop does with the ready ones
        for _round in range(3):
            IrCron._process_jobs_loop(cron_cr, job_ids=ids)


def cron_ids(env):
    ids = []
    for xmlid in CRONS:
        cron = env.ref(xmlid, raise_if_not_found=False)
        if cron:
            ids.append(cron.id)
    return ids


def make_due(env):
    """The nightly crons due now; the reminders of the bench documents owed."""
    env.cr.execute(
        "UPDATE ir_cron SET nextcall = now() at time zone 'UTC' - interval '1 minute', "
        "active = TRUE WHERE id = ANY(%s)",
        [cron_ids(env)],
    )
    env.cr.execute(
        "DELETE FROM ir_cron_progress WHERE cron_id = ANY(%s)", [cron_ids(env)]
    )
    env.cr.execute(
        "DELETE FROM mail_activity WHERE res_model = 'crm.document' AND res_id IN "
        "(SELECT id FROM crm_document WHERE name LIKE 'BENCH/%%')"
    )
    env.cr.execute(
        "DELETE FROM mail_message WHERE subject LIKE 'Document deadlines%%' "
        "OR subject LIKE 'Terminy dokumentów%%'"
    )
    env.cr.execute(
        "UPDATE crm_document SET expiry_reminded = FALSE, notice_reminded = FALSE, "
        "state = 'active' WHERE name LIKE 'BENCH/%%'"
    )
    env.cr.commit()


def count(env):
    """What the runs produced, and what appears more than once."""
    cr = env.cr
    cr.execute(
        """SELECT count(*), count(DISTINCT (res_id, activity_type_id, date_deadline))
             FROM mail_activity a JOIN crm_document d ON d.id = a.res_id
            WHERE a.res_model = 'crm.document' AND d.name LIKE 'BENCH/%%'"""
    )
    activities, distinct_activities = cr.fetchone()
    # each reminded document (and deadline) must be listed in one e-mail
    cr.execute(
        """SELECT count(*) FROM mail_message
            WHERE subject LIKE 'Document deadlines%%'
               OR subject LIKE 'Terminy dokumentów%%'"""
    )
    (mails,) = cr.fetchone()
    cr.execute(
        r"""SELECT count(*), count(DISTINCT line)
              FROM (SELECT m.id, (regexp_matches(m.body::text,
                           '/odoo/crm\.document/(\d+)">[^<]*</a>: ([^<]*)<', 'g'))::text
                           AS line
                      FROM mail_message m
                     WHERE m.subject LIKE 'Document deadlines%%'
                        OR m.subject LIKE 'Terminy dokumentów%%') lines"""
    )
    mail_lines, distinct_mail_lines = cr.fetchone()
    cr.execute(
        "SELECT count(*), count(DISTINCT (company_id, partner_id)) "
        "FROM crm_customer_value"
    )
    values, distinct_values = cr.fetchone()
    cr.execute(
        "SELECT count(*), count(DISTINCT (company_id, product_id, other_product_id)) "
        "FROM crm_basket_pair"
    )
    pairs, distinct_pairs = cr.fetchone()
    cr.execute(
        "SELECT count(*) FROM ir_cron WHERE id = ANY(%s) "
        "AND nextcall <= now() at time zone 'UTC'",
        [cron_ids(env)],
    )
    (still_due,) = cr.fetchone()
    cr.rollback()
    return {
        "activities": (activities, distinct_activities),
        "reminder e-mails": (mails, mails),
        "documents listed in e-mails": (mail_lines, distinct_mail_lines),
        "customer analysis rows": (values, distinct_values),
        "product pair rows": (pairs, distinct_pairs),
        "crons still due": (still_due, 0),
    }


def report(title, figures, expected_activities, seconds):
    print(f"\n{title} ({seconds:.1f} s)", flush=True)
    ok = True
    for label, (total, distinct) in figures.items():
        duplicated = total - distinct if label != "crons still due" else 0
        print(f"  {label:<32} {total:8d}   duplicated {duplicated}")
        ok &= duplicated == 0
    ok &= figures["crons still due"][0] == 0
    if expected_activities is not None:
        missing = expected_activities - figures["activities"][1]
        listed = figures["documents listed in e-mails"][1]
        print(f"  {'activities missing':<32} {missing:8d}")
        print(
            f"  {'activities not in any e-mail':<32} "
            f"{figures['activities'][1] - listed:8d}"
        )
        ok &= missing == 0 and listed == figures["activities"][1]
    print("  " + ("nothing duplicated, nothing missing" if ok else "FAILED"))
    return ok


def spawn(args, config):
    return subprocess.Popen(
        [sys.executable, __file__, "-d", args.database, "--worker", "-c", str(config)],
        cwd=HERE.parent,
    )


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("-n", type=int, default=50000, help="documents (default 50000)")
    parser.add_argument("--worker", action="store_true", help=argparse_hidden())
    args = parser.parse_args()
    if args.worker:
        worker(args.database, args.config)
        return 0
    from crm_document_deadlines_cron import insert_documents

    ok = True
    with bench_env(
        args, ["crm_document_deadlines", "crm_analytics"], {"tracking_disable": True}
    ) as env:
        from common import prepare_database

        config = prepare_database(args, [])
        env.cr.execute("SELECT count(*) FROM crm_document WHERE name LIKE 'BENCH/%%'")
        existing = env.cr.fetchone()[0]
        if existing > args.n:
            # a DELETE would be slow (foreign keys): the extra ones are set aside
            env.cr.execute(
                "UPDATE crm_document SET name = 'OLD' || name, confirmed = FALSE, "
                "state = 'draft' WHERE id IN (SELECT id FROM crm_document "
                "WHERE name LIKE 'BENCH/%%' ORDER BY id OFFSET %s)",
                [args.n],
            )
        elif existing < args.n:
            env.cr.execute(
                "UPDATE crm_document SET name = 'OLD' || name "
                "WHERE name LIKE 'BENCH/%%'"
            )
            insert_documents(env, args.n)
        env.cr.commit()
        print(f"{args.n} documents; crons: {', '.join(CRONS)}")

        # 1. two processes at once
        make_due(env)
        started = time.perf_counter()
        processes = [spawn(args, config), spawn(args, config)]
        for process in processes:
            process.wait()
        first = count(env)
        expected = first["activities"][1]
        ok &= report(
            "two processes at once", first, None, time.perf_counter() - started
        )

        # 2. one process killed while it writes the reminders, then another
        make_due(env)
        started = time.perf_counter()
        victim = spawn(args, config)
        seen = 0
        while victim.poll() is None:
            # the first committed batch of the document cron (statuses, then
            # reminders): the process dies in the middle of its work
            env.cr.execute(
                "SELECT COALESCE(max(p.done), 0) FROM ir_cron_progress p "
                "WHERE p.cron_id = %s AND p.create_date > now() at time zone 'UTC' "
                "- interval '1 hour'",
                [env.ref(CRONS[0]).id],
            )
            seen = env.cr.fetchone()[0]
            env.cr.rollback()
            if seen:
                os.kill(victim.pid, signal.SIGKILL)
                victim.wait()
                break
            time.sleep(0.05)
        print(f"\n  killed with SIGKILL after {seen} documents were committed")
        spawn(args, config).wait()
        ok &= report(
            "killed halfway, then run again",
            count(env),
            expected,
            time.perf_counter() - started,
        )
    return 0 if ok else 1


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    sys.exit(main())
