"""Clients of the public registers: GUS REGON (BIR1.1), KRS, VAT white list, VIES.

Each client asks, parses the answer into a plain dict and raises a
``RegisterError`` naming the register and what happened; nothing is written
here (the callers write once everything was read).

Shapes of the answers (see tests/data/README.md for the sources): BIR1.1
answers SOAP 1.2 wrapped in MTOM (multipart/related), with the data as an
escaped XML document inside ``...Result``; KRS answers the current extract
(``OdpisAktualny``) as JSON; the white list answers JSON with a ``requestId``.
"""

import json
import logging
import re
from datetime import date, datetime
from xml.sax.saxutils import escape

import requests
from lxml import etree
from stdnum import exceptions as stdnum_errors
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

from odoo import api, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

GUS_URLS = {
    "test": "https://wyszukiwarkaregontest.stat.gov.pl/wsBIR/UslugaBIRzewnPubl.svc",
    "production": "https://wyszukiwarkaregon.stat.gov.pl/wsBIR/UslugaBIRzewnPubl.svc",
}
GUS_TEST_KEY = "abcde12345abcde12345"
GUS_NS = "http://CIS/BIR/PUBL/2014/07"
GUS_DATA_NS = "http://CIS/BIR/PUBL/2014/07/DataContract"
GUS_ACTION = GUS_NS + "/IUslugaBIRzewnPubl/"
GUS_GETVALUE_NS = "http://CIS/BIR/2014/07"
# BIR1.1 searches up to 20 numbers at once (Nipy, Regony9zn, Krsy)
GUS_BATCH = 20
# the daily change reports (DanePobierzRaportZbiorczy) that say an entity's
# status may have changed: data updated, struck off; GUS keeps them a week
GUS_CHANGE_REPORTS = (
    "BIR11AktualizowanePodmiotyPrawneOrazDzialalnosciOsFizycznych",
    "BIR11SkreslonePodmiotyPrawneOrazDzialalnosciOsFizycznych",
)
GUS_CHANGE_REPORT_DAYS = 7
# full report of an entity by its type (Typ) and, for people, its silo
GUS_REPORTS = {
    ("P", None): ("BIR11OsPrawna", "BIR11OsPrawnaPkd", "praw_"),
    ("F", "1"): ("BIR11OsFizycznaDzialalnoscCeidg", "BIR11OsFizycznaPkd", "fiz_"),
    ("F", "2"): ("BIR11OsFizycznaDzialalnoscRolnicza", "BIR11OsFizycznaPkd", "fiz_"),
    ("F", "3"): ("BIR11OsFizycznaDzialalnoscPozostala", "BIR11OsFizycznaPkd", "fiz_"),
    ("F", "4"): (
        "BIR11OsFizycznaDzialalnoscSkreslonaDo20141108",
        "BIR11OsFizycznaPkd",
        "fiz_",
    ),
}
KRS_URL = "https://api-krs.ms.gov.pl/api/krs/OdpisAktualny/{krs}"
WHITELIST_URL = "https://wl-api.mf.gov.pl"
WHITELIST_BATCH = 30
WHITELIST_VAT_STATUS = {
    "czynny": "active",
    "zwolniony": "exempt",
    "niezarejestrowany": "not_registered",
}
ENVELOPE = re.compile(rb"<(\w+:)?Envelope\b.*</(\w+:)?Envelope>", re.DOTALL)


class RegisterError(UserError):
    """A register could not answer what was asked.

    ``register``: gus, krs, whitelist, vies; ``kind``: invalid, not_found,
    timeout, unavailable, session, key, limit, malformed.
    """

    def __init__(self, register, kind, message):
        super().__init__(message)
        self.register = register
        self.kind = kind


class CrmRegisterClient(models.AbstractModel):
    _name = "crm.register.client"
    _description = "Public Registers Client"

    # ------------------------------------------------------------------
    # Transport (tests replace it with recorded answers)
    # ------------------------------------------------------------------
    @api.model
    def _crm_http(self, method, url, timeout, **kwargs):
        """The one place that talks to the network."""
        return requests.request(method, url, timeout=timeout, **kwargs)

    @api.model
    def _crm_register_label(self, register):
        return {
            "gus": self.env._("GUS REGON"),
            "krs": self.env._("KRS"),
            "whitelist": self.env._("VAT white list"),
            "vies": self.env._("VIES"),
        }[register]

    @api.model
    def _crm_error(self, register, kind, detail=None):
        label = self._crm_register_label(register)
        messages = {
            "invalid": self.env._("%(register)s: the number is invalid: %(detail)s."),
            "not_found": self.env._(
                "%(register)s: no entity with this number is registered%(detail)s."
            ),
            "timeout": self.env._(
                "%(register)s did not answer in time%(detail)s; try again later."
            ),
            "unavailable": self.env._(
                "%(register)s is not available at the moment%(detail)s; "
                "try again later."
            ),
            "session": self.env._(
                "%(register)s: the session expired and could not be renewed%(detail)s."
            ),
            "key": self.env._(
                "%(register)s refused the user key%(detail)s: check the key and "
                "the environment (test or production) in the settings."
            ),
            "limit": self.env._(
                "%(register)s: the limit of queries is reached%(detail)s; "
                "try again tomorrow."
            ),
            "malformed": self.env._(
                "%(register)s answered something that cannot be read%(detail)s."
            ),
        }
        if detail and kind != "invalid":
            detail = f" ({detail})"
        return RegisterError(
            register,
            kind,
            messages[kind] % {"register": label, "detail": detail or ""},
        )

    @api.model
    def _crm_request(self, register, method, url, timeout, **kwargs):
        try:
            response = self._crm_http(method, url, timeout, **kwargs)
        except requests.Timeout as error:
            raise self._crm_error(register, "timeout", f"{timeout} s") from error
        except requests.RequestException as error:
            raise self._crm_error(register, "unavailable", str(error)) from error
        if response.status_code == 429:
            raise self._crm_error(register, "limit", "HTTP 429")
        if response.status_code >= 500:
            raise self._crm_error(
                register, "unavailable", f"HTTP {response.status_code}"
            )
        return response

    # ------------------------------------------------------------------
    # Numbers
    # ------------------------------------------------------------------
    @api.model
    def _crm_compact_nip(self, nip):
        """The 10 digits of a Polish NIP, or RegisterError(invalid)."""
        number = (nip or "").strip()
        if number[:2].upper() == "PL":
            number = number[2:]
        try:
            return stdnum_nip.validate(number)
        except stdnum_errors.ValidationError as error:
            raise self._crm_error(
                "gus", "invalid", self.env._("NIP %(nip)s", nip=nip or "")
            ) from error

    @api.model
    def _crm_compact_regon(self, regon):
        try:
            return stdnum_regon.validate(regon or "")
        except stdnum_errors.ValidationError as error:
            raise self._crm_error(
                "gus", "invalid", self.env._("REGON %(regon)s", regon=regon or "")
            ) from error

    @api.model
    def _crm_compact_krs(self, krs):
        number = re.sub(r"\s", "", krs or "")
        if not number.isdigit() or len(number) > 10:
            raise self._crm_error(
                "krs", "invalid", self.env._("KRS %(krs)s", krs=krs or "")
            )
        return number.zfill(10)

    # ------------------------------------------------------------------
    # GUS REGON, BIR1.1
    # ------------------------------------------------------------------
    @api.model
    def _gus_envelope(self, url, action, body, getvalue=False):
        namespace = GUS_GETVALUE_NS if getvalue else GUS_NS
        action_uri = (
            GUS_GETVALUE_NS + "/IUslugaBIR/" + action
            if getvalue
            else GUS_ACTION + action
        )
        return (
            '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" '
            f'xmlns:ns="{namespace}" xmlns:dat="{GUS_DATA_NS}">'
            '<soap:Header xmlns:wsa="http://www.w3.org/2005/08/addressing">'
            f"<wsa:To>{url}</wsa:To><wsa:Action>{action_uri}</wsa:Action>"
            f"</soap:Header><soap:Body>{body}</soap:Body></soap:Envelope>"
        ).encode()

    @api.model
    def _gus_call(self, session, action, body, getvalue=False):
        """POST one operation; the text of its ``<action>Result``."""
        url = GUS_URLS[session["environment"]]
        headers = {"Content-Type": "application/soap+xml; charset=utf-8"}
        if session.get("sid"):
            headers["sid"] = session["sid"]
        response = self._crm_request(
            "gus",
            "POST",
            url,
            session["timeout"],
            data=self._gus_envelope(url, action, body, getvalue),
            headers=headers,
        )
        session["calls"] = session.get("calls", 0) + 1
        # MTOM: the SOAP envelope is the first part of a multipart/related
        match = ENVELOPE.search(response.content or b"")
        if response.status_code != 200 or not match:
            raise self._crm_error("gus", "malformed", f"HTTP {response.status_code}")
        try:
            root = etree.fromstring(match.group(0))
        except etree.XMLSyntaxError as error:
            raise self._crm_error("gus", "malformed", action) from error
        namespace = GUS_GETVALUE_NS if getvalue else GUS_NS
        result = root.find(f".//{{{namespace}}}{action}Result")
        if result is None:
            raise self._crm_error("gus", "malformed", action)
        return result.text or ""

    @api.model
    def _gus_rows(self, text):
        """The ``<dane>`` rows of a result document, as dicts."""
        if not text.strip():
            return []
        try:
            root = etree.fromstring(text.strip().encode())
        except etree.XMLSyntaxError as error:
            raise self._crm_error("gus", "malformed", "dane") from error
        return [
            {child.tag: (child.text or "").strip() for child in row}
            for row in root.iter("dane")
        ]

    @api.model
    def _gus_login(self, company):
        session = {
            "environment": company.crm_gus_environment or "test",
            "timeout": company.crm_register_timeout or 10,
        }
        key = company.sudo().crm_gus_key or (
            GUS_TEST_KEY if session["environment"] == "test" else ""
        )
        if not key:
            raise self._crm_error("gus", "key", self.env._("no key is set"))
        sid = self._gus_call(
            session,
            "Zaloguj",
            f"<ns:Zaloguj><ns:pKluczUzytkownika>{escape(key)}"
            "</ns:pKluczUzytkownika></ns:Zaloguj>",
        ).strip()
        if not sid:
            raise self._crm_error("gus", "key")
        session["sid"] = sid
        return session

    @api.model
    def _gus_logout(self, session):
        if not session.get("sid"):
            return
        try:
            self._gus_call(
                session,
                "Wyloguj",
                "<ns:Wyloguj><ns:pIdentyfikatorSesji>"
                f"{escape(session['sid'])}</ns:pIdentyfikatorSesji></ns:Wyloguj>",
            )
        except RegisterError:
            _logger.info("GUS: logout failed, the session expires by itself")
        session["sid"] = False

    @api.model
    def _gus_message_code(self, session):
        return self._gus_call(
            session,
            "GetValue",
            "<ns:GetValue><ns:pNazwaParametru>KomunikatKod"
            "</ns:pNazwaParametru></ns:GetValue>",
            getvalue=True,
        ).strip()

    @api.model
    def _gus_checked(self, session, action, body, renewed=False):
        """Rows of a search or a report; an empty answer is explained by
        GetValue(KomunikatKod): 4 nothing found, 7 no session (renewed once),
        1 captcha / too many queries, 2 too many numbers, 5 report refused."""
        rows = self._gus_rows(self._gus_call(session, action, body))
        errors = [row for row in rows if row.get("ErrorCode")]
        if rows and not errors:
            return rows
        code = errors[0]["ErrorCode"] if errors else self._gus_message_code(session)
        if code == "4":
            return []
        if code == "7" and not renewed:
            renewed_session = self._gus_login(session["company"])
            session.update(sid=renewed_session["sid"])
            session["calls"] += renewed_session.get("calls", 0)
            return self._gus_checked(session, action, body, renewed=True)
        kind = {"7": "session", "1": "limit", "2": "limit", "5": "key"}.get(code)
        if not kind:
            raise self._crm_error("gus", "malformed", f"KomunikatKod {code or '?'}")
        detail = errors[0].get("ErrorMessageEn") if errors else None
        raise self._crm_error("gus", kind, detail or f"KomunikatKod {code}")

    @api.model
    def _gus_open(self, company):
        session = self._gus_login(company)
        session["company"] = company
        return session

    @api.model
    def _gus_search(self, session, nip=None, regon=None, krs=None, nips=None):
        if nips:
            param = "Nipy", ",".join(nips)
        elif nip:
            param = "Nip", nip
        elif regon:
            param = ("Regon" if len(regon) == 9 else "Regon14zn"), regon
        else:
            param = "Krs", krs
        body = (
            "<ns:DaneSzukajPodmioty><ns:pParametryWyszukiwania>"
            f"<dat:{param[0]}>{escape(param[1])}</dat:{param[0]}>"
            "</ns:pParametryWyszukiwania></ns:DaneSzukajPodmioty>"
        )
        return self._gus_checked(session, "DaneSzukajPodmioty", body)

    @api.model
    def _gus_report(self, session, regon, name):
        body = (
            f"<ns:DanePobierzPelnyRaport><ns:pRegon>{escape(regon)}</ns:pRegon>"
            f"<ns:pNazwaRaportu>{name}</ns:pNazwaRaportu></ns:DanePobierzPelnyRaport>"
        )
        return self._gus_checked(session, "DanePobierzPelnyRaport", body)

    @api.model
    def _gus_changed_regons(self, session, day):
        """The 9-digit REGONs GUS updated or struck off on ``day``: its daily
        change reports, asked once a session per day (two calls). A key
        without the right to them raises RegisterError."""
        cache = session.setdefault("changed_regons", {})
        if day not in cache:
            regons = set()
            for name in GUS_CHANGE_REPORTS:
                body = (
                    "<ns:DanePobierzRaportZbiorczy>"
                    f"<ns:pDataRaportu>{day.isoformat()}</ns:pDataRaportu>"
                    f"<ns:pNazwaRaportu>{name}</ns:pNazwaRaportu>"
                    "</ns:DanePobierzRaportZbiorczy>"
                )
                rows = self._gus_checked(session, "DanePobierzRaportZbiorczy", body)
                regons.update(
                    {(row.get("regon") or row.get("Regon") or "")[:9] for row in rows}
                )
            cache[day] = regons - {""}
        return cache[day]

    @api.model
    def _crm_gus_lookup(self, company, nip=None, regon=None, krs=None):
        """Everything GUS knows of one entity: a dict (see _gus_parse_report)."""
        if nip:
            nip = self._crm_compact_nip(nip)
        elif regon:
            regon = self._crm_compact_regon(regon)
        elif krs:
            krs = self._crm_compact_krs(krs)
        session = self._gus_open(company)
        try:
            found = self._gus_search(session, nip=nip, regon=regon, krs=krs)
            if not found:
                raise self._crm_error(
                    "gus", "not_found", nip and f"NIP {nip}" or regon or krs
                )
            entity = found[0]
            kind = entity.get("Typ", "P")
            silo = None if kind.startswith("P") else entity.get("SilosID", "1")
            if kind not in ("P", "F"):
                # a local unit: the entity it belongs to
                kind, silo = ("P", None) if kind == "LP" else ("F", "1")
            report, pkd_report, prefix = GUS_REPORTS.get(
                (kind, silo), GUS_REPORTS[("F", "1")]
            )
            regon = entity.get("Regon", "")
            data = self._gus_report(session, regon, report)
            pkd = self._gus_report(session, regon, pkd_report)
        finally:
            self._gus_logout(session)
        if not data:
            raise self._crm_error("gus", "not_found", regon)
        values = self._gus_parse_report(data[0], prefix, pkd)
        values.setdefault("nip", entity.get("Nip") or nip)
        values["calls"] = session.get("calls", 0)
        values["request_id"] = False
        return values

    @api.model
    def _gus_parse_report(self, row, prefix, pkd_rows):
        def get(name):
            return (row.get(prefix + name) or "").strip()

        street = get("adSiedzUlica_Nazwa")
        number = get("adSiedzNumerNieruchomosci")
        flat = get("adSiedzNumerLokalu")
        if number:
            street = " ".join(
                filter(None, [street or get("adSiedzMiejscowosc_Nazwa"), number])
            )
            if flat:
                street += "/" + flat
        zip_code = get("adSiedzKodPocztowy")
        if len(zip_code) == 5 and zip_code.isdigit():
            zip_code = f"{zip_code[:2]}-{zip_code[2:]}"
        status, status_date = "active", _date(get("dataRozpoczeciaDzialalnosci"))
        for field_name, state in (
            ("dataZawieszeniaDzialalnosci", "suspended"),
            ("dataWznowieniaDzialalnosci", "active"),
            ("dataZakonczeniaDzialalnosci", "struck_off"),
            ("dataSkresleniazRegon", "struck_off"),
            ("dataSkresleniaDzialalnosciZRegon", "struck_off"),
        ):
            when = _date(get(field_name))
            if when and (state != "active" or status == "suspended"):
                status, status_date = state, when
        main = [
            r
            for r in pkd_rows
            if (r.get(prefix + "pkdPrzewazajace") or r.get("fiz_pkd_Przewazajace"))
            == "1"
        ]
        main = (main or pkd_rows or [{}])[0]
        pkd_code = main.get(prefix + "pkdKod") or main.get("fiz_pkd_Kod") or ""
        if len(pkd_code) == 5:
            pkd_code = f"{pkd_code[:2]}.{pkd_code[2:4]}.{pkd_code[4]}"
        legal_form = get("szczegolnaFormaPrawna_Nazwa") or get(
            "podstawowaFormaPrawna_Nazwa"
        )
        if prefix == "fiz_" and not legal_form:
            legal_form = self.env._("sole trader (CEIDG)")
        regon = get("regon9") or get("regon14")
        return {
            "name": get("nazwa"),
            "short_name": get("nazwaSkrocona"),
            "regon": regon,
            "nip": get("nip") or None,
            # the number in the register of a legal person is its KRS when
            # the register is the court register (KRS)
            "krs": get("numerWRejestrzeEwidencji")
            if "REJESTRU S" in get("organRejestrowy_Nazwa").upper()
            else "",
            "legal_form": legal_form.capitalize()
            if legal_form.isupper()
            else legal_form,
            "street": street,
            "zip": zip_code,
            "city": get("adSiedzMiejscowosc_Nazwa"),
            "state": get("adSiedzWojewodztwo_Nazwa").lower(),
            "start_date": _date(get("dataRozpoczeciaDzialalnosci"))
            or _date(get("dataPowstania")),
            "status": status,
            "status_date": status_date,
            "pkd_code": pkd_code,
            "pkd_name": main.get(prefix + "pkdNazwa")
            or main.get("fiz_pkd_Nazwa")
            or "",
        }

    @api.model
    def _crm_gus_statuses(self, session, nips):
        """{nip: status} of up to 20 NIPs with one search (the nightly job):
        active, or struck_off when the search row has an end date."""
        rows = self._gus_search(session, nips=nips)
        statuses = {}
        for row in rows:
            ended = _date(row.get("DataZakonczeniaDzialalnosci", ""))
            statuses[row.get("Nip")] = (
                ("struck_off", ended) if ended else ("active", False)
            )
        return statuses

    # ------------------------------------------------------------------
    # KRS open API
    # ------------------------------------------------------------------
    @api.model
    def _crm_krs_lookup(self, company, krs):
        krs = self._crm_compact_krs(krs)
        timeout = company.crm_register_timeout or 10
        calls = 0
        for register in ("P", "S"):
            response = self._crm_request(
                "krs",
                "GET",
                KRS_URL.format(krs=krs),
                timeout,
                params={"rejestr": register, "format": "json"},
            )
            calls += 1
            if response.status_code in (204, 404):
                continue
            if response.status_code != 200:
                raise self._crm_error(
                    "krs", "malformed", f"HTTP {response.status_code}"
                )
            try:
                values = self._krs_parse(response.json())
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                raise self._crm_error("krs", "malformed", "odpis") from error
            values["calls"] = calls
            return values
        raise self._crm_error("krs", "not_found", f"KRS {krs}")

    @api.model
    def _krs_parse(self, answer):
        odpis = answer["odpis"]
        header = odpis["naglowekA"]
        data = odpis["dane"]
        section1 = data["dzial1"]
        entity = section1["danePodmiotu"]
        ids = entity.get("identyfikatory") or {}
        seat = section1.get("siedzibaIAdres") or {}
        address = seat.get("adres") or {}
        street = " ".join(filter(None, [address.get("ulica"), address.get("nrDomu")]))
        if address.get("nrLokalu"):
            street += "/" + address["nrLokalu"]
        activity = (data.get("dzial3") or {}).get("przedmiotDzialalnosci") or {}
        main = (activity.get("przedmiotPrzewazajacejDzialalnosci") or [{}])[0]
        pkd_code = ".".join(
            filter(None, [main.get("kodDzial"), main.get("kodKlasa")])
        ) + ("." + main["kodPodklasa"] if main.get("kodPodklasa") else "")
        representation = (data.get("dzial2") or {}).get("reprezentacja") or {}
        people = [
            " ".join(
                filter(
                    None,
                    [
                        (person.get("imiona") or {}).get("imie"),
                        (person.get("nazwisko") or {}).get("nazwiskoICzlon"),
                    ],
                )
            )
            + (
                f" – {person['funkcjaWOrganie']}"
                if person.get("funkcjaWOrganie")
                else ""
            )
            for person in representation.get("sklad") or []
        ]
        section6 = data.get("dzial6") or {}
        status, status_date = (
            "active",
            _date(header.get("dataRejestracjiWKRS"), "%d.%m.%Y"),
        )
        if section6.get("likwidacja") or section6.get("postepowanieUpadlosciowe"):
            status = "liquidation"
        if header.get("dataWykreslenia") or header.get(
            "dataWykresleniaZRejestruPrzedsiebiorcow"
        ):
            status = "struck_off"
            status_date = _date(
                header.get("dataWykreslenia")
                or header.get("dataWykresleniaZRejestruPrzedsiebiorcow"),
                "%d.%m.%Y",
            )
        regon = (ids.get("regon") or "")[:14]
        if len(regon) == 14 and regon.endswith("00000"):
            regon = regon[:9]
        return {
            "name": entity["nazwa"],
            "legal_form": (entity.get("formaPrawna") or "").capitalize(),
            "krs": header["numerKRS"],
            "regon": regon,
            "nip": ids.get("nip") or None,
            "street": street,
            "zip": address.get("kodPocztowy") or "",
            "city": (address.get("miejscowosc") or "").title(),
            "state": ((seat.get("siedziba") or {}).get("wojewodztwo") or "").lower(),
            "start_date": _date(header.get("dataRejestracjiWKRS"), "%d.%m.%Y"),
            "status": status,
            "status_date": status_date,
            "pkd_code": pkd_code,
            "pkd_name": (main.get("opis") or "").capitalize(),
            "representation": "\n".join(
                filter(None, [representation.get("nazwaOrganu"), *people])
            ),
            "request_id": header.get("stanZDnia")
            and f"KRS {header['numerKRS']} {header.get('stanZDnia')}",
        }

    # ------------------------------------------------------------------
    # VAT white list (Ministry of Finance)
    # ------------------------------------------------------------------
    @api.model
    def _crm_whitelist_get(self, company, path, day):
        """GET a white-list endpoint; its ``result`` (JSON) or RegisterError."""
        response = self._crm_request(
            "whitelist",
            "GET",
            WHITELIST_URL + path,
            company.crm_register_timeout or 10,
            params={"date": fields_date(day)},
            headers={"Accept": "application/json"},
        )
        try:
            answer = response.json()
        except ValueError as error:
            raise self._crm_error(
                "whitelist", "malformed", f"HTTP {response.status_code}"
            ) from error
        if response.status_code != 200 or "result" not in answer:
            code = answer.get("code") or (answer.get("exception") or {}).get("code")
            message = answer.get("message") or (answer.get("exception") or {}).get(
                "message"
            )
            if code in ("WL-113", "WL-114", "WL-115", "WL-116"):
                raise self._crm_error("whitelist", "invalid", message or code)
            if code in ("WL-190", "WL-191") or "limit" in (message or "").lower():
                raise self._crm_error("whitelist", "limit", message or code)
            raise self._crm_error(
                "whitelist", "malformed", message or f"HTTP {response.status_code}"
            )
        result = answer["result"]
        if not isinstance(result, dict) or not result.get("requestId"):
            raise self._crm_error("whitelist", "malformed", "requestId")
        return result

    @api.model
    def _crm_whitelist_search(self, company, nips, day=None):
        """{nip: subject values} for up to 30 NIPs, one call; each value has
        ``request_id`` and ``request_time``; a NIP the list does not know
        gets vat_status not_registered, an invalid one an ``error``."""
        day = day or date.today()
        nips = list(nips)
        assert len(nips) <= WHITELIST_BATCH
        result = self._crm_whitelist_get(
            company, "/api/search/nips/" + ",".join(nips), day
        )
        request_id = result["requestId"]
        request_time = _datetime(result.get("requestDateTime"))
        values = {}
        try:
            entries = result["entries"]
            for entry in entries:
                nip = entry["identifier"]
                if entry.get("error"):
                    values[nip] = {
                        "error": entry["error"].get("message")
                        or entry["error"].get("code"),
                        "request_id": request_id,
                        "request_time": request_time,
                    }
                    continue
                subjects = entry.get("subjects") or []
                values[nip] = self._whitelist_subject(subjects[:1] and subjects[0])
                values[nip].update(request_id=request_id, request_time=request_time)
        except (KeyError, TypeError, AttributeError) as error:
            raise self._crm_error("whitelist", "malformed", "entries") from error
        return values

    @api.model
    def _whitelist_subject(self, subject):
        if not subject:
            return {
                "vat_status": "not_registered",
                "vat_status_date": False,
                "accounts": [],
            }
        status = WHITELIST_VAT_STATUS.get((subject.get("statusVat") or "").lower())
        if status is None:
            raise self._crm_error("whitelist", "malformed", subject.get("statusVat"))
        status_date = _date(subject.get("registrationLegalDate") or "")
        if subject.get("removalDate"):
            status, status_date = "removed", _date(subject["removalDate"])
        elif subject.get("restorationDate"):
            status_date = _date(subject["restorationDate"])
        return {
            "name": subject.get("name") or "",
            "regon": subject.get("regon") or "",
            "krs": subject.get("krs") or "",
            "vat_status": status,
            "vat_status_date": status_date,
            "accounts": sorted(subject.get("accountNumbers") or []),
        }

    @api.model
    def _crm_whitelist_lookup(self, company, nip, day=None):
        nip = self._crm_compact_nip(nip)
        values = self._crm_whitelist_search(company, [nip], day)
        found = values.get(nip)
        if not found:
            raise self._crm_error("whitelist", "malformed", "entries")
        if found.get("error"):
            raise self._crm_error("whitelist", "invalid", found["error"])
        found["calls"] = 1
        return found

    # ------------------------------------------------------------------
    # VIES: Odoo's own check (base_vat, through Odoo's IAP service)
    # ------------------------------------------------------------------
    @api.model
    def _crm_vies_lookup(self, vat):
        partner = self.env["res.partner"].new({"vat": vat})
        status = partner._check_vies_iap()
        if status == "fault":
            raise self._crm_error("vies", "unavailable")
        if status in ("invalid", "unassigned"):
            raise self._crm_error("vies", "not_found", vat)
        return {"vies_status": status, "calls": 1, "request_id": False}


def _date(value, fmt="%Y-%m-%d"):
    value = (value or "").strip()
    if not value:
        return False
    try:
        return datetime.strptime(value[:10], fmt).date()
    except ValueError:
        return False


def _datetime(value):
    try:
        return datetime.strptime(value or "", "%d-%m-%Y %H:%M:%S")
    except ValueError:
        return False


def fields_date(day):
    return day.isoformat() if hasattr(day, "isoformat") else str(day)


def whitelist_json(values):
    return json.dumps(values, default=str, sort_keys=True)
