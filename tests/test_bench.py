"""Every benchmark of bench/ runs at a tiny size, exactly as bench/README.md
tells a newcomer to run it (``-d DB``: the database is made when missing,
``--drop`` removes it), so that none of them rots unnoticed. Figures at this
size mean nothing; what is checked is that each runs to the end and that its
methods agree where it compares them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import suite

# per run: two test runs at once on one PostgreSQL must not share it
DATABASE = f"crm_bench_tiny_{os.getpid()}"
# script, tiny-size arguments, a line its report ends with when all went well
BENCHMARKS = [
    ("crm_document_deadlines_cron.py", ["-n", "200"], "ratio  naive / ours"),
    (
        "crm_service_warranty_history.py",
        ["-n", "200", "-m", "2000"],
        "ratio  naive / ours",
    ),
    ("crm_contacts_ext_history.py", ["-n", "400", "--noise", "1000"], "open a line"),
    (
        "crm_contacts_registers_recheck.py",
        ["-n", "200", "--naive-limit", "50"],
        "rows/partner",
    ),
    (
        "crm_contacts_ext_callerid.py",
        ["--partners", "2000", "--lookups", "20"],
        "partial (last 6 digits)",
    ),
    (
        "crm_analytics_aging.py",
        ["--customers", "200", "--lines", "2000", "--no-oca", "--drop-data"],
        "XLSX of all customers",
    ),
    (
        "crm_analytics_segments.py",
        [
            *("--customers", "200", "--orders", "1000", "--lines", "3000"),
            *("--products", "50", "--new-orders", "50", "--drop-data"),
        ],
        "all methods agree",
    ),
    (
        "crm_contacts_consent_mailing.py",
        ["--recipients", "400", "--sample", "100"],
        "ratio  naive / ours",
    ),
    (
        "crm_contacts_visits_week.py",
        ["--users", "10", "--visits", "500"],
        "ratio  Odoo's calendar / ours",
    ),
    (
        "crm_analytics_collection_interest.py",
        ["--customers", "200", "--lines", "2000", "--drop-data"],
        "all methods agree",
    ),
    (
        "crm_analytics_repurchase.py",
        [
            *("--customers", "200", "--orders", "1000", "--lines", "3000"),
            *("--products", "50", "--new-orders", "50", "--sizes", "50,100"),
            "--drop-data",
        ],
        "all methods agree",
    ),
]


@pytest.fixture(scope="module")
def bench_database():
    """One database with every addon for all the benchmarks (each would make
    its own with the addons it needs; one install instead of six)."""
    suite.drop_database(DATABASE)
    conf = suite.write_config(DATABASE, suite.find_odoo())
    suite.install(conf, [a for a in suite.ADDONS if a not in suite.WITH_DEMO_COMPANY])
    yield DATABASE
    suite.drop_database(DATABASE)
    conf.unlink(missing_ok=True)


@pytest.mark.parametrize(("script", "arguments", "last_line"), BENCHMARKS)
def test_benchmark_runs_as_documented(bench_database, script, arguments, last_line):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "-d", bench_database]
        + arguments,
        check=False,
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-3000:]
    assert last_line in proc.stdout, output[-3000:]
    assert "MISMATCH" not in proc.stdout, output[-3000:]


def test_drop_removes_what_the_benchmark_made(tmp_path):
    """``--drop`` on a database the benchmark made itself leaves nothing."""
    database = f"{DATABASE}_drop"
    suite.drop_database(database)
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "crm_document_deadlines_cron.py"),
            *("-d", database, "-n", "20", "--drop"),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    assert f"dropped database {database}" in proc.stdout
    assert not suite.database_exists(database)
    assert not (ROOT / ".odoo" / f"{database}.conf").exists()
