import json
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from unittest.mock import patch

import requests

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME


class CallCenterCommon:
    @classmethod
    def _setup_call_center(cls):
        cls.Partner = cls.env["res.partner"]
        cls.poland = cls.env.ref("base.pl")
        cls.company = cls.env["res.company"].create(
            {"name": "Call Center PL", "country_id": cls.poland.id}
        )
        cls.other_company = cls.env["res.company"].create(
            {"name": "Call Center DE", "country_id": cls.env.ref("base.de").id}
        )
        cls.manager = new_test_user(cls.env, "cc_manager", groups="base.group_user")
        cls.firm = cls.Partner.create(
            {
                "name": "Telmax sp. z o.o.",
                "is_company": True,
                "company_id": cls.company.id,
                "country_id": cls.poland.id,
                "phone": "22 621 45 00",
                "user_id": cls.manager.id,
            }
        )
        cls.person = cls.Partner.create(
            {
                "name": "Ewa Nowak",
                "parent_id": cls.firm.id,
                "company_id": cls.company.id,
                "phone": "601-987-654",
            }
        )
        cls.pbx = cls.env["crm.pbx"].create(
            {"name": "PBX PL", "company_id": cls.company.id}
        )
        cls.key = cls.pbx._generate_key()
        cls.other_pbx = cls.env["crm.pbx"].create(
            {"name": "PBX DE", "company_id": cls.other_company.id}
        )
        cls.other_key = cls.other_pbx._generate_key()
        cls.agent = new_test_user(
            cls.env,
            "cc_agent",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.agent.crm_pbx_extension = "201"


@tagged("post_install", "-at_install")
class TestCallerIdentification(CallCenterCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_call_center()

    def _identify(self, number, company=None):
        company = company or self.company
        e164 = self.Partner._crm_normalize_number(number, company)
        return e164, e164 and self.Partner._crm_caller_search(e164, company)

    def test_stored_number_is_e164_and_follows_writes(self):
        self.assertEqual(self.person.crm_phone_e164, "+48601987654")
        self.assertEqual(self.firm.crm_phone_e164, "+48226214500")
        self.person.phone = "(0048) 603 000 111"
        self.assertEqual(self.person.crm_phone_e164, "+48603000111")
        self.person.phone = "not a number"
        self.assertFalse(self.person.crm_phone_e164)

    def test_old_trunk_zero_before_a_polish_area_code(self):
        """022 123 45 67, as letterheads still print it, is +48 22 123 45 67:
        from a PBX and on a contact's card."""
        for raw in ("022 123 45 67", "(022) 123-45-67", "0221234567"):
            self.assertEqual(self._identify(raw)[0], "+48221234567", raw)
        self.person.phone = "022 123 45 67"
        self.assertEqual(self.person.crm_phone_e164, "+48221234567")
        # a foreign number or nonsense stays what it was
        self.assertEqual(self._identify("0049 30 1234567")[0], "+49301234567")
        self.assertFalse(self._identify("0123")[0])

    def test_formats_a_pbx_sends(self):
        for raw in (
            "+48 601 987 654",
            "0048601987654",
            "601-987-654",
            "601987654",
            "+48 (601) 987-654",
        ):
            e164, partners = self._identify(raw)
            self.assertEqual(e164, "+48601987654", raw)
            self.assertEqual(partners, self.person, raw)

    def test_foreign_number(self):
        german = self.Partner.create(
            {
                "name": "Hans Müller",
                "company_id": self.company.id,
                "country_id": self.env.ref("base.de").id,
                "phone": "030 1987654",
            }
        )
        self.assertEqual(german.crm_phone_e164, "+49301987654")
        self.assertEqual(self._identify("+49 30 1987654")[1], german)
        self.assertEqual(self._identify("0049301987654")[1], german)
        # the same digits read as a Polish number are someone else's
        self.assertFalse(self._identify("301987654")[1])

    def test_no_match_and_partial_numbers(self):
        self.assertFalse(self._identify("+48 601 987 655")[1])
        self.assertFalse(self._identify("987654")[1], "a part never matches")
        self.assertFalse(self._identify("601 987 654 12")[1], "nor a longer one")
        self.assertFalse(self._identify("hello")[0])

    def test_several_matches_people_first(self):
        colleague = self.Partner.create(
            {
                "name": "Adam Nowak",
                "parent_id": self.firm.id,
                "company_id": self.company.id,
                "phone": "+48 22 621 45 00",
            }
        )
        _e164, partners = self._identify("22 621 45 00")
        self.assertEqual(partners, colleague | self.firm)
        self.assertEqual(partners[0], colleague)

    def test_archived_excluded(self):
        self.person.action_archive()
        self.assertFalse(self._identify("601987654")[1])

    def test_company_isolation(self):
        self.assertFalse(self._identify("601987654", self.other_company)[1])
        shared = self.Partner.create({"name": "Shared", "phone": "+48 700 100 200"})
        self.assertEqual(self._identify("+48700100200", self.other_company)[1], shared)

    def test_caller_card(self):
        card = self.person._crm_caller_cards(self.company)[0]
        self.assertEqual(card["name"], "Ewa Nowak")
        self.assertEqual(card["company"], "Telmax sp. z o.o.")
        self.assertEqual(card["account_manager"], self.manager.name)
        self.assertEqual(card["receivable"], 0.0)


@tagged("post_install", "-at_install")
class TestCallEvents(CallCenterCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_call_center()
        cls.Call = cls.env["crm.call"]

    def _event(self, event, when, call_id="c1", **extra):
        payload = {
            "call_id": call_id,
            "event": event,
            "direction": "inbound",
            "caller": "601 987 654",
            "called": "22 100 00 00",
            "extension": "201",
            "timestamp": datetime.fromisoformat(when),
        }
        payload.update(extra)
        return self.Call._pbx_event(self.pbx, payload)

    def test_normal_sequence(self):
        call = self._event("ringing", "2026-03-02 10:00:00")
        self.assertEqual(call.state, "ringing")
        self.assertEqual(call.partner_id, self.person)
        self.assertEqual(call.user_id, self.agent)
        self.assertEqual(call.company_id, self.company)
        self.assertEqual(self._event("answered", "2026-03-02 10:00:08"), call)
        self.assertEqual(call.state, "in_progress")
        self._event("ended", "2026-03-02 10:02:08")
        self.assertEqual(call.state, "ended")
        self.assertEqual(call.outcome, "answered")
        self.assertEqual(call.duration, 120)
        self.assertEqual(self.Call.search_count([("call_ref", "=", "c1")]), 1)

    def test_ended_before_answered(self):
        call = self._event("ringing", "2026-03-02 10:00:00")
        self._event("ended", "2026-03-02 10:01:00")
        self.assertEqual((call.state, call.outcome), ("ended", "missed"))
        self._event("answered", "2026-03-02 10:00:10")
        self.assertEqual((call.state, call.outcome), ("ended", "answered"))
        self.assertEqual(call.duration, 50)

    def test_answered_first_creates_the_call(self):
        call = self._event("answered", "2026-03-02 10:00:10")
        self.assertEqual(call.state, "in_progress")
        self._event("ringing", "2026-03-02 10:00:00")
        self.assertEqual(call.state, "in_progress")
        self.assertEqual(call.ring_date, datetime(2026, 3, 2, 10, 0, 0))

    def test_duplicate_event_changes_nothing(self):
        call = self._event("ringing", "2026-03-02 10:00:00")
        self._event("answered", "2026-03-02 10:00:05")
        self._event("ended", "2026-03-02 10:01:05")
        before = call.read(
            ["state", "answer_date", "end_date", "duration", "write_date"]
        )
        self._event("ended", "2026-03-02 10:05:00")
        self._event("answered", "2026-03-02 10:03:00")
        self.assertEqual(
            call.read(["state", "answer_date", "end_date", "duration", "write_date"]),
            before,
        )

    def test_unknown_caller_and_outbound(self):
        call = self._event("ringing", "2026-03-02 10:00:00", caller="+48 500 000 000")
        self.assertFalse(call.partner_id)
        self.assertEqual(call.customer_number, "+48500000000")
        out = self._event(
            "ringing",
            "2026-03-02 11:00:00",
            call_id="c2",
            direction="outbound",
            caller="201",
            called="0048601987654",
        )
        self.assertEqual(out.partner_id, self.person)

    def test_same_call_id_on_two_pbxes(self):
        call = self._event("ringing", "2026-03-02 10:00:00")
        other = self.Call._pbx_event(
            self.other_pbx,
            {
                "call_id": "c1",
                "event": "ringing",
                "caller": "601987654",
                "timestamp": datetime(2026, 3, 2, 10, 0),
            },
        )
        self.assertNotEqual(call, other)
        self.assertFalse(other.partner_id, "company B does not see A's customers")
        self.assertEqual(other.company_id, self.other_company)

    def _last_bus_id(self):
        # the demo calls left notifications of their own
        return self.env["bus.bus"].sudo().search([], order="id desc", limit=1).id

    def test_ringing_notifies_the_user_of_the_extension(self):
        before = self._last_bus_id()
        self._event("ringing", "2026-03-02 10:00:00")
        self._event("ringing", "2026-03-02 10:00:00", call_id="c2", extension="999")
        self.env.cr.precommit.run()
        notes = (
            self.env["bus.bus"]
            .sudo()
            .search([("message", "like", "Incoming call"), ("id", ">", before)])
        )
        self.assertEqual(len(notes), 1, "only the known extension is notified")
        self.assertIn("Ewa Nowak", notes.message)
        self.assertIn(f'"res.partner",{self.agent.partner_id.id}]', notes.channel)

    def test_board_notified_on_the_company_channel(self):
        before = self._last_bus_id()
        call = self._event("ringing", "2026-03-02 10:00:00")
        self.env.cr.precommit.run()
        notes = (
            self.env["bus.bus"]
            .sudo()
            .search(
                [
                    ("message", "like", "crm_contacts_ext.call_update"),
                    ("id", ">", before),
                ]
            )
        )
        self.assertEqual(len(notes), 1)
        self.assertIn(f'"res.company",{self.company.id},"crm_calls"]', notes.channel)
        self.assertIn(f'"id":{call.id}', notes.message)

    def test_note_becomes_activity(self):
        call = self._event("ringing", "2026-03-02 10:00:00")
        with self.assertRaises(UserError):
            call.action_create_activity()
        call.note = "Wants a callback about the offer"
        action = call.action_create_activity()
        activity = self.env["mail.activity"].browse(action["res_id"])
        self.assertEqual(activity.res_model, "res.partner")
        self.assertEqual(activity.res_id, self.person.id)
        self.assertIn("Wants a callback", str(activity.note))

    def test_note_of_blanks_is_no_note(self):
        """A note of spaces and line breaks used to give an empty activity."""
        call = self._event("ringing", "2026-03-02 10:00:00")
        call.note = "  \n  "
        before = self.person.activity_ids
        with self.assertRaises(UserError):
            call.action_create_activity()
        self.assertEqual(self.person.activity_ids, before)
        call.note = "Wants a callback\nabout the offer  "
        activity = self.env["mail.activity"].browse(
            call.action_create_activity()["res_id"]
        )
        self.assertEqual(
            str(activity.note), "<p>Wants a callback<br>about the offer</p>"
        )

    def test_call_in_history(self):
        call = self._event("ringing", "2026-03-02 10:00:00")
        self._event("ended", "2026-03-02 10:00:30")
        self.env.flush_all()
        lines = self.env["crm.history"].search(
            [("partner_id", "=", self.person.id), ("kind", "=", "call")]
        )
        self.assertEqual(len(lines), 1)
        self.assertEqual(lines.res_id, call.id)
        self.assertIn("missed", lines.name)
        self.assertEqual(self.firm.crm_call_count, 1)

    def test_call_in_history_in_the_readers_language(self):
        """A Polish reader saw "missed" in the History: the SQL's word."""
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env["ir.module.module"]._load_module_terms(["crm_contacts_ext"], ["pl_PL"])
        self._event("ringing", "2026-03-02 10:00:00")
        self._event("ended", "2026-03-02 10:00:30")
        answered = self._event("ringing", "2026-03-02 11:00:00", call_id="c2")
        self._event("answered", "2026-03-02 11:00:05", call_id="c2")
        self._event("ended", "2026-03-02 11:02:10", call_id="c2")
        answered.note = "Wants the offer"
        self.env.flush_all()
        lines = (
            self.env["crm.history"]
            .with_user(self.agent)
            .with_context(lang="pl_PL")
            .search([("partner_id", "=", self.person.id), ("kind", "=", "call")])
        )
        self.assertEqual(
            lines.mapped("name"),
            ["↙ +48601987654 – 2:05 – Wants the offer", "↙ +48601987654 – Nieodebrane"],
        )

    def test_duration_as_hours_minutes_seconds(self):
        """328 seconds read 5:28 in the History and 0:05:28 in the call log
        (hours for the float_time widget), an hour-long call 1:02:03."""
        short = self._event("answered", "2026-03-02 11:00:00", call_id="d1")
        self._event("ended", "2026-03-02 11:05:28", call_id="d1")
        long = self._event("answered", "2026-03-02 12:00:00", call_id="d2")
        self._event("ended", "2026-03-02 13:02:03", call_id="d2")
        self.assertEqual((short.duration, long.duration), (328, 3723))
        self.assertAlmostEqual(short.duration_time, 328 / 3600)
        self.env.flush_all()
        names = self.env["crm.history"].search(
            [("res_model", "=", "crm.call"), ("res_id", "in", (short + long).ids)]
        )
        self.assertEqual(
            sorted(name.split(" – ")[1] for name in names.mapped("name")),
            ["1:02:03", "5:28"],
        )
        for view in ("list", "form"):
            arch = self.Call.get_views([(False, view)])["views"][view]["arch"]
            self.assertIn('name="duration_time" widget="float_time"', arch, view)
            self.assertNotIn('name="duration"', arch, view)

    def test_access_per_company_and_group(self):
        call = self._event("ringing", "2026-03-02 10:00:00")
        outsider = new_test_user(
            self.env,
            "cc_outsider",
            groups="base.group_user",
            company_id=self.other_company.id,
            company_ids=[(6, 0, self.other_company.ids)],
        )
        self.assertFalse(self.Call.with_user(outsider).search([("id", "=", call.id)]))
        call.with_user(self.agent).note = "ok"
        with self.assertRaises(AccessError):
            self.Call.with_user(self.agent).create(
                {"call_ref": "x", "pbx_id": self.pbx.id, "company_id": self.company.id}
            )
        with self.assertRaises(AccessError):
            self.pbx.with_user(self.agent).write({"name": "hacked"})
        with self.assertRaises(AccessError):
            self.pbx.with_user(self.agent).read(["key_hash"])


@tagged("post_install", "-at_install")
class TestPbxEndpoints(CallCenterCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_call_center()

    def _post(self, path, body, key=None, raw=False):
        headers = {"Content-Type": "application/json"}
        if key is not None:
            headers["Authorization"] = f"Bearer {key}"
        data = body if raw else json.dumps(body)
        return self.url_open(
            f"/crm_contacts_ext/pbx/{path}", data=data, headers=headers
        )

    def test_identify(self):
        response = self._post("identify", {"number": "0048 601-987-654"}, self.key)
        self.assertEqual(response.status_code, 200)
        answer = response.json()
        self.assertEqual(answer["number"], "+48601987654")
        self.assertEqual([m["id"] for m in answer["matches"]], [self.person.id])
        self.assertEqual(answer["matches"][0]["company"], "Telmax sp. z o.o.")
        self.assertEqual(answer["matches"][0]["account_manager"], self.manager.name)

    def test_identify_no_match(self):
        response = self._post("identify", {"number": "+48 500 600 700"}, self.key)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"number": "+48500600700", "matches": []})

    def test_other_company_key_sees_nothing(self):
        response = self._post("identify", {"number": "+48601987654"}, self.other_key)
        self.assertEqual(response.json()["matches"], [])

    def test_bad_keys(self):
        for key, status in ((None, 401), ("", 401), ("wrong", 403)):
            response = self._post("event", {"call_id": "k", "event": "ringing"}, key)
            self.assertEqual(response.status_code, status, key)
            self.assertIn("error", response.json())
        self.pbx.action_revoke_key()
        response = self._post("identify", {"number": "601987654"}, self.key)
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self.env["crm.call"].search([("call_ref", "=", "k")]))

    def test_archived_pbx_refused(self):
        self.pbx.action_archive()
        self.assertEqual(
            self._post("identify", {"number": "601987654"}, self.key).status_code, 403
        )

    def test_malformed_bodies(self):
        cases = [
            ("{not json", "not valid JSON"),
            ("[1, 2]", "JSON object"),
            (json.dumps({"number": 601987654}), "'number' must be a non-empty string"),
            (json.dumps({"number": "601", "extra": 1}), "Unknown keys: extra"),
            (json.dumps({}), "'number' must be"),
            (json.dumps({"number": "1" * 40}), "longer than 32"),
        ]
        for body, message in cases:
            response = self._post("identify", body, self.key, raw=True)
            self.assertEqual(response.status_code, 400, body)
            self.assertIn(message, response.json()["error"], body)

    def test_bad_events_write_nothing(self):
        for body in (
            {"call_id": "b1", "event": "hangup"},
            {"call_id": "b1", "event": "ringing", "direction": "sideways"},
            {"call_id": "b1", "event": "ringing", "timestamp": "yesterday"},
            {"event": "ringing"},
        ):
            response = self._post("event", body, self.key)
            self.assertEqual(response.status_code, 400, body)
        self.assertFalse(self.env["crm.call"].search([("pbx_id", "=", self.pbx.id)]))

    def test_oversized_body(self):
        body = json.dumps({"number": "601987654", "pad": "x" * 10000})
        response = self._post("identify", body, self.key, raw=True)
        self.assertEqual(response.status_code, 413)

    def test_event_sequence_over_http(self):
        base = {"call_id": "h1", "caller": "601 987 654", "extension": "201"}
        answer = self._post(
            "event",
            dict(base, event="ringing", timestamp="2026-03-02T11:00:00+01:00"),
            self.key,
        ).json()
        self.assertEqual(answer["state"], "ringing")
        self.assertEqual(answer["partner"], self.person.id)
        answer = self._post(
            "event", dict(base, event="ended", timestamp=1772445660), self.key
        ).json()
        self.assertEqual((answer["state"], answer["outcome"]), ("ended", "missed"))
        call = self.env["crm.call"].browse(answer["call"])
        self.assertEqual(call.ring_date, datetime(2026, 3, 2, 10, 0, 0))
        self.assertEqual(call.end_date, datetime(2026, 3, 2, 10, 1, 0))
        self.assertEqual(call.user_id, self.agent)

    def test_concurrent_events_of_a_new_call(self):
        """Six posts of one new call at once, from six threads: every answer is
        the JSON of the call's state, and there is one call. (The test server
        shares one test cursor between requests: they are sent at once but
        run one after the other on the server; the race itself is in the next
        test, and
        bench/crm_contacts_ext_pbx_concurrency.py runs it on a real server.)"""
        events = ["ringing", "ringing", "answered", "ringing", "answered", "ringing"]

        def post(event):
            # url_open takes the test lock of the main thread: plain requests
            # with the test cursor's cookie
            return requests.post(
                f"{self.base_url()}/crm_contacts_ext/pbx/event",
                json={"call_id": "par1", "event": event, "caller": "601987654"},
                headers={"Authorization": f"Bearer {self.key}"},
                cookies={TEST_CURSOR_COOKIE_NAME: self.http_request_key},
                timeout=30,
            )

        with self.allow_requests(), ThreadPoolExecutor(len(events)) as pool:
            responses = list(pool.map(post, events))
        self.assertEqual([r.status_code for r in responses], [200] * len(events))
        answers = [r.json() for r in responses]
        calls = self.env["crm.call"].search([("call_ref", "=", "par1")])
        self.assertEqual(len(calls), 1)
        self.assertEqual({a["call"] for a in answers}, {calls.id})
        self.assertEqual(calls.state, "in_progress")

    def test_call_created_by_a_concurrent_event(self):
        """The race of two first events of one call: this request does not
        see the call (another transaction creates it meanwhile), its insert
        hits the unique call ID; the request is retried and answers the JSON
        of the call, not a 422 page, and the call stays one."""
        call = self.env["crm.call"]._pbx_event(
            self.pbx,
            {
                "call_id": "race1",
                "event": "ringing",
                "caller": "601987654",
                "timestamp": datetime(2026, 3, 2, 10, 0, 0),
            },
        )
        Call = type(self.env["crm.call"])
        search = Call.search
        missed = []

        def search_missing_once(model, domain, *args, **kwargs):
            if ("call_ref", "=", "race1") in domain and not missed:
                missed.append(domain)
                return model.browse()
            return search(model, domain, *args, **kwargs)

        with (
            patch.object(Call, "search", search_missing_once),
            patch("odoo.service.model.time.sleep"),
        ):
            response = self._post(
                "event", {"call_id": "race1", "event": "answered"}, self.key
            )
        self.assertTrue(missed)
        self.assertEqual(response.status_code, 200)
        self.assertIn("application/json", response.headers["Content-Type"])
        answer = response.json()
        self.assertEqual((answer["call"], answer["state"]), (call.id, "in_progress"))
        self.assertEqual(
            self.env["crm.call"].search_count([("call_ref", "=", "race1")]), 1
        )


@tagged("post_install", "-at_install")
class TestCallBoardTour(HttpCase):
    def test_call_board_tour(self):
        company = self.env.company
        firm = self.env["res.partner"].create(
            {"name": "Tour Meble", "is_company": True, "phone": "+48 22 555 00 00"}
        )
        person = self.env["res.partner"].create(
            {"name": "Ewa Tourowa", "parent_id": firm.id, "phone": "+48 601 555 123"}
        )
        pbx = self.env["crm.pbx"].create({"name": "Tour PBX", "company_id": company.id})
        user = new_test_user(
            self.env,
            "tour_caller",
            groups="base.group_user,base.group_partner_manager",
        )
        user.crm_pbx_extension = "301"
        call = self.env["crm.call"]._pbx_event(
            pbx,
            {
                "call_id": "tour-1",
                "event": "ringing",
                "caller": "0048 601 555 123",
                "extension": "301",
                "timestamp": datetime(2026, 3, 2, 10, 0),
            },
        )
        self.assertEqual(call.partner_id, person)
        self.start_tour(
            "/odoo/action-crm_contacts_ext.crm_call_action_active",
            "crm_contacts_ext_call_tour",
            login="tour_caller",
        )
        self.assertEqual(call.note, "Wants a quotation for 10 desks")
        activity = person.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, user)
        self.assertIn("10 desks", str(activity.note))
