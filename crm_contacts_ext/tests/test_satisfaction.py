from odoo.tests import tagged

from .common import CrmContactsCase


@tagged("post_install", "-at_install")
class TestSatisfaction(CrmContactsCase):
    def _change(self, partner, level, reason, user):
        wizard = (
            self.env["crm.satisfaction.wizard"]
            .with_user(user)
            .create({"partner_id": partner.id, "level_id": level.id, "reason": reason})
        )
        wizard.action_apply()

    def test_changes_are_kept_with_who_when_why(self):
        neutral = self.env.ref("crm_contacts_ext.satisfaction_level_3")
        happy = self.env.ref("crm_contacts_ext.satisfaction_level_5")
        self._change(self.company_a, neutral, "Late delivery", self.salesman)
        self._change(self.company_a, happy, "Problem solved quickly", self.salesman)
        self.assertEqual(self.company_a.crm_satisfaction_level_id, happy)
        history = self.env["crm.satisfaction.history"].search(
            [("partner_id", "=", self.company_a.id)]
        )
        self.assertEqual(history, self.company_a.crm_satisfaction_history_ids)
        self.assertEqual(len(history), 2)
        latest, first = history  # newest first
        self.assertEqual(
            (first.previous_level_id, first.level_id, first.reason),
            (self.env["crm.satisfaction.level"], neutral, "Late delivery"),
        )
        self.assertEqual(
            (latest.previous_level_id, latest.level_id, latest.reason),
            (neutral, happy, "Problem solved quickly"),
        )
        self.assertEqual(history.user_id, self.salesman)
        self.assertTrue(all(history.mapped("date")))

    def test_same_level_again_is_no_change(self):
        happy = self.env.ref("crm_contacts_ext.satisfaction_level_5")
        self._change(self.company_b, happy, "Great", self.salesman)
        self._change(self.company_b, happy, "Still great", self.salesman)
        self.assertEqual(len(self.company_b.crm_satisfaction_history_ids), 1)

    def test_filter_and_group_by_level(self):
        low = self.env.ref("crm_contacts_ext.satisfaction_level_1")
        high = self.env.ref("crm_contacts_ext.satisfaction_level_4")
        self._change(self.company_a, low, "Complaint", self.salesman)
        self._change(self.company_b, high, "Fine", self.salesman)
        dissatisfied = self.Partner.search(
            [("crm_satisfaction_level_id.value", "<=", 2)]
        )
        self.assertIn(self.company_a, dissatisfied)
        self.assertNotIn(self.company_b, dissatisfied)
        groups = dict(
            self.Partner._read_group(
                [("id", "in", (self.company_a | self.company_b).ids)],
                ["crm_satisfaction_level_id"],
                ["__count"],
            )
        )
        self.assertEqual(groups, {low: 1, high: 1})
