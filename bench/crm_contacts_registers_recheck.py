"""Benchmark of the nightly re-check in the public registers (crm_contacts_registers).

Usage (the database is made, with the addons it needs, when missing)::

    python3 bench/crm_contacts_registers_recheck.py -d crm_bench_registers \\
        [-n 100000] [--changed 1] [--naive-limit 5000] [--drop]

Inserts N Polish customers (SQL) with valid NIPs, already checked once (VAT
status, accounts on the white list), then, in one transaction rolled back at
the end, replays recorded white-list and GUS answers (no network) where
``--changed`` percent of the partners changed (VAT status removed, account
removed, struck off):

* ours: ``_cron_crm_register_recheck`` — 30 NIPs a white-list call, 20 a GUS
  search, one UPDATE per batch marking the night, the ORM write, the log row
  and the activity only for the partners that changed;
* ours the next night with GUS's daily change reports (a key that allows
  them): GUS is searched only for the partners the reports list;
* the obvious alternative: one white-list call and one GUS search per partner,
  writing every register field and a log row for each partner (on the first
  ``--naive-limit`` partners, per-partner figures extrapolated).

Prints the register calls, the time in our code per partner (the replayed
transport excluded), the rows written, and the ratios.
"""

import time
from contextlib import contextmanager
from datetime import date, timedelta
from unittest.mock import patch

from common import bench_env, bench_parser, ratio, report_time

NIGHT = date(2026, 12, 2)
PREFIX = "RegBench "


def valid_nips(count, start=200000000):
    from stdnum.pl import nip as stdnum_nip

    nips, prefix = [], start
    while len(nips) < count:
        for digit in range(10):
            if stdnum_nip.is_valid(f"{prefix}{digit}"):
                nips.append(f"{prefix}{digit}")
                break
        prefix += 1
    return nips


ACCOUNT = "61109010140000071219812874\n82249000050000460038099095"


def insert_partners(env, count):
    nips = valid_nips(count)
    env.cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, active, is_company, type,
               autopost_bills, customer_rank, lang, vat, regon, country_id,
               crm_vat_status, crm_register_status, crm_whitelist_accounts,
               crm_whitelist_date, create_uid, write_uid, create_date, write_date)
        SELECT %s || nip, %s || nip, true, true, 'contact', 'ask', 1, 'en_US',
               'PL' || nip, left(nip, 9), %s, 'active', 'active', %s, %s, 1, 1,
               now(), now()
          FROM unnest(%s::text[]) AS nip
        """,
        (PREFIX, PREFIX, env.ref("base.pl").id, ACCOUNT, NIGHT, nips),
    )
    env.cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id "
        "WHERE name LIKE %s AND commercial_partner_id IS NULL",
        (PREFIX + "%",),
    )
    env.cr.execute("ANALYZE res_partner")
    return nips


class Replay:
    """Recorded answers, built from the shapes of the addon's tests/data;
    the partners whose NIP is in ``changed`` are removed from the VAT
    register, lose their account and are struck off."""

    def __init__(self, changed):
        import json

        from odoo.addons.crm_contacts_registers.tests import common

        self.common = common
        self.json = json
        subjects = json.loads(common.read("whitelist_subjects.json"))
        self.active = subjects["subjects"]["5170359458"]
        self.removed = subjects["subjects"]["9512381607"]
        self.changed = changed
        self.calls = {"whitelist": 0, "gus": 0}
        self.seconds = 0.0
        self.login = common.read("gus_login.mtom")
        self.logout = common.read("gus_logout.mtom")

    def __call__(self, model, method, url, timeout, **kwargs):
        started = time.perf_counter()
        try:
            if "wl-api" in url:
                return self.whitelist(url)
            return self.gus(kwargs["data"].decode())
        finally:
            self.seconds += time.perf_counter() - started

    def whitelist(self, url):
        self.calls["whitelist"] += 1
        entries = []
        for nip in url.rsplit("/", 1)[1].split(","):
            subject = self.removed if nip in self.changed else self.active
            entries.append({"identifier": nip, "subjects": [dict(subject, nip=nip)]})
        answer = {
            "result": {
                "entries": entries,
                "requestId": f"Bench-{self.calls['whitelist']}",
                "requestDateTime": "02-12-2026 01:30:00",
            }
        }
        return self.common.Response(200, self.json.dumps(answer).encode())

    def gus(self, body):
        import re

        self.calls["gus"] += 1
        if "Zaloguj" in body.split("</wsa:Action>")[0]:
            return self.common.Response(200, self.login)
        if "Wyloguj" in body.split("</wsa:Action>")[0]:
            return self.common.Response(200, self.logout)
        if "DanePobierzRaportZbiorczy" in body:
            # both change reports list the changed partners (their REGON is
            # the NIP's first nine digits)
            rows = "".join(
                f"<dane><regon>{nip[:9]}</regon></dane>" for nip in self.changed
            )
            return self._answer("DanePobierzRaportZbiorczy", rows)
        nips = re.search(r"<dat:Nipy?>([\d,]+)<", body).group(1).split(",")
        rows = "".join(
            f"<dane><Regon>000000000</Regon><Nip>{nip}</Nip><Typ>P</Typ>"
            f"<DataZakonczeniaDzialalnosci>"
            f"{'2026-11-30' if nip in self.changed else ''}"
            f"</DataZakonczeniaDzialalnosci></dane>"
            for nip in nips
        )
        return self._answer("DaneSzukajPodmioty", rows)

    def _answer(self, action, rows):
        from xml.sax.saxutils import escape

        envelope = (
            '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>'
            f'<{action}Response xmlns="http://CIS/BIR/PUBL/2014/07">'
            f"<{action}Result>"
            + escape(f"<root>{rows}</root>")
            + f"</{action}Result></{action}Response>"
            "</s:Body></s:Envelope>"
        )
        return self.common.Response(200, envelope.encode())


@contextmanager
def replayed(env, replay):
    Client = env.registry["crm.register.client"]

    def transport(model, method, url, timeout, **kwargs):
        return replay(model, method, url, timeout, **kwargs)

    with (
        patch.object(Client, "_crm_http", transport),
        patch.object(env.registry["ir.cron"], "_commit_progress", lambda *a, **k: 1.0),
    ):
        yield


def naive(env, partners, day):
    """One white-list call and one GUS search per partner; every field
    written and a log row for each partner."""
    Client = env["crm.register.client"]
    company = env.company
    session = Client._gus_open(company)
    Check = env["crm.register.check"].sudo()
    for partner in partners:
        nip = partner.vat[2:]
        answer = Client._crm_whitelist_search(company, [nip], day)[nip]
        status, status_date = Client._crm_gus_statuses(session, [nip]).get(
            nip, ("active", False)
        )
        partner.write(
            {
                "crm_vat_status": answer["vat_status"],
                "crm_vat_status_date": answer["vat_status_date"],
                "crm_whitelist_accounts": "\n".join(answer["accounts"]) or False,
                "crm_whitelist_date": day,
                "crm_whitelist_request_id": answer["request_id"],
                "crm_register_status": status,
                "crm_register_status_date": status_date,
                "crm_register_night": day,
            }
        )
        Check.create(
            {
                "partner_id": partner.id,
                "register": "whitelist",
                "trigger": "nightly",
                "number": nip,
                "request_id": answer["request_id"],
                "vat_status": answer["vat_status"],
            }
        )
    Client._gus_logout(session)


def count_rows(env):
    env.cr.execute(
        "SELECT count(*) FROM crm_register_check c JOIN res_partner p "
        "ON p.id = c.partner_id WHERE p.name LIKE %s",
        (PREFIX + "%",),
    )
    return env.cr.fetchone()[0]


def main():
    parser = bench_parser(__doc__)
    parser.add_argument("-n", "--partners", type=int, default=100000)
    parser.add_argument(
        "--changed", type=float, default=1.0, help="percent of partners that changed"
    )
    parser.add_argument("--naive-limit", type=int, default=5000)
    args = parser.parse_args()
    with bench_env(args, ["crm_contacts_registers"]) as env:
        Partner = env["res.partner"]
        # only the benchmark's partners are re-checked
        env.cr.execute(
            "UPDATE res_partner SET customer_rank = 0, supplier_rank = 0 "
            "WHERE name NOT LIKE %s",
            (PREFIX + "%",),
        )
        nips = insert_partners(env, args.partners)
        step = max(round(100 / args.changed), 1) if args.changed else 0
        changed = set(nips[::step]) if step else set()
        env.company.crm_register_nightly_budget = args.partners  # no cut
        print(
            f"{args.partners} partners, {len(changed)} changed "
            f"({args.changed:g} %), recorded answers replayed"
        )
        replay = Replay(changed)
        rows_before = count_rows(env)
        with replayed(env, replay):
            env.invalidate_all()
            queries = env.cr.sql_log_count
            started = time.perf_counter()
            stats = Partner._cron_crm_register_recheck(NIGHT)
            env.flush_all()
            seconds = time.perf_counter() - started
            queries = env.cr.sql_log_count - queries
        ours_seconds = seconds - replay.seconds
        ours_calls = replay.calls["whitelist"] + replay.calls["gus"]
        ours_rows = count_rows(env) - rows_before
        report_time("ours: nightly re-check (our code only)", ours_seconds, queries)
        ours_per = ours_seconds / args.partners
        print(
            f"  ours: {replay.calls['whitelist']} white-list calls + "
            f"{replay.calls['gus']} GUS calls = {ours_calls} calls; "
            f"{stats['changed']} partners written, {ours_rows} log rows; "
            f"{ours_per * 1000:.3f} ms per partner"
        )
        # the same night again: nothing is asked
        replay_again = Replay(changed)
        with replayed(env, replay_again):
            again = Partner._cron_crm_register_recheck(NIGHT)
        print(
            f"  ours, run again the same night: "
            f"{replay_again.calls['whitelist'] + replay_again.calls['gus']} calls, "
            f"{again['partners']} partners"
        )
        ok = stats["partners"] == args.partners and stats["changed"] == len(changed)
        # the next night, with GUS's daily change reports
        env.company.crm_gus_change_reports = True
        replay_reports = Replay(changed)
        with replayed(env, replay_reports):
            env.invalidate_all()
            started = time.perf_counter()
            reports = Partner._cron_crm_register_recheck(NIGHT + timedelta(days=1))
            env.flush_all()
            reports_seconds = time.perf_counter() - started - replay_reports.seconds
        env.company.crm_gus_change_reports = False
        ok = ok and reports["partners"] == args.partners
        print(
            f"  ours, the next night with GUS's daily change reports: "
            f"{replay_reports.calls['gus']} GUS calls (2 reports, searches of the "
            f"{len(changed)} partners they list, login/logout) instead of "
            f"{replay.calls['gus']}: "
            f"{ratio(replay.calls['gus'], replay_reports.calls['gus'])}"
            f"; {reports_seconds / args.partners * 1000:.3f} ms per partner"
        )
        # the alternative, on a sample of the partners (the next night)
        sample = Partner.search([("name", "like", PREFIX)], limit=args.naive_limit)
        replay_naive = Replay(changed)
        rows_before = count_rows(env)
        with replayed(env, replay_naive):
            env.invalidate_all()
            started = time.perf_counter()
            naive(env, sample, NIGHT + timedelta(days=2))
            env.flush_all()
            naive_seconds = time.perf_counter() - started - replay_naive.seconds
        naive_rows = count_rows(env) - rows_before
        naive_per = naive_seconds / len(sample)
        naive_calls = (replay_naive.calls["whitelist"] + replay_naive.calls["gus"]) * (
            args.partners / len(sample)
        )
        report_time(
            f"one call per partner, every field ({len(sample)} partners)",
            naive_seconds,
        )
        print(
            f"  one call per partner: {naive_calls:.0f} calls for {args.partners} "
            f"partners; {len(sample)} partners written, {naive_rows} log rows for "
            f"{len(sample)}; {naive_per * 1000:.3f} ms per partner"
        )
        print(
            f"  calls         one-per-partner / ours  {ratio(naive_calls, ours_calls)}"
        )
        print(f"  time/partner  one-per-partner / ours  {ratio(naive_per, ours_per)}")
        print(
            "  rows/partner  one-per-partner / ours  "
            f"{ratio(naive_rows / len(sample), ours_rows / args.partners)}"
        )
        if not ok:
            print(f"  MISMATCH: {stats} for {len(changed)} changed")
        env.cr.rollback()


if __name__ == "__main__":
    main()
