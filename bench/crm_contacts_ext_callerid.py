"""Benchmark of crm_contacts_ext's caller identification (call center).

Usage (the database is made, with the addons it needs, when missing)::

    python3 bench/crm_contacts_ext_callerid.py -d crm_bench_contacts_ext \\
        [--partners 1000000] [--lookups 300] [--keep]

Inserts PARTNERS people by SQL (one INSERT … SELECT generate_series) with their
phone typed in five messy formats (``+48 500 000 123``, ``0048500000123``,
``500-000-123``, ``500000123``, ``(+48) 500000123``) and the E.164 column filled
the way ``_compute_crm_phone_e164`` fills it; commits them (the HTTP requests run
in their own transactions) and deletes them at the end unless ``--keep``. The
PBX's company (the main one) is made Polish during the run, then restored.

Times, on the same random numbers typed the way a PBX sends them:
- ours in-process: ``_crm_normalize_number`` + ``_crm_caller_search``;
- ours over HTTP: POST /crm_contacts_ext/pbx/identify with the key, through
  Odoo's WSGI application served by werkzeug on 127.0.0.1 (a free port), the
  full JSON answer with the caller cards, on a kept-alive connection;
- Odoo's ``phone_mobile_search`` (``ilike``, the way Odoo's UI searches phones);
- a bare indexed SQL equality on the E.164 column (number already normalised);
then counts the wrong matches of each method on probe numbers: existing
numbers in another format (one right answer), near-duplicates (one digit
changed or missing), internal extensions (``201``), partial numbers (last six
digits) and foreign numbers with the same digits (no right answer).
"""

import hashlib
import http.client
import json
import random
import statistics
import threading
import time

from common import bench_env, bench_parser
from werkzeug.serving import make_server

import odoo
from odoo.tools import SQL, config

BASE = 500_000_000  # national numbers BASE+1 … BASE+N: Polish mobiles (50x)
KEY = "bench-callerid-key"
FORMATS = (
    lambda n: f"+48 {n[:3]} {n[3:6]} {n[6:]}",
    lambda n: f"0048{n}",
    lambda n: f"{n[:3]}-{n[3:6]}-{n[6:]}",
    lambda n: n,
    lambda n: f"(+48) {n}",
)


def insert_partners(cr, count):
    cr.execute("SELECT count(*) FROM res_partner WHERE name LIKE 'CallerBench %%'")
    if cr.fetchone()[0] == count:
        return False
    cr.execute("DELETE FROM res_partner WHERE name LIKE 'CallerBench %%'")
    # the five formats of FORMATS, in SQL
    cr.execute(
        SQL(
            """
            INSERT INTO res_partner (name, complete_name, active, is_company, type,
                                     autopost_bills, phone, crm_phone_e164,
                                     create_date, write_date)
            SELECT 'CallerBench ' || i, 'CallerBench ' || i, true, false, 'contact',
                   'ask',
                   CASE i %% 5
                     WHEN 0 THEN '+48 ' || substr(n, 1, 3) || ' ' || substr(n, 4, 3)
                                 || ' ' || substr(n, 7, 3)
                     WHEN 1 THEN '0048' || n
                     WHEN 2 THEN substr(n, 1, 3) || '-' || substr(n, 4, 3) || '-'
                                 || substr(n, 7, 3)
                     WHEN 3 THEN n
                     ELSE '(+48) ' || n
                   END,
                   '+48' || n, now(), now()
            FROM (SELECT i, (%s + i)::text AS n FROM generate_series(1, %s) i) s
            """,
            BASE,
            count,
        )
    )
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id "
        "WHERE name LIKE 'CallerBench %%' AND commercial_partner_id IS NULL"
    )
    cr.execute("ANALYZE res_partner")
    return True


def percentiles(samples):
    samples = sorted(samples)
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    return statistics.median(samples) * 1000, p99 * 1000


def timed(func, inputs):
    samples, results = [], []
    for value in inputs:
        started = time.perf_counter()
        results.append(func(value))
        samples.append(time.perf_counter() - started)
    return percentiles(samples), results


def probes(count, rng):
    """(raw number, expected partner name or None, kind)."""
    cases = []
    for _i in range(40):
        i = rng.randint(1, count)
        n = str(BASE + i)
        cases.append((rng.choice(FORMATS)(n), f"CallerBench {i}", "existing"))
        absent = str(BASE + count + rng.randint(1, 1000))
        cases.append((FORMATS[0](absent), None, "near-duplicate (absent number)"))
        cases.append((n[:-1], None, "near-duplicate (digit missing)"))
        cases.append((n[-6:], None, "partial (last 6 digits)"))
        cases.append((f"+49 {n}", None, "foreign (same digits, +49)"))
    cases += [(ext, None, "extension") for ext in ("201", "102", "5000")]
    return cases


class Server:
    def __init__(self, dbname):
        config["dbfilter"] = f"^{dbname}$"
        self.server = make_server("127.0.0.1", 0, odoo.http.root, threaded=False)
        self.port = self.server.server_port
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port)

    def identify(self, number):
        body = json.dumps({"number": number})
        self.conn.request(
            "POST",
            "/crm_contacts_ext/pbx/identify",
            body=body,
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {KEY}",
            },
        )
        response = self.conn.getresponse()
        answer = response.read()
        assert response.status == 200, answer
        return json.loads(answer)

    def close(self):
        self.conn.close()
        self.server.shutdown()


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("--partners", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=300)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    rng = random.Random(19)
    with bench_env(args, ["crm_contacts_ext"]) as env:
        cr = env.cr
        started = time.perf_counter()
        if insert_partners(cr, args.partners):
            elapsed = time.perf_counter() - started
            print(f"inserted {args.partners:,} partners in {elapsed:.1f} s")
        company = env.company
        # national numbers are read in the PBX company's country: a Polish one
        country = company.country_id
        company.country_id = env.ref("base.pl")
        pbx = env["crm.pbx"].search([("name", "=", "CallerBench PBX")], limit=1)
        if not pbx:
            pbx = env["crm.pbx"].create(
                {"name": "CallerBench PBX", "company_id": company.id}
            )
        pbx.key_hash = hashlib.sha256(KEY.encode()).hexdigest()
        cr.commit()
        Partner = env["res.partner"]
        total = Partner.search_count([])
        print(
            f"res.partner rows: {total:,}; company country: {company.country_id.code}"
        )

        inputs = []
        for _i in range(args.lookups):
            i = rng.randint(1, args.partners)
            inputs.append(rng.choice(FORMATS)(str(BASE + i)))
        e164s = [Partner._crm_normalize_number(raw, company) for raw in inputs]

        def ours(raw):
            e164 = Partner._crm_normalize_number(raw, company)
            return Partner._crm_caller_search(e164, company) if e164 else Partner

        def odoo_search(raw):
            return Partner.search([("phone_mobile_search", "ilike", raw)])

        def bare_sql(e164):
            cr.execute("SELECT id FROM res_partner WHERE crm_phone_e164 = %s", [e164])
            return cr.fetchall()

        server = Server(args.database)
        server.identify(inputs[0])  # warm up the registry of the server thread
        rows = [
            ("ours, in-process", timed(ours, inputs)),
            ("ours, HTTP answer with caller card", timed(server.identify, inputs)),
            ("Odoo phone_mobile_search (ilike)", timed(odoo_search, inputs)),
            ("bare SQL equality on E.164", timed(bare_sql, e164s)),
        ]
        print(f"\n{args.lookups} lookups of random existing numbers, messy formats:")
        print(f"{'method':40} {'median ms':>10} {'p99 ms':>10}")
        for label, ((median, p99), _results) in rows:
            print(f"{label:40} {median:10.2f} {p99:10.2f}")

        print(
            "\nwrong matches on probe numbers (a partner returned that is not "
            "the one with this number):"
        )
        cases = probes(args.partners, rng)
        methods = {
            "ours": lambda raw: ours(raw).mapped("name"),
            "HTTP": lambda raw: [m["name"] for m in server.identify(raw)["matches"]],
            "Odoo ilike": lambda raw: odoo_search(raw).mapped("name"),
        }
        by_kind = {}
        for raw, expected, kind in cases:
            for method, func in methods.items():
                names = func(raw)
                wrong = len([name for name in names if name != expected])
                missed = int(expected is not None and expected not in names)
                stats = by_kind.setdefault((kind, method), [0, 0, 0])
                stats[0] += 1
                stats[1] += wrong
                stats[2] += missed
        print(
            f"{'probe kind':34} {'method':11} {'probes':>6} {'wrong':>8} {'missed':>7}"
        )
        for (kind, method), (n, wrong, missed) in sorted(by_kind.items()):
            print(f"{kind:34} {method:11} {n:6} {wrong:8} {missed:7}")
        server.close()
        company.country_id = country
        cr.commit()
        if not args.keep:
            # nothing references the generated partners: skip the foreign-key
            # triggers of the ~100 tables pointing at res_partner (hours otherwise)
            cr.execute("SET LOCAL session_replication_role = replica")
            cr.execute("DELETE FROM res_partner WHERE name LIKE 'CallerBench %%'")
            pbx.unlink()
            cr.commit()


if __name__ == "__main__":
    main()
