"""What every benchmark of bench/ shares: its database (made with the addons
it needs when it does not exist), the timer and the lines it prints.

    parser = bench_parser(__doc__)          # -d DB, [-c CONF], [--drop]
    args = parser.parse_args()
    with bench_env(args, ["crm_analytics"]) as env:
        result, seconds, queries = timed(env, lambda: ..., runs=2)
        report_time("ours", seconds, queries)
"""

import argparse
import contextlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import suite


def bench_parser(doc):
    """The arguments of every benchmark; add the benchmark's own to it."""
    parser = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "-d",
        "--database",
        required=True,
        help="the benchmark's database; made (with the addons it needs and demo "
        "data) when it does not exist",
    )
    parser.add_argument(
        "-c",
        "--config",
        help="Odoo configuration file (default: .odoo/<database>.conf, written "
        "when missing)",
    )
    parser.add_argument(
        "--drop",
        action="store_true",
        help="drop the database (and the configuration written for it) at the end",
    )
    return parser


def prepare_database(args, addons):
    """Return the configuration file of ``args.database`` after making the
    database, its configuration and the missing addons as needed."""
    odoo_addons = suite.find_odoo()
    suite.ensure_postgres()
    conf = (
        Path(args.config) if args.config else ROOT / ".odoo" / f"{args.database}.conf"
    )
    if not conf.exists():
        conf = suite.write_config(args.database, odoo_addons)
        args.config_written = conf
    exists = suite.database_exists(args.database)
    installed = set()
    if exists:
        rows = suite.psql(
            "SELECT name FROM ir_module_module WHERE state = 'installed'",
            dbname=args.database,
        )
        installed = {name for (name,) in rows}
    missing = [addon for addon in addons if addon not in installed]
    if missing:
        suite.install(conf, missing, update=False)
    return conf


@contextlib.contextmanager
def bench_env(args, addons, context=None):
    """A superuser environment on the benchmark's database (made if needed),
    in the main company; the transaction is the caller's to commit; the
    database is dropped at the end with ``--drop``."""
    import odoo
    from odoo.api import Environment
    from odoo.modules.registry import Registry
    from odoo.tools import config

    conf = prepare_database(args, addons)
    config.parse_config(["-c", str(conf), "-d", args.database, "--log-level=warn"])
    try:
        registry = Registry(args.database)
        with registry.cursor() as cr:
            env = Environment(cr, odoo.SUPERUSER_ID, dict(context or {}))
            company = env.ref("base.main_company")
            yield env(context={**env.context, "allowed_company_ids": [company.id]})
    finally:
        if args.drop:
            from odoo.sql_db import close_all

            close_all()
            suite.drop_database(args.database)
            if getattr(args, "config_written", None):
                args.config_written.unlink(missing_ok=True)
            print(f"dropped database {args.database}")


def timed(env, func, runs=1, commit=False):
    """Best time of ``runs`` runs of ``func`` (the ORM cache emptied and the
    ORM flushed for each), with the queries of the best run:
    ``(result, seconds, queries)``. With ``commit``, each run is committed
    after it is timed, as a cron commits its work: a second run in the same
    transaction would rewrite rows the first left uncommitted, each change
    a new row version the next statements step over."""
    result, best, queries = None, None, 0
    for _run in range(runs):
        env.invalidate_all()
        count = env.cr.sql_log_count
        started = time.perf_counter()
        result = func()
        env.flush_all()
        elapsed = time.perf_counter() - started
        if commit:
            env.cr.commit()
        if best is None or elapsed < best:
            best, queries = elapsed, env.cr.sql_log_count - count
    return result, best, queries


def report_time(label, seconds, queries=None, note="", width=52):
    """One timed line of a benchmark's report; returns it."""
    text = f"  {label:<{width}} {seconds:9.3f} s"
    if queries is not None:
        text += f" {queries:7d} queries"
    if note:
        text += f"  {note}"
    print(text, flush=True)
    return text


def ratio(slow, fast):
    """``slow / fast`` as printed beside a result (×)."""
    return f"{slow / fast:.1f}x" if fast else "n/a"
