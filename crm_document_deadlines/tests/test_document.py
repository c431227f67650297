from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import DocumentsCase


@tagged("post_install", "-at_install")
class TestDocument(DocumentsCase):
    def _document(self, **values):
        vals = {
            "title": "Maintenance contract",
            "type_id": self.contract.id,
            "partner_id": self.partner.id,
            "valid_from": date(2026, 1, 1),
            "valid_to": date(2026, 12, 31),
        }
        vals.update(values)
        return self.env["crm.document"].create(vals)

    def _activities(self, doc):
        return self.env["mail.activity"].search(
            [("res_model", "=", "crm.document"), ("res_id", "=", doc.id)]
        )

    def _digests(self):
        return self.env["mail.message"].search(
            [
                ("partner_ids", "in", self.user_a.partner_id.ids),
                ("subject", "like", "Document deadlines"),
            ]
        )

    def test_type_defaults_and_deadlines(self):
        doc = self._document()
        self.assertRegex(doc.name, r"^DOK/\d{4}/\d{5}$")
        self.assertEqual(doc.user_id, self.user_a)
        self.assertEqual(doc.team_id, self.team_legal)
        self.assertEqual((doc.reminder_days, doc.notice_days), (30, 90))
        # 90 days before 31 December, the expiry reminder 30 days before it
        self.assertEqual(doc.notice_deadline, date(2026, 10, 2))
        self.assertEqual(doc.reminder_date, date(2026, 12, 1))
        self.assertEqual(doc.notice_reminder_date, date(2026, 9, 2))
        self.assertEqual(doc.expiring_from, date(2026, 10, 2))

    def test_valid_to_before_valid_from_is_refused(self):
        count = self.env["crm.document"].search_count([])
        with self.assertRaises(ValidationError) as cm:
            self._document(valid_from=date(2026, 5, 1), valid_to=date(2026, 4, 30))
        # dates as the user writes them, not 2026-04-30
        self.assertRegex(
            str(cm.exception),
            r"'Valid to' \(04/30/2026\) is before 'Valid from' \(05/01/2026\)",
        )
        self.assertEqual(self.env["crm.document"].search_count([]), count)
        doc = self._document()
        with self.assertRaises(ValidationError):
            doc.write({"valid_to": date(2025, 12, 31)})
        self.assertEqual(doc.valid_to, date(2026, 12, 31))

    def test_status_transitions_with_the_daily_cron(self):
        with freeze_time("2026-03-01"):
            doc = self._document()
            self.assertEqual(doc.state, "draft")
            doc.action_confirm()
            self.assertEqual(doc.state, "active")
        Document = self.env["crm.document"]
        for day, state in (
            ("2026-10-01", "active"),
            ("2026-10-02", "expiring"),  # notice deadline reached
            ("2026-12-31", "expiring"),
            ("2027-01-01", "expired"),
        ):
            with freeze_time(day):
                Document._cron_update_states()
                doc.invalidate_recordset(["state"])
                self.assertEqual(doc.state, state, day)
                self.assertEqual(
                    Document.search_count([("id", "=", doc.id), ("state", "=", state)]),
                    1,
                )
        with freeze_time("2027-01-02"):
            self.assertEqual(Document._cron_update_states(), 0)
            doc.action_terminate()
            self.assertEqual(doc.state, "terminated")

    def test_without_notice_period_expiring_starts_at_lead_time(self):
        doc = self._document(notice_days=0, reminder_days=10)
        doc.action_confirm()
        with freeze_time("2026-12-20"):
            self.env["crm.document"]._cron_update_states()
            doc.invalidate_recordset(["state"])
            self.assertEqual(doc.state, "active")
        with freeze_time("2026-12-21"):
            self.env["crm.document"]._cron_update_states()
            doc.invalidate_recordset(["state"])
            self.assertEqual(doc.state, "expiring")

    def test_reminders_at_lead_time_and_idempotent(self):
        doc = self._document()
        doc.action_confirm()
        Document = self.env["crm.document"]
        notice = self.env.ref(
            "crm_document_deadlines.mail_activity_type_document_notice"
        )
        expiry = self.env.ref(
            "crm_document_deadlines.mail_activity_type_document_expiry"
        )
        with freeze_time("2026-09-01"):
            Document._cron_send_reminders()
            self.assertFalse(self._activities(doc))
        with freeze_time("2026-09-02"):
            Document._cron_send_reminders()
            activities = self._activities(doc)
            self.assertEqual(activities.activity_type_id, notice)
            self.assertEqual(activities.user_id, self.user_a)
            self.assertEqual(activities.date_deadline, date(2026, 10, 2))
            # one e-mail to the responsible person lists the deadlines
            digest = self._digests()
            self.assertEqual(len(digest), 1)
            self.assertIn(doc.name, digest.body)
            self.assertIn(f"/odoo/crm.document/{doc.id}", digest.body)
            self.assertEqual(digest.subject, "Document deadlines: 1")
            Document._cron_send_reminders()
            self.assertEqual(len(self._activities(doc)), 1)
            self.assertEqual(len(self._digests()), 1)
        with freeze_time("2026-12-01"):
            Document._cron_send_reminders()
            Document._cron_send_reminders()
            activities = self._activities(doc)
            self.assertEqual(len(activities), 2)
            self.assertEqual(
                activities.filtered(
                    lambda a: a.activity_type_id == expiry
                ).date_deadline,
                date(2026, 12, 31),
            )

    def test_moved_deadline_is_reminded_again(self):
        doc = self._document()
        doc.action_confirm()
        with freeze_time("2026-12-01"):
            self.env["crm.document"]._cron_send_reminders()
        # expiry only: the notice deadline (2 October) has passed
        self.assertEqual(self._activities(doc).date_deadline, date(2026, 12, 31))
        doc.valid_to = date(2027, 6, 30)
        self.assertFalse(self._activities(doc))
        self.assertFalse(doc.expiry_reminded or doc.notice_reminded)
        with freeze_time("2027-03-15"):
            self.env["crm.document"]._cron_send_reminders()
        self.assertEqual(self._activities(doc).date_deadline, date(2027, 4, 1))
        # a notice deadline already passed is not reminded any more
        later = self._document(title="Late", valid_to=date(2027, 6, 30))
        later.action_confirm()
        with freeze_time("2027-06-01"):
            self.env["crm.document"]._cron_send_reminders()
        self.assertEqual(self._activities(later).date_deadline, date(2027, 6, 30))
        self.assertEqual(len(self._activities(doc)), 2)

    def test_terminated_or_renewed_document_stops_reminders(self):
        doc = self._document()
        doc.action_confirm()
        other = self._document(title="Second contract")
        other.action_confirm()
        with freeze_time("2026-09-02"):
            self.env["crm.document"]._cron_send_reminders()
        self.assertTrue(self._activities(doc))
        doc.action_terminate()
        renewal = self.env["crm.document"].browse(other.action_renew()["res_id"])
        self.assertFalse(self._activities(doc))
        # a draft renewal that may never be signed keeps the old one watched
        self.assertTrue(self._activities(other))
        with freeze_time("2026-12-01"):
            self.env["crm.document"]._cron_send_reminders()
        self.assertFalse(self._activities(doc))
        self.assertEqual(len(self._activities(other)), 2)
        renewal.with_user(self.user_a).action_confirm()
        self.assertFalse(self._activities(other))
        with freeze_time("2026-12-02"):
            self.env["crm.document"]._cron_send_reminders()
        self.assertFalse(self._activities(doc) | self._activities(other))

    def test_notice_longer_than_validity_is_refused(self):
        Document = self.env["crm.document"].with_user(self.user_a)
        count = Document.search_count([])
        with self.assertRaises(ValidationError) as cm:
            Document.create(
                {
                    "title": "Short",
                    "type_id": self.contract.id,
                    "valid_from": date(2026, 1, 1),
                    "valid_to": date(2026, 2, 28),
                    "notice_days": 90,
                }
            )
        message = str(cm.exception)
        self.assertIn("90 days", message)
        self.assertIn("01/01/2026 to 02/28/2026, 59 days", message)
        self.assertEqual(Document.search_count([]), count)
        doc = Document.create(
            {
                "title": "Year",
                "type_id": self.contract.id,
                "valid_from": date(2026, 1, 1),
                "valid_to": date(2026, 12, 31),
            }
        )
        with self.assertRaises(ValidationError):
            doc.write({"notice_days": 400})
        with self.assertRaises(ValidationError):
            doc.write({"valid_to": date(2026, 3, 1)})
        self.assertEqual((doc.notice_days, doc.valid_to), (90, date(2026, 12, 31)))

    def test_renewal_chain(self):
        doc = self._document()
        doc.action_confirm()
        action = doc.action_renew()
        second = self.env["crm.document"].browse(action["res_id"])
        self.assertEqual(second.previous_id, doc)
        self.assertEqual(doc.next_id, second)
        self.assertEqual(second.name, doc.name)
        self.assertEqual(second.version, 2)
        self.assertEqual(second.state, "draft")
        self.assertEqual(second.valid_from, date(2027, 1, 1))
        self.assertEqual(second.valid_to, date(2027, 12, 31))
        second.action_confirm()
        third = self.env["crm.document"].browse(second.action_renew()["res_id"])
        self.assertEqual(third.origin_id, doc)
        self.assertEqual(third.version_ids, doc | second | third)
        self.assertEqual(doc.version_ids.mapped("version"), [1, 2, 3])
        self.assertEqual(third.display_name, f"{doc.name} Maintenance contract (v3)")
        with self.assertRaises(UserError) as cm:
            doc.action_renew()
        self.assertRegex(str(cm.exception), "already renewed")

    def test_auto_renewal_on_expiry(self):
        doc = self._document(auto_renew=True)
        doc.action_confirm()
        with freeze_time("2027-01-01"):
            self.env["crm.document"]._cron_daily()
            self.env["crm.document"]._cron_daily()
        self.assertTrue(doc.next_id)
        self.assertEqual(
            self.env["crm.document"].search_count([("previous_id", "=", doc.id)]), 1
        )
        self.assertEqual(doc.next_id.state, "active")
        self.assertEqual(doc.next_id.valid_to, date(2027, 12, 31))

    def test_activate_needs_valid_from(self):
        doc = self._document(valid_from=False)
        with self.assertRaises(UserError) as cm:
            doc.action_confirm()
        self.assertRegex(str(cm.exception), "Valid from")
        self.assertFalse(doc.confirmed)

    def test_partner_smart_button(self):
        contact = self.env["res.partner"].create(
            {"name": "Jan Kowalski", "parent_id": self.partner.id}
        )
        self._document()
        self._document(partner_id=contact.id)
        self.assertEqual(self.partner.crm_document_count, 2)
        action = self.partner.action_view_crm_documents()
        self.assertEqual(self.env["crm.document"].search_count(action["domain"]), 2)

    def test_kanban_columns_in_the_order_of_a_document_life(self):
        """The kanban showed active, draft, expired, expiring, terminated (by
        technical key); the finished ones fold so the board fits a screen."""
        self._document().action_confirm()
        groups = (
            self.env["crm.document"]
            .with_user(self.user_a)
            .with_context(read_group_expand=True)
            .web_read_group(
                [],
                ["state"],
                ["__count"],
                auto_unfold=True,
                unfold_read_specification={"name": {}},
            )["groups"]
        )
        self.assertEqual(
            [group["state"] for group in groups],
            ["draft", "active", "expiring", "expired", "terminated"],
        )
        # a folded column comes without its cards
        folded = {group["state"] for group in groups if "__records" not in group}
        self.assertEqual(folded, {"expired", "terminated"})

    def test_version_label_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_document_deadlines"], ["pl_PL"]
        )
        doc = self._document()
        doc.action_confirm()
        renewal = doc._renew()
        self.assertTrue(renewal.display_name.endswith("(v2)"))
        polish = renewal.with_context(lang="pl_PL")
        self.assertTrue(polish.display_name.endswith("(w2)"), polish.display_name)

    def test_negative_period_refused_naming_field_and_value(self):
        doc = self._document()
        with self.assertRaises(ValidationError) as cm, self.cr.savepoint():
            doc.with_user(self.user_a).write({"renewal_months": -12})
        self.assertIn("Renewal period (months)", str(cm.exception))
        self.assertIn("-12", str(cm.exception))
        self.assertEqual(doc.renewal_months, 12)
