"""Reads on a real streaming replica: where each statement of the suite runs.

Usage (needs PostgreSQL 15's server binaries; run as root or as postgres)::

    python3 bench/replica.py [--source crm_template] [--customers 2000] \\
        [--lines 20000] [--workers 2] [--seconds 30] [--keep]

Sets up, in a temporary directory, a primary PostgreSQL cluster (own port,
``pg_stat_statements`` loaded) holding a copy of ``--source`` (``pg_dump``)
with a receivables book of ``--customers``/``--lines`` (``bench/datagen.py``),
and its **hot standby** made by ``pg_basebackup -R`` (streaming replication,
second port). Starts Odoo with ``--workers`` and ``--db_replica_host/port``
on them, then for ``--seconds``:

- an accountant's web client: the receivables by age grouped by customer
  (today and as of a year back), its list, the History of the biggest customer;
- a manager's: the customer analysis (list, grouped by segment), the
  receivables grouped by bucket;
- a writer: PBX call events (ringing → answered → ended) and quotations.

Then prints, from ``pg_stat_statements`` of both clusters, how many
statements ran where, which of them read the analyses (``crm_receivable_aging``,
``crm_history``, ``crm_customer_value``, ``crm_rfm_segment``), the writes, the
top statements of each, and the clients' figures. Target: the primary runs
none of the analysis queries. Everything is stopped and removed at the end
(``--keep`` keeps the directory for a look).

Not in ``tests/test_bench.py``: it needs a second and third PostgreSQL
cluster, server binaries and minutes.
"""

import argparse
import json
import os
import pwd
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(HERE))

import suite

DB = "crm_replica_bench"
ANALYSES = (
    "crm_receivable_aging",
    "crm_history",
    "crm_customer_value",
    "crm_rfm_segment",
)


def pg_bindir():
    out = subprocess.run(
        ["pg_config", "--bindir"], check=False, capture_output=True, text=True
    )
    for candidate in (out.stdout.strip(), "/usr/lib/postgresql/15/bin"):
        if candidate and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    raise SystemExit("PostgreSQL server binaries (pg_ctl, initdb) not found")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """A PostgreSQL cluster of ours, run as the postgres system user."""

    def __init__(self, bindir, directory, port, sockdir):
        self.bindir, self.dir, self.port, self.sockdir = (
            bindir,
            directory,
            port,
            sockdir,
        )
        self.user = "postgres" if os.geteuid() == 0 else None

    def run(self, *cmd, **kwargs):
        cmd = [str(self.bindir / cmd[0]), *cmd[1:]]
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        return subprocess.run(cmd, check=True, **kwargs)

    def initdb(self):
        self.run(
            "initdb",
            "-D",
            str(self.dir),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            stdout=subprocess.DEVNULL,
        )
        with open(self.dir / "postgresql.conf", "a") as conf:
            conf.write(
                f"\nport = {self.port}\nlisten_addresses = ''\n"
                f"unix_socket_directories = '{self.sockdir}'\n"
                "shared_preload_libraries = 'pg_stat_statements'\n"
                "pg_stat_statements.track = all\nwal_level = replica\n"
                "max_wal_senders = 4\nhot_standby = on\nfsync = off\n"
                "synchronous_commit = off\nmax_connections = 200\n"
            )

    def start(self):
        self.run(
            "pg_ctl",
            "-D",
            str(self.dir),
            "-l",
            str(self.dir / "server.log"),
            "-w",
            "start",
            stdout=subprocess.DEVNULL,
        )

    def stop(self):
        if (self.dir / "postmaster.pid").exists():
            self.run(
                "pg_ctl",
                "-D",
                str(self.dir),
                "-m",
                "fast",
                "-w",
                "stop",
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def psql(self, sql, db=DB):
        out = subprocess.run(
            [
                "psql",
                "-h",
                str(self.sockdir),
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                db,
                "-AtX",
                "-F",
                "\t",
                "-c",
                sql,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return [line.split("\t") for line in out.stdout.splitlines() if line]


def odoo_config(tmp, primary, replica, http_port, workers):
    conf = tmp / "odoo.conf"
    conf.write_text(
        "\n".join(
            [
                "[options]",
                f"addons_path = {','.join([str(ROOT), *suite.find_odoo()])}",
                f"data_dir = {tmp / 'data'}",
                f"db_name = {DB}",
                f"dbfilter = ^{DB}$",
                "list_db = False",
                f"db_host = {primary.sockdir}",
                f"db_port = {primary.port}",
                "db_user = odoo_bench",
                f"db_replica_host = {replica.sockdir}",
                f"db_replica_port = {replica.port}",
                "http_interface = 127.0.0.1",
                f"http_port = {http_port}",
                f"workers = {workers}",
                "max_cron_threads = 0",
                "limit_time_real = 600",
                "limit_time_cpu = 600",
                "log_level = warn",
            ]
        )
        + "\n"
    )
    return conf


SETUP = r"""
import json, sys
sys.path.insert(0, {bench!r})
import odoo
from odoo.tools import config
config.parse_config(["-c", {conf!r}, "--log-level=warn"])
from odoo.api import Environment
from odoo.modules.registry import Registry
from datagen import generate_book
with Registry({db!r}).cursor() as cr:
    env = Environment(cr, odoo.SUPERUSER_ID, {{}})
    company = env.ref("base.main_company")
    env = env(context={{"allowed_company_ids": [company.id]}})
    generate_book(env, {customers}, {lines}, verbose=False)
    users = {{}}
    for login, groups in (
        ("bench_accountant", ["account.group_account_manager", "base.group_user"]),
        ("bench_manager", ["sales_team.group_sale_manager",
                           "account.group_account_readonly", "base.group_user"]),
        ("bench_writer", ["sales_team.group_sale_manager", "base.group_user"]),
    ):
        Users = env["res.users"]
        user = Users.search([("login", "=", login)]) or Users.create(
            {{"login": login, "name": login, "password": login,
              "group_ids": [(6, 0, [env.ref(g).id for g in groups])],
              "company_id": company.id, "company_ids": [(6, 0, company.ids)]}})
    pbx = env["crm.pbx"].create({{"name": "Replica bench", "company_id": company.id}})
    key = pbx._generate_key()
    cr.execute("SELECT partner_id FROM account_move_line WHERE partner_id IS NOT NULL "
               "GROUP BY partner_id ORDER BY count(*) DESC LIMIT 1")
    big = cr.fetchone()[0]
    env["crm.customer.value"]._crm_refresh(company, full=True)
    print(json.dumps({{"key": key, "big": big, "company": company.id}}))
"""


class Client:
    def __init__(self, base, login, company):
        self.base, self.company = base, company
        self.session = requests.Session()
        self.times, self.errors = {}, []
        self.call(
            "/web/session/authenticate", {"db": DB, "login": login, "password": login}
        )

    def call(self, route, params, label=None):
        started = time.perf_counter()
        try:
            answer = self.session.post(
                self.base + route,
                json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
                timeout=300,
            ).json()
            if "error" in answer:
                self.errors.append(
                    f"{label}: {answer['error']['data']['message'][:120]}"
                )
        except (requests.RequestException, ValueError) as error:
            self.errors.append(f"{label}: {error}")
            answer = {}
        if label:
            self.times.setdefault(label, []).append(time.perf_counter() - started)
        return answer.get("result")

    def kw(self, model, method, label, context=None, **kwargs):
        context = {
            "allowed_company_ids": [self.company],
            "lang": "en_US",
            **(context or {}),
        }
        return self.call(
            f"/web/dataset/call_kw/{model}.{method}",
            {
                "model": model,
                "method": method,
                "args": kwargs.pop("args", []),
                "kwargs": {**kwargs, "context": context},
            },
            label,
        )


def aging_grouped(client, groupby, label, as_of=None):
    context = {"crm_aging_date": as_of} if as_of else {}
    client.kw(
        "crm.receivable.aging",
        "web_read_group",
        label,
        context,
        domain=[],
        groupby=groupby,
        limit=80,
        aggregates=[
            "amount_residual:sum",
            "amount_not_due:sum",
            "amount_1_30:sum",
            "amount_over_180:sum",
        ],
    )


def accountant(client, big, year_back, stop):
    while not stop.is_set():
        aging_grouped(client, ["partner_id"], "aging by customer")
        aging_grouped(client, ["partner_id"], "aging a year back", year_back)
        client.kw(
            "crm.receivable.aging",
            "web_search_read",
            "aging list",
            specification={"partner_id": {}, "bucket": {}, "amount_residual": {}},
            domain=[],
            limit=80,
        )
        client.kw(
            "crm.history",
            "web_search_read",
            "History of a big customer",
            specification={"date": {}, "name": {}},
            domain=[("partner_id", "=", big)],
            limit=80,
        )


def manager(client, stop):
    while not stop.is_set():
        client.kw(
            "crm.customer.value",
            "web_search_read",
            "customer analysis list",
            specification={"partner_id": {}, "revenue": {}, "segment_id": {}},
            domain=[],
            limit=80,
        )
        client.kw(
            "crm.customer.value",
            "web_read_group",
            "customer analysis by segment",
            domain=[],
            groupby=["segment_id"],
            aggregates=["revenue:sum"],
        )
        aging_grouped(client, ["bucket"], "aging by bucket")


def writer(client, base, key, customer, stop):
    headers = {"Authorization": f"Bearer {key}"}
    times, errors = client.times, client.errors
    while not stop.is_set():
        call_id = uuid.uuid4().hex
        for event in ("ringing", "answered", "ended"):
            started = time.perf_counter()
            answer = requests.post(
                f"{base}/crm_contacts_ext/pbx/event",
                headers=headers,
                json={"call_id": call_id, "event": event, "caller": "+48601234567"},
                timeout=60,
            )
            times.setdefault("call event (write)", []).append(
                time.perf_counter() - started
            )
            if answer.status_code != 200:
                errors.append(f"event: {answer.status_code}")
        client.kw(
            "sale.order", "create", "quotation (write)", args=[{"partner_id": customer}]
        )


def statements(cluster):
    rows = cluster.psql(
        "SELECT s.calls, round(s.total_exec_time::numeric, 1), "
        "regexp_replace(left(s.query, 300), '\\s+', ' ', 'g') "
        "FROM pg_stat_statements s "
        f"JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '{DB}' "
        "ORDER BY s.total_exec_time DESC"
    )
    return [(int(calls), float(ms), query) for calls, ms, query in rows]


def summary(name, rows):
    def kind(query):
        lower = query.lower()
        if any(table in lower for table in ANALYSES):
            return "analysis"
        if lower.lstrip().startswith(("insert", "update", "delete")):
            return "write"
        return "other"

    totals = {"analysis": [0, 0.0], "write": [0, 0.0], "other": [0, 0.0]}
    for calls, ms, query in rows:
        totals[kind(query)][0] += calls
        totals[kind(query)][1] += ms
    print(
        f"\n{name}: {sum(c for c, _m, _q in rows)} statements, "
        f"{sum(m for _c, m, _q in rows) / 1000:.1f} s of execution"
    )
    for label, (calls, ms) in totals.items():
        print(f"  {label + ' statements':<22} {calls:8d} calls {ms / 1000:9.2f} s")
    print("  top statements:")
    for calls, ms, query in rows[:5]:
        print(f"    {ms / 1000:8.2f} s {calls:6d}x  [{kind(query)}] {query[:90]}")
    return totals


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--source",
        default="crm_template",
        help="database copied into the primary (every addon installed)",
    )
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--lines", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    bindir = pg_bindir()
    tmp = Path(tempfile.mkdtemp(prefix="crm_replica_"))
    os.chmod(tmp, 0o777)
    if os.geteuid() == 0:
        pg = pwd.getpwnam("postgres")
        os.chown(tmp, pg.pw_uid, pg.pw_gid)
    primary = Cluster(bindir, tmp / "primary", free_port(), tmp)
    replica = Cluster(bindir, tmp / "replica", free_port(), tmp)
    server = None
    try:
        started = time.perf_counter()
        primary.initdb()
        primary.start()
        # Odoo refuses to connect as postgres
        primary.psql("CREATE ROLE odoo_bench LOGIN SUPERUSER", db="postgres")
        primary.psql(f"CREATE DATABASE {DB} OWNER odoo_bench", db="postgres")
        dump = subprocess.Popen(
            ["pg_dump", "--no-owner", "--no-privileges", "-d", args.source],
            stdout=subprocess.PIPE,
        )
        subprocess.run(
            [
                "psql",
                "-h",
                str(tmp),
                "-p",
                str(primary.port),
                "-U",
                "postgres",
                "-d",
                DB,
                "-qX",
                "-v",
                "ON_ERROR_STOP=0",
            ],
            stdin=dump.stdout,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        dump.wait()
        filestore = (
            ROOT.parent.parent / "main" / ".odoo" / "data" / "filestore" / args.source
        )
        for candidate in (
            ROOT / ".odoo" / "data" / "filestore" / args.source,
            filestore,
        ):
            if candidate.exists():
                shutil.copytree(candidate, tmp / "data" / "filestore" / DB)
                break
        primary.psql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        http_port = free_port()
        conf = odoo_config(tmp, primary, replica, http_port, args.workers)
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                SETUP.format(
                    bench=str(HERE),
                    conf=str(conf),
                    db=DB,
                    customers=args.customers,
                    lines=args.lines,
                ),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        setup = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"primary on port {primary.port}: copy of {args.source}, "
            f"{args.customers} customers, {args.lines} receivable lines "
            f"({time.perf_counter() - started:.0f} s)"
        )
        replica.run(
            "pg_basebackup",
            "-h",
            str(tmp),
            "-p",
            str(primary.port),
            "-U",
            "postgres",
            "-D",
            str(replica.dir),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        )
        with open(replica.dir / "postgresql.auto.conf", "a") as conf_file:
            conf_file.write(f"\nport = {replica.port}\n")
        replica.start()
        ((in_recovery,),) = replica.psql("SELECT pg_is_in_recovery()")
        ((senders,),) = primary.psql(
            "SELECT count(*) FROM pg_stat_replication", db="postgres"
        )
        print(
            f"hot standby on port {replica.port}: in recovery {in_recovery}, "
            f"streaming from the primary: {senders} WAL sender(s)"
        )

        log = (tmp / "odoo.log").open("w")
        server = subprocess.Popen(
            [sys.executable, "-m", "odoo", "-c", str(conf)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{http_port}"
        for _attempt in range(240):
            try:
                if requests.get(base + "/web/login", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit("Odoo did not start: see " + str(tmp / "odoo.log"))
        print(
            f"Odoo on port {http_port} with --workers={args.workers}, "
            "--db_replica_host/--db_replica_port set"
        )

        clients = {
            "accountant": Client(base, "bench_accountant", setup["company"]),
            "manager": Client(base, "bench_manager", setup["company"]),
            "writer": Client(base, "bench_writer", setup["company"]),
        }
        # warm up (registry, caches) before the counters start
        stop = threading.Event()
        stop.set()
        year_back = time.strftime("%Y-%m-%d", time.localtime(time.time() - 365 * 86400))
        for cluster in (primary, replica):
            cluster.psql("SELECT pg_stat_statements_reset()")
        stop = threading.Event()
        threads = [
            threading.Thread(
                target=accountant,
                args=(clients["accountant"], setup["big"], year_back, stop),
            ),
            threading.Thread(target=manager, args=(clients["manager"], stop)),
            threading.Thread(
                target=writer,
                args=(clients["writer"], base, setup["key"], setup["big"], stop),
            ),
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        stop.set()
        for thread in threads:
            thread.join()

        print(f"\nclients for {args.seconds} s:")
        for name, client in clients.items():
            for label, times in client.times.items():
                times = sorted(times)
                print(
                    f"  {name:<11} {label:<32} {len(times):5d} calls  "
                    f"p50 {statistics.median(times) * 1000:7.0f} ms  "
                    f"max {times[-1] * 1000:7.0f} ms"
                )
            for error in client.errors[:5]:
                print(f"  {name:<11} ERROR {error}")
        errors = sum(len(client.errors) for client in clients.values())
        primary_totals = summary("primary", statements(primary))
        replica_totals = summary("replica", statements(replica))
        on_primary = primary_totals["analysis"][0]
        print(
            f"\nanalysis statements: {on_primary} on the primary, "
            f"{replica_totals['analysis'][0]} on the replica; errors {errors} -> "
            + (
                "OK: the primary ran none"
                if not on_primary and not errors
                else "FAILED"
            )
        )
        return 0 if not on_primary and not errors else 1
    finally:
        if server:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        replica.stop()
        primary.stop()
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
