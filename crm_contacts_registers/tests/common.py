import json
import re
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

import requests

from odoo.tests import TransactionCase

from odoo.addons.crm_contacts_registers.models.crm_register_client import (
    GUS_CHANGE_REPORTS,
)

DATA = Path(__file__).resolve().parent / "data"


class Response:
    """What the clients read of a ``requests`` response."""

    def __init__(self, status_code=200, content=b"", content_type="application/json"):
        self.status_code = status_code
        self.content = content
        self.headers = {"Content-Type": content_type}

    @property
    def text(self):
        return self.content.decode()

    def json(self):
        return json.loads(self.content.decode())

    def raise_for_status(self):
        if self.status_code >= 400:
            raise requests.HTTPError(f"HTTP {self.status_code}")


def read(name):
    return (DATA / name).read_bytes()


MTOM = (
    'multipart/related; type="application/xop+xml";start="<http://tempuri.org/0>";'
    'boundary="uuid:66ac9201-4182-497f-b6a1-37ea3398d21a+id=4573";'
    'start-info="application/soap+xml"'
)


class Registers:
    """Replays recorded answers of GUS, the KRS and the white list.

    ``calls`` lists what was asked: (register, what). Change the attributes
    to replay failures (``gus_login``, ``gus_code``, ``gus_search``,
    ``whitelist``, ``krs``, ``timeout``...).
    """

    def __init__(self):
        self.calls = []
        self.gus_login = "gus_login.mtom"
        # GetValue(KomunikatKod) after an empty answer
        self.gus_code = "gus_getvalue_4.mtom"
        # the first N searches answer this file instead (e.g. no session)
        self.gus_search_override = []
        self.timeout = set()
        self.down = set()
        self.whitelist_file = None
        self.whitelist_status = 200
        subjects = json.loads(read("whitelist_subjects.json"))
        self.whitelist_subjects = subjects["subjects"]
        self.whitelist_request = subjects["requestId"]
        self.whitelist_time = subjects["requestDateTime"]
        self.krs_status = None
        # the daily change reports: their answer for every day asked
        self.gus_change_reports = {
            report: f"gus_changes_{report}.mtom" for report in GUS_CHANGE_REPORTS
        }
        self.gus_reports_asked = []
        # the NIPs of the batch searches (Nipy)
        self.gus_nips_asked = []

    # the transport
    def __call__(self, model, method, url, **kwargs):
        register = (
            "gus"
            if "stat.gov.pl" in url
            else "krs"
            if "api-krs" in url
            else "whitelist"
            if "wl-api" in url
            else None
        )
        assert register, f"unexpected URL {url}"
        assert kwargs.get("timeout"), "every call has a timeout"
        if register in self.timeout:
            self.calls.append((register, "timeout"))
            raise requests.Timeout("read timed out")
        if register in self.down:
            self.calls.append((register, "down"))
            return Response(503, read("gus_unavailable.html"), "text/html")
        return getattr(self, register)(url, **kwargs)

    def gus(self, url, data=b"", headers=None, **kwargs):
        body = data.decode()
        action = re.search(r"<wsa:Action>[^<]*/(\w+)</wsa:Action>", body).group(1)
        self.calls.append(("gus", action))
        if action != "Zaloguj":
            assert headers.get("sid"), "the session id goes in the sid header"
        if action == "Zaloguj":
            name = self.gus_login
        elif action == "Wyloguj":
            name = "gus_logout.mtom"
        elif action == "GetValue":
            name = self.gus_code
        elif action == "DaneSzukajPodmioty":
            if self.gus_search_override:
                name = self.gus_search_override.pop(0)
            elif "<dat:Nipy>" in body:
                nips = re.search(r"<dat:Nipy>([\d,]+)<", body).group(1)
                self.gus_nips_asked.extend(nips.split(","))
                name = "gus_search_nipy.mtom"
            else:
                number = re.search(r"<dat:\w+>(\d+)</dat:\w+>", body).group(1)
                name = {
                    "5170359458": "gus_search_5170359458.mtom",
                    "180853177": "gus_search_5170359458.mtom",
                    "0000421310": "gus_search_5170359458.mtom",
                    "1234563218": "gus_search_1234563218.mtom",
                    "240381039": "gus_search_1234563218.mtom",
                }.get(number, "gus_search_not_found.mtom")
        elif action == "DanePobierzRaportZbiorczy":
            day = re.search(r"<ns:pDataRaportu>([\d-]+)<", body).group(1)
            report = re.search(r"<ns:pNazwaRaportu>(\w+)<", body).group(1)
            self.gus_reports_asked.append((day, report))
            name = self.gus_change_reports.get(report, "gus_changes_empty.mtom")
        else:
            regon = re.search(r"<ns:pRegon>(\d+)</ns:pRegon>", body).group(1)
            report = re.search(r"<ns:pNazwaRaportu>(\w+)<", body).group(1)
            name = f"gus_report_{report}_{regon}.mtom"
            if not (DATA / name).exists():
                name = "gus_search_empty.mtom"
        return Response(200, read(name), MTOM)

    def krs(self, url, params=None, **kwargs):
        number = url.rsplit("/", 1)[1]
        self.calls.append(("krs", f"{number} {params['rejestr']}"))
        if self.krs_status:
            return Response(self.krs_status, b"")
        if number == "0000421310" and params["rejestr"] == "P":
            return Response(200, read("krs_0000421310.json"))
        return Response(404, read("krs_not_found.json"))

    def whitelist(self, url, params=None, **kwargs):
        assert params.get("date"), "the white list is asked as of a date"
        nips = url.rsplit("/", 1)[1].split(",")
        self.calls.append(("whitelist", ",".join(nips)))
        if self.whitelist_file:
            return Response(self.whitelist_status, read(self.whitelist_file))
        entries = []
        for nip in nips:
            subject = self.whitelist_subjects.get(nip)
            if subject is None and nip.startswith("9"):
                entries.append({"identifier": nip, "subjects": []})
                continue
            if subject is None:
                # an unknown NIP: a company like the first one, under this NIP
                subject = dict(self.whitelist_subjects["5170359458"], nip=nip)
            entries.append({"identifier": nip, "subjects": [subject]})
        answer = {
            "result": {
                "entries": entries,
                "requestId": f"{self.whitelist_request}-{len(self.calls)}",
                "requestDateTime": self.whitelist_time,
            }
        }
        return Response(200, json.dumps(answer).encode())

    def count(self, register, what=None):
        return sum(
            1
            for reg, asked in self.calls
            if reg == register and (what is None or asked == what)
        )


@contextmanager
def replay_registers(env, registers=None):
    registers = registers or Registers()
    Client = env.registry["crm.register.client"]

    def fake(model, method, url, timeout, **kwargs):
        return registers(model, method, url, timeout=timeout, **kwargs)

    with patch.object(Client, "_crm_http", fake, create=False):
        yield registers


@contextmanager
def replay_vies(status_file):
    answer = Response(200, read(status_file))
    with patch(
        "odoo.addons.base_vat.models.res_partner.requests.post",
        return_value=answer,
    ) as post:
        yield post


class RegistersCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {
                "crm_gus_environment": "test",
                "crm_register_timeout": 5,
                "crm_register_nightly_budget": 100,
            }
        )
        cls.poland = cls.env.ref("base.pl")
        # the demo companies are the recorded ones: the tests create their own
        cls.env.cr.execute(
            "UPDATE res_partner SET vat = NULL, regon = NULL, crm_krs = NULL "
            "WHERE regon IN ('180853177', '240381039', '142396858')"
        )
        cls.env["res.partner"].invalidate_model(["vat", "regon", "crm_krs"])
        cls.manager = cls.env["res.users"].create(
            {
                "name": "Registers Account Manager",
                "login": "registers_manager",
                "lang": "en_US",
                "group_ids": [
                    (
                        6,
                        0,
                        [
                            cls.env.ref("base.group_user").id,
                            cls.env.ref("base.group_partner_manager").id,
                        ],
                    )
                ],
            }
        )

    def _company(self, name="Typed Name", vat="PL5170359458", **vals):
        return self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "vat": vat,
                "country_id": self.poland.id,
                **vals,
            }
        )
