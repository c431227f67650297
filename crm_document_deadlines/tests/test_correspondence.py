from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import freeze_time
from odoo.tools.safe_eval import safe_eval

from .common import DocumentsCase


@tagged("post_install", "-at_install")
class TestCorrespondence(DocumentsCase):
    def _entry(self, **values):
        vals = {
            "direction": "incoming",
            "subject": "Question about the invoice",
            "partner_id": self.partner.id,
        }
        vals.update(values)
        return self.env["crm.correspondence"].create(vals)

    def test_business_days_across_polish_holidays(self):
        company = self.env.company
        add = company.crm_add_business_days
        # 1 May 2027 is a Saturday, 3 May a Monday holiday
        self.assertEqual(add(date(2027, 4, 30), 1), date(2027, 5, 4))
        # 1 May 2026 (Friday) holiday, 3 May on a Sunday
        self.assertEqual(add(date(2026, 4, 30), 3), date(2026, 5, 6))
        # 11 November 2026 is a Wednesday
        self.assertEqual(add(date(2026, 11, 10), 2), date(2026, 11, 13))
        # 24 (since 2025), 25 and 26 December
        self.assertEqual(add(date(2026, 12, 23), 2), date(2026, 12, 29))
        # New Year and Epiphany
        self.assertEqual(add(date(2026, 12, 31), 2), date(2027, 1, 5))
        self.assertEqual(add(date(2026, 12, 31), 3), date(2027, 1, 7))
        # the company's own day off counts too
        self.env["crm.company.day.off"].create(
            {"name": "Bridge day", "date": date(2026, 11, 12)}
        )
        self.assertEqual(add(date(2026, 11, 10), 2), date(2026, 11, 16))
        entry = self._entry(date=date(2026, 11, 10), reply_days=2)
        self.assertEqual(entry.reply_due, date(2026, 11, 16))
        self.assertEqual(entry.reply_state, "pending")

    def test_numbering_per_year_restarts(self):
        first = self._entry(date=date(2031, 12, 30))
        second = self._entry(date=date(2031, 12, 31))
        new_year = self._entry(date=date(2032, 1, 2))
        outgoing = self._entry(direction="outgoing", date=date(2032, 1, 2))
        self.assertRegex(first.name, r"^KP/2031/\d{5}$")
        self.assertEqual(int(second.name[-5:]), int(first.name[-5:]) + 1)
        self.assertEqual(new_year.name, "KP/2032/00001")
        self.assertEqual(outgoing.name, "KW/2032/00001")

    def test_numbering_per_company(self):
        other = self.env["res.company"].create({"name": "Oddział Kraków"})
        self.env["ir.sequence"].create(
            {
                "name": "Incoming, Kraków",
                "code": "crm.correspondence.incoming",
                "prefix": "KP/KRK/%(range_year)s/",
                "padding": 4,
                "use_date_range": True,
                "company_id": other.id,
            }
        )
        here = self._entry(date=date(2033, 3, 1))
        there = self._entry(date=date(2033, 3, 1), company_id=other.id)
        self.assertEqual(here.name, "KP/2033/00001")
        self.assertEqual(there.name, "KP/KRK/2033/0001")

    def test_forwarding_log_and_my_correspondence(self):
        entry = self._entry(reply_days=5).with_user(self.user_a)
        forward = (
            self.env["crm.correspondence.forward"]
            .with_user(self.user_a)
            .create(
                {
                    "correspondence_id": entry.id,
                    "to_user_id": self.user_b.id,
                    "note": "Please answer",
                }
            )
        )
        self.assertEqual(forward.from_user_id, self.user_a)
        self.assertEqual(entry.sudo().holder_user_id, self.user_b)
        activity = entry.sudo().activity_ids
        self.assertEqual(activity.user_id, self.user_b)
        mine = self.env.ref("crm_document_deadlines.crm_correspondence_action_mine")
        self.assertIn(
            entry,
            self.env["crm.correspondence"]
            .with_user(self.user_b)
            .search(safe_eval(mine.domain, {"uid": self.user_b.id})),
        )
        with self.assertRaises(ValidationError) as cm:
            self.env["crm.correspondence.forward"].create(
                {"correspondence_id": entry.id}
            )
        self.assertRegex(str(cm.exception), "choose the person or the department")
        self.assertEqual(len(entry.sudo().forward_ids), 1)

    def test_forward_only_to_someone_who_can_open_it(self):
        """A letter forwarded to a salesperson without access to the register
        was held by someone who could not open it (nor its activity)."""
        entry = self._entry(reply_days=5, holder_user_id=self.user_a.id)
        outsider = new_test_user(
            self.env, "doc_outsider", groups="base.group_user", name="Olga Obca"
        )
        Forward = self.env["crm.correspondence.forward"].with_user(self.user_a)
        # the dialog offers only the users of the register
        domain = Forward.fields_get(["to_user_id"], ["domain"])["to_user_id"]["domain"]
        offered = self.env["res.users"].search(domain)
        self.assertNotIn(outsider, offered)
        self.assertIn(self.user_b, offered)
        with self.assertRaises(ValidationError) as cm:
            Forward.create({"correspondence_id": entry.id, "to_user_id": outsider.id})
        self.assertRegex(str(cm.exception), "Olga Obca cannot open correspondence")
        # nor to a user of the register in another company only
        other_company = self.env["res.company"].create({"name": "Other (test)"})
        elsewhere = new_test_user(
            self.env,
            "doc_elsewhere",
            groups="base.group_user,crm_document_deadlines.group_document_user",
            company_id=other_company.id,
            company_ids=[(6, 0, other_company.ids)],
            name="Ewa Gdzieindziej",
        )
        with self.assertRaises(ValidationError):
            Forward.create({"correspondence_id": entry.id, "to_user_id": elsewhere.id})
        self.assertEqual(entry.holder_user_id, self.user_a)
        self.assertFalse(entry.forward_ids)
        self.assertFalse(entry.activity_ids)

    def test_related_record_types_in_the_users_language(self):
        """The related-record choices were the models' English descriptions
        ("Journal Entry") in a Polish interface."""
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_document_deadlines"], ["pl_PL"]
        )
        Document = self.env["crm.document"]
        polish = Document.with_context(lang="pl_PL")._link_model_labels()
        self.assertEqual(
            polish,
            {
                "sale.order": "Zamówienie sprzedaży",
                "account.move": "Faktura",
                "helpdesk.ticket": "Zgłoszenie helpdesk",
            },
        )
        self.assertEqual(
            Document.with_context(lang="en_US")._link_model_labels()["account.move"],
            "Invoice",
        )
        # both fields offer the installed ones with these labels
        installed = [(m, polish[m]) for m in polish if m in self.env]
        for model, fname in (
            ("crm.document", "link_ref"),
            ("crm.correspondence", "related_ref"),
        ):
            description = (
                self.env[model]
                .with_context(lang="pl_PL")
                .fields_get([fname], ["selection"])[fname]
            )
            self.assertEqual(
                [tuple(option) for option in description["selection"]], installed
            )

    def test_reply_and_overdue(self):
        with freeze_time("2026-11-09"):
            entry = self._entry(reply_days=3, holder_user_id=self.user_a.id)
            self.assertEqual(entry.date, date(2026, 11, 9))
            # Tue 10, Thu 12, Fri 13 (11 November is a holiday)
            self.assertEqual(entry.reply_due, date(2026, 11, 13))
        Entry = self.env["crm.correspondence"]
        with freeze_time("2026-11-10"):
            Entry._cron_deadlines()
            self.assertFalse(entry.activity_ids)
        with freeze_time("2026-11-11"):
            Entry._cron_deadlines()
            Entry._cron_deadlines()
            self.assertEqual(len(entry.activity_ids), 1)
            self.assertEqual(entry.activity_ids.user_id, self.user_a)
        with freeze_time("2026-11-14"):
            Entry._cron_deadlines()
            Entry._cron_deadlines()
            self.assertTrue(entry.is_overdue)
            self.assertEqual(
                Entry.search_count([("id", "=", entry.id), ("is_overdue", "=", True)]),
                1,
            )
            self.assertEqual(
                len(
                    entry.message_ids.filtered(lambda m: "has not been sent" in m.body)
                ),
                1,
            )
            reply = Entry.browse(entry.action_reply()["res_id"])
        self.assertRegex(reply.name, r"^KW/2026/")
        self.assertEqual(reply.reply_to_id, entry)
        self.assertEqual(entry.reply_state, "replied")
        self.assertFalse(entry.is_overdue)
        self.assertFalse(entry.activity_ids)
        with self.assertRaises(UserError):
            entry.action_reply()

    def test_reminders_in_the_holders_language(self):
        """The scheduler runs as OdooBot (English): Polish clerks got "Reply
        overdue" activities and "due on 2026-11-13" in the chatter."""
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_document_deadlines"], ["pl_PL"]
        )
        self.user_a.lang = "pl_PL"
        with freeze_time("2026-11-09"):
            entry = self._entry(reply_days=3, holder_user_id=self.user_a.id)
            document = self.env["crm.document"].create(
                {
                    "title": "Umowa serwisowa",
                    "type_id": self.contract.id,
                    "valid_from": date(2026, 1, 1),
                    "valid_to": date(2026, 11, 20),
                    "confirmed": True,
                }
            )
            self.assertEqual(document.user_id, self.user_a)
        Entry = self.env["crm.correspondence"].with_context(lang="en_US")
        with freeze_time("2026-11-11"):
            Entry._cron_deadlines()
            self.env["crm.document"].with_context(lang="en_US")._cron_send_reminders()
        self.assertEqual(entry.activity_ids.summary, "Termin odpowiedzi")
        self.assertEqual(document.activity_ids.summary, "Dokument wygasa")
        with freeze_time("2026-11-14"):
            Entry._cron_deadlines()
        self.assertIn("Odpowiedź po terminie", entry.activity_ids.mapped("summary"))
        self.assertTrue(
            entry.message_ids.filtered(
                lambda m: "Odpowiedź była wymagana do 13.11.2026" in m.body
            )
        )

    def test_reply_in_time_is_never_overdue(self):
        with freeze_time("2026-11-09"):
            entry = self._entry(reply_days=3)
            entry.action_reply()
        with freeze_time("2026-12-01"):
            self.env["crm.correspondence"]._cron_deadlines()
        self.assertFalse(entry.is_overdue)
        self.assertEqual(entry.replied_on, date(2026, 11, 9))

    def test_new_year_after_local_midnight(self):
        """00:30 on 1 January in Warsaw is 23:30 on 31 December in UTC: the
        letter and its number belong to the new year, for a clerk in Warsaw
        and for a user without a timezone (gateway, scheduler) alike."""
        self.env.company.partner_id.tz = "Europe/Warsaw"
        self.user_a.tz = "Europe/Warsaw"
        no_tz = new_test_user(
            self.env,
            "doc_user_no_tz",
            groups="base.group_user,crm_document_deadlines.group_document_user",
        )
        no_tz.tz = False
        with freeze_time("2037-12-31 23:30:00"):
            for user in (self.user_a, no_tz):
                entry = (
                    self.env["crm.correspondence"]
                    .with_user(user)
                    .create({"subject": "Życzenia noworoczne"})
                )
                self.assertEqual(entry.date, date(2038, 1, 1))
                self.assertRegex(entry.name, r"^KP/2038/\d{5}$")
            doc = (
                self.env["crm.document"]
                .with_user(self.user_a)
                .create({"title": "Umowa", "type_id": self.contract.id})
            )
            self.assertRegex(doc.name, r"^DOK/2038/")

    def test_failed_save_uses_up_no_number(self):
        """A save refused for a negative reply period leaves no gap: the next
        letter gets the number right after the previous one."""
        Entry = self.env["crm.correspondence"].with_user(self.user_a)
        first = Entry.create({"subject": "Pismo 1", "date": date(2039, 2, 1)})
        with self.assertRaises(ValidationError) as refused, self.cr.savepoint():
            Entry.create(
                {"subject": "Pismo 2", "date": date(2039, 2, 1), "reply_days": -3}
            )
        self.assertIn("-3", str(refused.exception))
        self.assertIn("Pismo 2", str(refused.exception))
        second = Entry.create({"subject": "Pismo 2", "date": date(2039, 2, 1)})
        self.assertEqual(first.name, "KP/2039/00001")
        self.assertEqual(second.name, "KP/2039/00002")

    def test_forward_in_the_recipients_language(self):
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_document_deadlines"], ["pl_PL"]
        )
        self.user_a.lang = "en_US"
        self.user_b.lang = "pl_PL"
        entry = self._entry(reply_days=5)
        self.env["crm.correspondence.forward"].with_user(self.user_a).create(
            {"correspondence_id": entry.id, "to_user_id": self.user_b.id}
        )
        self.assertEqual(entry.activity_ids.summary, "Przekazana korespondencja")
        self.assertIn("Przekazano do", entry.message_ids[0].body)
