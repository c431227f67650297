"""The PBX endpoints under load: a real Odoo server with ``--workers``.

Usage (the database is made, with the addons it needs, when missing)::

    python3 bench/crm_contacts_ext_pbx_load.py -d crm_bench_callerid \\
        [--partners 1000000] [--identify 10000] [--calls 2000] \\
        [--clients 1,10,50] [--workers 4]

On the caller-ID benchmark's partners (``crm_contacts_ext_callerid.py``'s
numbers in five formats), starts Odoo with ``--workers`` and for each number
of concurrent clients:

- *identify*: ``--identify`` POSTs of ``/crm_contacts_ext/pbx/identify``
  (a read-only route) with numbers in any format;
- beside it, the obvious alternative at the same concurrency: the JSON-RPC
  ``search_read`` of ``res.partner`` with Odoo's own phone search
  (``phone_mobile_search ilike``) by a logged-in user;
- *events*: the event stream of ``--calls`` calls (ringing → answered →
  ended); one call in ten replays its events, one in ten sends ringing and
  answered at the same moment;

prints requests, throughput, p50/p99 latency and errors (target: zero errors,
every answer JSON, one call row per ``call_id``), and the ratios.
"""

import random
import socket
import statistics
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests
from common import bench_env, bench_parser, prepare_database
from crm_contacts_ext_callerid import BASE, FORMATS, KEY, insert_partners

LOGIN = "bench_pbx_load"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(clients, jobs):
    """Run the callables ``jobs`` on ``clients`` threads: (seconds,
    latencies, errors)."""
    latencies, errors = [], []

    def one(job):
        started = time.perf_counter()
        try:
            error = job()
        except (requests.RequestException, ValueError) as exc:
            error = str(exc)
        latencies.append(time.perf_counter() - started)
        if error:
            errors.append(error)

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, jobs))
    return time.perf_counter() - started, latencies, errors


def line(label, clients, seconds, latencies, errors):
    latencies = sorted(latencies)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    throughput = len(latencies) / seconds
    print(
        f"  {label:<34} {clients:3d} clients {len(latencies):6d} req "
        f"{throughput:8.1f} req/s  p50 {statistics.median(latencies) * 1000:7.1f} ms"
        f"  p99 {p99 * 1000:7.1f} ms  errors {len(errors)}",
        flush=True,
    )
    for error in errors[:3]:
        print(f"      {error}")
    return throughput, statistics.median(latencies)


class Load:
    """The requests of the clients: callables returning an error or None."""

    def __init__(self, base, headers, session, caller):
        self.base, self.headers, self.session = base, headers, session
        self.caller = caller

    def identify(self, number):
        def job():
            answer = requests.post(
                f"{self.base}/crm_contacts_ext/pbx/identify",
                json={"number": number},
                headers=self.headers,
                timeout=120,
            )
            data = answer.json()
            if answer.status_code != 200 or not data.get("matches"):
                return f"identify {number}: {answer.status_code} {data}"[:200]

        return job

    def search_read(self, number):
        def job():
            answer = self.session.post(
                f"{self.base}/web/dataset/call_kw/res.partner.search_read",
                json={
                    "params": {
                        "model": "res.partner",
                        "method": "search_read",
                        "args": [[("phone_mobile_search", "ilike", number)]],
                        "kwargs": {
                            "fields": ["display_name", "phone"],
                            "limit": 10,
                        },
                    }
                },
                timeout=300,
            ).json()
            if "error" in answer:
                return f"search_read: {answer['error']['data']['message']}"[:200]

        return job

    def call_stream(self, replay, parallel):
        call_id = f"load-{uuid.uuid4()}"

        def post(event):
            answer = requests.post(
                f"{self.base}/crm_contacts_ext/pbx/event",
                json={"call_id": call_id, "event": event, "caller": self.caller},
                headers=self.headers,
                timeout=120,
            )
            data = answer.json()
            if answer.status_code != 200 or not data.get("call"):
                return f"event {event}: {answer.status_code} {data}"[:200]

        def job():
            errors = []
            if parallel:
                with ThreadPoolExecutor(2) as pool:
                    errors += list(pool.map(post, ["ringing", "answered"]))
                errors.append(post("ended"))
            else:
                for event in ("ringing", "answered", "ended"):
                    errors.append(post(event))
            if replay:
                for event in ("ringing", "answered", "ended"):
                    errors.append(post(event))
            return "; ".join(e for e in errors if e)

        return job


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("--partners", type=int, default=1_000_000)
    parser.add_argument("--identify", type=int, default=10_000)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--clients", default="1,10,50")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    rng = random.Random(20)
    with bench_env(args, ["crm_contacts_ext"]) as env:
        if insert_partners(env.cr, args.partners):
            print(f"inserted {args.partners:,} partners")
        company = env.company
        company.country_id = env.ref("base.pl")
        pbx = env["crm.pbx"].search([("name", "=", "CallerBench PBX")], limit=1)
        if not pbx:
            pbx = env["crm.pbx"].create(
                {"name": "CallerBench PBX", "company_id": company.id}
            )
        pbx.sudo().key_hash = pbx._hash_key(KEY)
        user = env["res.users"].search([("login", "=", LOGIN)])
        if not user:
            user = env["res.users"].create(
                {
                    "login": LOGIN,
                    "name": "PBX load bench",
                    "group_ids": [(6, 0, [env.ref("base.group_user").id])],
                }
            )
        user.password = LOGIN
        env.cr.commit()
        conf = prepare_database(args, [])
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "odoo",
                "-c",
                str(conf),
                "-d",
                args.database,
                f"--http-port={port}",
                f"--workers={args.workers}",
                "--max-cron-threads=0",
                "--limit-time-real=600",
                "--limit-time-cpu=600",
                "--log-level=warn",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _attempt in range(240):
                try:
                    if requests.get(f"{base}/web/login", timeout=5).ok:
                        break
                except requests.RequestException:
                    pass
                time.sleep(0.5)
            headers = {"Authorization": f"Bearer {KEY}"}
            session = requests.Session()
            session.post(
                f"{base}/web/session/authenticate",
                json={
                    "params": {"db": args.database, "login": LOGIN, "password": LOGIN}
                },
                timeout=60,
            ).raise_for_status()
            numbers = [
                rng.choice(FORMATS)(str(BASE + rng.randint(1, args.partners)))
                for _i in range(args.identify)
            ]

            load = Load(base, headers, session, numbers[0])
            print(
                f"{args.partners:,} partners; Odoo with --workers={args.workers}; "
                f"{args.identify} identify requests, {args.calls} calls per run"
            )
            ratios = []
            for clients in [int(c) for c in args.clients.split(",")]:
                seconds, lat, err = run(clients, [load.identify(n) for n in numbers])
                ours = line(
                    "identify (ours, read-only route)", clients, seconds, lat, err
                )
                count = max(args.identify // 10, clients)
                seconds, lat, err = run(
                    clients, [load.search_read(n) for n in numbers[:count]]
                )
                odoo = line(
                    "JSON-RPC search_read phone_mobile_search",
                    clients,
                    seconds,
                    lat,
                    err,
                )
                ratios.append((clients, ours[0] / odoo[0], odoo[1] / ours[1]))
                streams = [
                    load.call_stream(i % 10 == 1, i % 10 == 2)
                    for i in range(args.calls)
                ]
                seconds, lat, err = run(clients, streams)
                line("call event streams (3-6 events)", clients, seconds, lat, err)
            env.cr.execute(
                "SELECT count(*), count(DISTINCT call_ref) FROM crm_call "
                "WHERE call_ref LIKE 'load-%%'"
            )
            rows, distinct = env.cr.fetchone()
            print(
                f"  call rows {rows}, distinct call_id {distinct}: "
                + ("one row per call" if rows == distinct else "DUPLICATES")
            )
            for clients, throughput, latency in ratios:
                print(
                    f"  ratio at {clients:3d} clients: identify throughput "
                    f"{throughput:.1f}x, p50 latency search_read / identify "
                    f"{latency:.1f}x"
                )
            env.cr.execute("DELETE FROM crm_call WHERE call_ref LIKE 'load-%%'")
            env.cr.commit()
        finally:
            server.terminate()
            server.wait(timeout=60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
