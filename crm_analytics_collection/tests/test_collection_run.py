from datetime import date
from unittest.mock import patch

from odoo.tests import tagged

from .common import CollectionCommon


@tagged("post_install", "-at_install")
class TestCollectionRun(CollectionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        for day in ("2024-02-29", "2024-04-30"):
            cls.env["res.currency.rate"].create(
                {
                    "name": day,
                    "rate": 0.25,
                    "currency_id": cls.eur.id,
                    "company_id": cls.company.id,
                }
            )

        def customer(name, days, **values):
            partner = Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "email": f"{name.lower()}@example.com",
                    **values,
                }
            )
            due = date.fromordinal(cls.AS_OF.toordinal() - days)
            cls._invoice(partner, "2024-01-02", 1000, due=due.isoformat())
            return partner

        cls.reminder = customer("Reminder", 10)
        cls.demand = customer("Demand", 30)
        cls.final = customer("Final", 50)
        cls.handover = customer("Handover", 70)
        cls.disputed = customer("Disputed", 30, crm_collection_hold="dispute")
        cls.planned = customer("Planned", 50, crm_collection_hold="payment_plan")
        cls.no_email = customer("Paper", 30, email=False)
        cls.not_due = customer("NotDue", 0)

    def _run(self):
        run = self.env["crm.collection.run"].create(
            {"date": self.AS_OF, "company_id": self.company.id}
        )
        run.action_run()
        return run

    def test_run_moves_sends_skips_and_is_safe_to_rerun(self):
        ref = self.env.ref
        run = self._run()
        self.assertEqual(run.state, "done")
        self.assertEqual(
            self.reminder.crm_collection_stage_id,
            ref("crm_analytics_collection.collection_stage_reminder"),
        )
        self.assertEqual(
            self.demand.crm_collection_stage_id,
            ref("crm_analytics_collection.collection_stage_demand"),
        )
        self.assertEqual(
            self.final.crm_collection_stage_id,
            ref("crm_analytics_collection.collection_stage_final"),
        )
        self.assertEqual(
            self.handover.crm_collection_stage_id,
            ref("crm_analytics_collection.collection_stage_handover"),
        )
        self.assertFalse(self.not_due.crm_collection_stage_id)
        self.assertEqual(run.skipped_partner_ids, self.disputed | self.planned)
        self.assertFalse(self.disputed.crm_collection_stage_id)
        # one letter per customer moved, none for the handover
        self.assertEqual(
            run.demand_ids.partner_id,
            self.reminder | self.demand | self.final | self.no_email,
        )
        self.assertTrue(run.demand_ids.filtered("final").partner_id == self.final)
        paper = run.demand_ids.filtered(lambda d: d.partner_id == self.no_email)
        self.assertEqual(paper.state, "print")
        self.assertEqual(run.print_count, 1)
        self.assertEqual(set((run.demand_ids - paper).mapped("state")), {"sent"})
        mails = self.env["mail.mail"].search(
            [("model", "=", "crm.payment.demand"), ("res_id", "in", run.demand_ids.ids)]
        )
        self.assertEqual(len(mails), 3)
        self.assertTrue(mails.attachment_ids)
        self.assertEqual(self.demand.crm_collection_next_date, date(2024, 6, 23))
        log = self.demand.message_ids[:1]
        self.assertIn("Payment demand", log.body)
        # a note of the customer's chatter, as the History reads them
        self.assertEqual(log.message_type, "comment")
        self.assertEqual(log.subtype_id, ref("mail.mt_note"))
        self.assertIn("Collection stage", self.handover.message_ids[:1].body)
        # a re-run sends nothing new
        again = self._run()
        self.assertFalse(again.demand_ids)
        self.assertEqual(
            self.env["mail.mail"].search_count([("model", "=", "crm.payment.demand")]),
            len(mails),
        )
        # paid up: the stage is cleared
        self._pay(self.reminder.invoice_ids, 1000, "2024-06-09")
        cleared = self._run()
        self.assertEqual(cleared.cleared_count, 1)
        self.assertFalse(self.reminder.crm_collection_stage_id)

    def test_cron_commits_in_batches(self):
        commits = []
        with patch.object(
            type(self.env["ir.cron"]),
            "_commit_progress",
            side_effect=lambda processed, remaining=None: (
                commits.append((processed, remaining)) or 1.0
            ),
        ):
            run = self.env["crm.collection.run"].create(
                {"date": self.AS_OF, "company_id": self.company.id}
            )
            run.with_context(ir_cron_progress_id=1)._crm_execute(
                batch_size=2, commit=True
            )
        self.assertEqual(commits, [(2, 3), (2, 1), (1, 0)])
        self.assertEqual(len(run.demand_ids), 4)
