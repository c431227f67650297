"""The suite's read-only entry points run on a read-only cursor (the replica
when one is configured: ``--db_replica_host/--db_replica_port``).

Odoo's test mode gives a request marked read-only a read-only test cursor
(``SET TRANSACTION READ ONLY``): a write inside it fails, and the HTTP layer
retries the request on a read/write cursor, logging "retrying with a read/write
cursor". Every read-only entry point is called here the way the web client
calls it, over HTTP: each ``@api.readonly`` method of our models through
``/web/dataset/call_button``, the reports' reads (list, grouped list, pivot,
graph) and the customer tab's fields through ``/web/dataset/call_kw``, the
routes marked ``readonly=True`` (portal pages, the XLSX, caller
identification). None may fall back to a read/write cursor. The writes of the
same screens (a PESEL reveal's log, a call event) still work.
"""

import json
import logging
from pathlib import Path

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))
GROUPS = [
    "base.group_user",
    "base.group_partner_manager",
    "sales_team.group_sale_manager",
    "account.group_account_manager",
    "stock.group_stock_manager",
    "helpdesk_mgmt.group_helpdesk_manager",
]
# refusals with a message are answers (the record did not suit the button)
ANSWERS = ("UserError", "ValidationError", "AccessError", "RedirectWarning")
# the reports of the suite, read as their list, pivot and graph views read them
REPORTS = {
    "crm.receivable.aging": ["partner_id", "bucket"],
    "crm.history": ["partner_id"],
    "crm.customer.value": ["segment_id"],
    "crm.basket.pair": ["product_id"],
    "crm.service.device.history": ["lot_id"],
}


class FallbackRecorder(logging.Handler):
    """Records the HTTP layer's "retrying with a read/write cursor"."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.fallbacks = []

    def emit(self, record):
        if "retrying with a read/write cursor" in record.getMessage():
            self.fallbacks.append(record.getMessage())


@tagged("post_install", "-at_install")
class TestReadonly(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = [ref for ref in GROUPS if cls.env.ref(ref, raise_if_not_found=False)]
        groups += [
            f"{data.module}.{data.name}"
            for data in cls.env["ir.model.data"].search(
                [("model", "=", "res.groups"), ("module", "in", ADDONS)]
            )
        ]
        company = cls.env.ref("base.main_company")
        cls.user = new_test_user(
            cls.env,
            "readonly_user",
            groups=",".join(groups),
            company_id=company.id,
            company_ids=[(6, 0, company.ids)],
            lang="en_US",
        )
        cls.company = company

    def setUp(self):
        super().setUp()
        self.recorder = FallbackRecorder()
        logger = logging.getLogger("odoo.http")
        logger.addHandler(self.recorder)
        self.addCleanup(logger.removeHandler, self.recorder)

    def assertNoFallback(self, what):
        self.assertFalse(
            self.recorder.fallbacks,
            f"{what} wrote on a read-only cursor: {self.recorder.fallbacks}",
        )
        self.recorder.fallbacks.clear()

    def _call(self, route, model, method, args, kwargs=None):
        context = {"allowed_company_ids": self.company.ids, "lang": "en_US"}
        try:
            return self.make_jsonrpc_request(
                f"{route}/{model}.{method}",
                {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": {"context": context, **(kwargs or {})},
                },
                timeout=60,
            )
        except JsonRpcException as error:
            if not any(name in error.args[0] for name in ANSWERS):
                raise
            return None

    def _readonly_methods(self):
        """(model, method) of every ``@api.readonly`` method of our addons."""
        found = set()
        for name in self.env.registry:
            for cls in type(self.env[name]).mro():
                if getattr(cls, "_module", None) not in ADDONS:
                    continue
                for attr, value in vars(cls).items():
                    if callable(value) and getattr(value, "_readonly", False):
                        found.add((name, attr))
        return sorted(found)

    def _record(self, model):
        Model = self.env[model].with_user(self.user).with_company(self.company)
        if Model.is_transient():
            try:
                with self.env.cr.savepoint():
                    return Model.create({})
            except Exception:  # noqa: BLE001 - a wizard needing values: none
                return Model
        return Model.search([], limit=1)

    def test_readonly_buttons(self):
        self.authenticate("readonly_user", "readonly_user")
        methods = self._readonly_methods()
        # the buttons the issue lists, at least
        for expected in [
            ("crm.receivable.aging", "action_open_document"),
            ("crm.receivable.aging", "action_print_pdf"),
            ("res.partner", "action_open_crm_history"),
            ("res.partner", "action_crm_open_aging"),
            ("crm.service.device.history", "action_open_record"),
            ("stock.lot", "action_open_service_history"),
        ]:
            self.assertIn(expected, methods)
        called = 0
        for model, method in methods:
            record = self._record(model)
            self._call("/web/dataset/call_button", model, method, [record.ids])
            self.assertNoFallback(f"{model}.{method}")
            called += 1
        self.assertGreater(called, 30)

    def test_report_reads(self):
        """The reports as the list, grouped list, pivot and graph read them."""
        self.authenticate("readonly_user", "readonly_user")
        for model, groupby in REPORTS.items():
            if model not in self.env:
                continue
            fields = self.env[model]._fields
            spec = {
                name: {}
                for name, field in fields.items()
                if field.type not in ("one2many", "many2many", "binary")
                and name not in ("id",)
            }
            self._call(
                "/web/dataset/call_kw",
                model,
                "web_search_read",
                [],
                {"specification": spec, "domain": [], "limit": 80},
            )
            self.assertNoFallback(f"{model} list")
            self._call(
                "/web/dataset/call_kw",
                model,
                "web_read_group",
                [],
                {"domain": [], "groupby": groupby[:1], "aggregates": ["__count"]},
            )
            self.assertNoFallback(f"{model} grouped list")
            self._call(
                "/web/dataset/call_kw",
                model,
                "formatted_read_group",
                [],
                {"domain": [], "groupby": groupby, "aggregates": ["__count"]},
            )
            self.assertNoFallback(f"{model} pivot and graph")
        # the aging as of a year back, grouped by customer and bucket
        self.make_jsonrpc_request(
            "/web/dataset/call_kw/crm.receivable.aging.web_read_group",
            {
                "model": "crm.receivable.aging",
                "method": "web_read_group",
                "args": [],
                "kwargs": {
                    "domain": [],
                    "groupby": ["partner_id"],
                    "aggregates": ["amount_residual:sum"],
                    "context": {
                        "crm_aging_date": "2025-01-31",
                        "allowed_company_ids": self.company.ids,
                    },
                },
            },
        )
        self.assertNoFallback("the aging as of a date")

    def test_customer_tab(self):
        """The partner form's fields of our addons (the customer tab, the
        smart buttons' counts): computed on a read-only cursor."""
        self.authenticate("readonly_user", "readonly_user")
        partner = self.env["res.partner"].search(
            [("customer_rank", ">", 0), ("is_company", "=", True)], limit=1
        ) or self.env["res.partner"].search([], limit=1)
        spec = {
            name: {}
            for name, field in self.env["res.partner"]._fields.items()
            if field._module in ADDONS
            and field.type not in ("one2many", "many2many")
            and (not field.groups or self.user.has_groups(field.groups))
        }
        self.assertTrue(spec)
        self._call(
            "/web/dataset/call_kw",
            "res.partner",
            "web_read",
            [partner.ids],
            {"specification": spec},
        )
        self.assertNoFallback("the customer tab")

    def test_portal_pages(self):
        portal = self.env.ref("base.demo_user0", raise_if_not_found=False)
        if not portal:
            portal = new_test_user(
                self.env, "readonly_portal", groups="base.group_portal"
            )
            login = "readonly_portal"
        else:
            portal.password = "readonly_portal"
            login = portal.login
        self.authenticate(login, "readonly_portal")
        partner = portal.partner_id.commercial_partner_id
        # /my/offers is read/write: it creates the offers' access tokens
        pages = ["/my/crm_documents", "/my/devices"]
        if "stock.lot" in self.env and "customer_id" in self.env["stock.lot"]._fields:
            device = self.env["stock.lot"].search(
                [("customer_id", "=", partner.id)], limit=1
            )
            if device:
                pages.append(f"/my/devices/{device.id}")
        for page in pages:
            response = self.url_open(page, timeout=60)
            self.assertEqual(response.status_code, 200, page)
            self.assertNoFallback(page)

    def test_xlsx_route(self):
        self.authenticate("readonly_user", "readonly_user")
        response = self.url_open(
            "/crm_analytics/receivables/xlsx?"
            f"as_of=2025-06-30&domain=[]&companies={self.company.id}",
            timeout=120,
        )
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"PK"))
        self.assertNoFallback("the XLSX route")

    def test_caller_identification_reads_and_call_events_write(self):
        pbx = self.env["crm.pbx"].create(
            {"name": "Read-only test PBX", "company_id": self.company.id}
        )
        key = pbx._generate_key()
        headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
        response = self.url_open(
            "/crm_contacts_ext/pbx/identify",
            data=json.dumps({"number": "+48 601 234 567"}),
            headers=headers,
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertNoFallback("caller identification")
        response = self.url_open(
            "/crm_contacts_ext/pbx/event",
            data=json.dumps(
                {"call_id": "ro-1", "event": "ringing", "caller": "+48601234567"}
            ),
            headers=headers,
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(
            self.env["crm.call"].search_count([("call_ref", "=", "ro-1")]), 1
        )

    def test_pesel_reveal_logs_on_the_primary(self):
        """The reveal writes its log: a read/write request (not read-only)."""
        self.authenticate("readonly_user", "readonly_user")
        person = self.env["res.partner"].create(
            {"name": "Jan Odczytowy", "is_company": False, "pesel": "44051401359"}
        )
        Log = self.env["crm.pesel.reveal.log"]
        before = Log.search_count([("partner_id", "=", person.id)])
        action = self._call(
            "/web/dataset/call_button",
            "res.partner",
            "action_reveal_pesel",
            [person.ids],
        )
        self.assertEqual(action["context"]["default_pesel"], "44051401359")
        self.assertEqual(Log.search_count([("partner_id", "=", person.id)]), before + 1)
        self.assertNoFallback("the PESEL reveal")
