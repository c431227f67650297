from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_contacts_ext.models.crm_history import CrmHistory

from .common import CrmContactsCase


@tagged("post_install", "-at_install")
class TestHistory(CrmContactsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.History = cls.env["crm.history"]
        now = datetime.now().replace(microsecond=0)
        cls.days_ago = {n: now - timedelta(days=n) for n in range(1, 12)}
        cls.company_a.message_post(
            body="Customer called about prices",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        ).date = cls.days_ago[9]
        cls.company_a.message_post(
            body="Offer sent",
            subject="Our offer",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        ).date = cls.days_ago[8]
        cls.env["calendar.event"].create(
            {
                "name": "Visit at Alfa",
                "start": cls.days_ago[7],
                "stop": cls.days_ago[7] + timedelta(hours=1),
                "partner_ids": [Command.set(cls.person.ids)],
            }
        )
        cls.person.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Call back Jan",
            date_deadline=(now + timedelta(days=2)).date(),
        )
        product = cls.env["product.product"].create(
            {"name": "Shelf T", "list_price": 10}
        )
        quotation = cls.env["sale.order"].create(
            {
                "partner_id": cls.company_a.id,
                "date_order": cls.days_ago[6],
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        order = quotation.copy({"date_order": cls.days_ago[5]})
        order.action_confirm()
        order.date_order = cls.days_ago[5]
        cls.quotation, cls.order = quotation, order
        cls.invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.company_a.id,
                "invoice_date": cls.days_ago[3].date(),
                "invoice_line_ids": [Command.create({"name": "x", "price_unit": 10})],
            }
        )
        cls.invoice.action_post()
        cls.refund = cls.invoice._reverse_moves()
        cls.refund.invoice_date = cls.days_ago[2].date()
        cls.refund.action_post()
        cls.company_b.message_post(body="Not Alfa's business", message_type="comment")

    def _history(self, partner, user=None):
        action = partner.action_open_crm_history()
        History = self.History.with_user(user) if user else self.History
        return History.search(action["domain"])

    def test_contents_and_order(self):
        lines = self._history(self.company_a)
        self.assertEqual(
            lines.mapped("kind"),
            [
                "activity",
                "refund",
                "invoice",
                "order",
                "quotation",
                "meeting",
                "message",
                "note",
            ],
        )
        self.assertEqual(
            lines.mapped("date"), sorted(lines.mapped("date"), reverse=True)
        )
        self.assertEqual(
            lines.filtered(lambda h: h.kind == "activity").partner_id,
            self.person,
            "a company's history includes its people",
        )
        self.assertEqual(
            lines.filtered(lambda h: h.kind == "message").name, "Our offer"
        )
        self.assertIn(
            "Customer called", lines.filtered(lambda h: h.kind == "note").name
        )
        self.assertEqual(self.company_a.crm_history_count, 8)
        invoice_line = lines.filtered(lambda h: h.kind == "invoice")
        action = invoice_line.action_open_document()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("account.move", self.invoice.id)
        )
        self.assertEqual(
            lines.filtered(lambda h: h.kind == "refund").amount,
            -self.invoice.amount_total,
        )

    def test_person_sees_only_own_events(self):
        lines = self._history(self.person)
        self.assertEqual(sorted(lines.mapped("kind")), ["activity", "meeting"])

    def test_employees_of_another_company_count_for_it(self):
        self.env["crm.employment"].create(
            {"person_id": self.person.id, "employer_id": self.company_b.id}
        )
        kinds = self._history(self.company_b).mapped("kind")
        self.assertIn("meeting", kinds)
        self.assertIn("note", kinds, "and its own note")

    def test_subsidiaries_optional(self):
        self.company_b.crm_group_parent_id = self.company_a
        plain = self._history(self.company_a)
        with_group = self.History.search(
            self.company_a.with_context(
                crm_history_include_subsidiaries=True
            ).action_open_crm_history()["domain"]
        )
        self.assertEqual(len(with_group) - len(plain), 1)

    def test_filter_by_kind_and_date(self):
        domain = self.company_a.action_open_crm_history()["domain"]
        sales = self.History.search(domain + [("kind", "in", ("quotation", "order"))])
        self.assertEqual(sales.mapped("res_id"), [self.order.id, self.quotation.id])
        recent = self.History.search(domain + [("date", ">=", self.days_ago[4])])
        self.assertEqual(recent.mapped("kind"), ["activity", "refund", "invoice"])

    def test_salesman_without_personal_data_sees_no_pesel(self):
        self.person.sudo().pesel = "85071512348"
        self.person.message_post(body="Visit planned", message_type="comment")
        lines = self._history(self.company_a, user=self.salesman)
        self.assertTrue(lines)
        text = str(lines.read([f for f in self.History._fields if f != "id"]))
        self.assertNotIn("85071512348", text)
        self.assertIn("Visit planned", text)

    def test_private_meeting_of_someone_else_reads_busy(self):
        """The calendar shows another user's private meeting as "Busy": so
        does the history (its summary used to come straight from SQL)."""
        organiser = new_test_user(
            self.env, "history_organiser", groups="base.group_user"
        )
        self.env["calendar.event"].with_user(organiser).create(
            {
                "name": "Takeover talks with Alfa",
                "start": self.days_ago[4],
                "stop": self.days_ago[4] + timedelta(hours=1),
                "privacy": "private",
                "partner_ids": [Command.set(self.person.ids)],
            }
        )

        def meetings(user):
            self.env.invalidate_all()  # one request, one user
            lines = self._history(self.company_a, user=user)
            return sorted(lines.filtered(lambda h: h.kind == "meeting").mapped("name"))

        self.assertEqual(meetings(self.salesman), ["Busy", "Visit at Alfa"])
        self.assertEqual(
            meetings(organiser), ["Takeover talks with Alfa", "Visit at Alfa"]
        )
        self.env.invalidate_all()
        lines = self._history(self.company_a, user=self.salesman)
        self.assertNotIn("Takeover", str(lines.read(["name"])))
        # nor found by a word of its real title, but by its organiser
        domain = self.company_a.action_open_crm_history()["domain"] + [
            ("name", "ilike", "takeover")
        ]
        self.assertFalse(self.History.with_user(self.salesman).search(domain))
        self.env.invalidate_all()
        self.assertEqual(
            self.History.with_user(organiser).search(domain).mapped("name"),
            ["Takeover talks with Alfa"],
        )
        self.assertEqual(
            len(
                self.History.with_user(self.salesman).search(
                    domain[:-1] + [("kind", "=", "meeting")]
                )
            ),
            2,
        )

    def test_all_day_events_at_midnight_where_the_reader_is(self):
        """An activity's deadline is a day: shown at 00:00 of that day to a
        reader in Warsaw (not 01:00) and in New York (not the day before)."""
        self.person.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Winter call",
            date_deadline=date(2026, 1, 15),
        )
        for tz, utc_moment in (
            ("Europe/Warsaw", datetime(2026, 1, 14, 23, 0)),
            ("America/New_York", datetime(2026, 1, 15, 5, 0)),
        ):
            self.salesman.tz = tz
            self.env.invalidate_all()
            line = self._history(self.company_a, user=self.salesman).filtered(
                lambda h: h.name == "Winter call"
            )
            self.assertEqual(line.date, utc_moment)
            self.assertEqual(line.read(["date"])[0]["date"], utc_moment)
        # a meeting is a moment: untouched
        meeting = self._history(self.company_a, user=self.salesman).filtered(
            lambda h: h.name == "Visit at Alfa"
        )
        self.assertEqual(meeting.date, self.days_ago[7])

    def test_kinds_only_for_readable_documents(self):
        user = new_test_user(self.env, "history_plain", groups="base.group_user")
        kinds = set(self._history(self.company_a, user=user).mapped("kind"))
        self.assertFalse(kinds & {"quotation", "order"}, "no sales rights")
        self.assertIn("note", kinds)

    def test_extension_point_adds_a_kind(self):
        original = CrmHistory._crm_history_sources

        def sources(history):
            result = original(history)
            result["contact_created"] = {
                "label": "Contact created",
                "model": "res.partner",
                "query": "SELECT p.id, p.create_date, p.id, p.name, p.create_uid, "
                "p.company_id, 'res.partner', p.id, NULL, NULL, NULL "
                "FROM res_partner p",
            }
            return result

        with patch.object(CrmHistory, "_crm_history_sources", sources):
            self.History.init()
            lines = self._history(self.company_a)
            self.assertIn("contact_created", lines.mapped("kind"))
            self.assertEqual(len(lines), 10, "8 events + 2 contacts created")


@tagged("post_install", "-at_install")
class TestHistoryPrivateTitles(CrmContactsCase):
    """Another user's private meeting title never leaves the database for
    the salesperson: no group label, search, export, total or count."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman.group_ids |= cls.env.ref("base.group_allow_export")
        cls.organiser = new_test_user(
            cls.env, "private_organiser", groups="base.group_user"
        )
        now = datetime.now().replace(microsecond=0)
        cls.env["calendar.event"].with_user(cls.organiser).create(
            {
                "name": "Takeover talks with Alfa",
                "start": now,
                "stop": now + timedelta(hours=1),
                "privacy": "private",
                "partner_ids": [Command.set(cls.person.ids)],
            }
        )
        cls.History = cls.env["crm.history"].with_user(cls.salesman)
        cls.domain = [("partner_id", "=", cls.person.id), ("kind", "=", "meeting")]

    def test_no_path_gives_the_title(self):
        History = self.History
        seen = {
            "group by summary": History.formatted_read_group(
                self.domain, ["name"], ["__count"]
            ),
            "read_group": History.read_group(self.domain, ["name"], ["name"]),
            "array_agg": History.formatted_read_group(
                self.domain, [], ["name:array_agg", "name:count_distinct"]
            ),
            "export": History.search(self.domain).export_data(["name", "kind"]),
            "search_read": History.search_read(self.domain, ["name", "display_name"]),
            "web_search_read": History.web_search_read(
                self.domain, {"name": {}, "display_name": {}}
            ),
        }
        self.assertNotIn("Takeover", str(seen))
        self.assertIn("Busy", str(seen["group by summary"]))
        for domain in (
            [("name", "ilike", "takeover")],
            [("display_name", "ilike", "takeover")],
            [("name", "=", "Takeover talks with Alfa")],
            [("name", "in", ["Takeover talks with Alfa"])],
            [("name", "=like", "Take%")],
        ):
            with self.subTest(domain=domain):
                self.assertFalse(History.search(self.domain + domain))
                self.assertEqual(History.search_count(self.domain + domain), 0)
        self.assertFalse(History.name_search("takeover", self.domain))
        self.assertEqual(len(History.search(self.domain + [("name", "=", "Busy")])), 1)
        # its organiser reads and finds it
        organiser_history = self.env["crm.history"].with_user(self.organiser)
        self.assertTrue(
            organiser_history.search(self.domain + [("name", "ilike", "takeover")])
        )
