from odoo.tests import freeze_time, tagged

from odoo.addons.crm_analytics.tests.common import AgingCommon


@tagged("post_install", "-at_install")
class TestHoldingAging(AgingCommon):
    """A holding group of the contacts: Top SA <- Middle (group parent) <-
    Bottom (group parent) <- a person; Branch under Middle through Odoo's
    parent company; Other SA outside."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.top = Partner.create({"name": "Top SA", "is_company": True})
        cls.middle = Partner.create({"name": "Middle Sp. z o.o.", "is_company": True})
        cls.middle.crm_group_parent_id = cls.top
        cls.bottom = Partner.create(
            {
                "name": "Bottom Sp. z o.o.",
                "is_company": True,
                "crm_group_parent_id": cls.middle.id,
            }
        )
        cls.branch = Partner.create(
            {"name": "Branch S.A.", "is_company": True, "parent_id": cls.middle.id}
        )
        cls.buyer = Partner.create({"name": "Ewa Buyer", "parent_id": cls.bottom.id})
        cls.other = Partner.create({"name": "Other SA", "is_company": True})
        for partner, amount in (
            (cls.top, 10.0),
            (cls.middle, 20.0),
            (cls.buyer, 40.0),
            (cls.branch, 80.0),
            (cls.other, 160.0),
        ):
            cls._invoice(partner, "2025-06-01", amount, due="2025-06-01")

    def _by_holding(self):
        return dict(
            self._aging()._read_group(
                [("partner_id", "in", (self.group | self.other).ids)],
                ["holding_id"],
                ["amount_residual:sum"],
            )
        )

    @property
    def group(self):
        return self.top | self.middle | self.bottom | self.branch

    def test_top_is_the_stored_root(self):
        for partner in self.group | self.buyer:
            self.assertEqual(partner.commercial_partner_id.crm_group_root_id, self.top)
            self.assertEqual(partner._crm_holding(), self.top)
            self.assertEqual(partner._crm_holding_members(), self.group)
        self.assertEqual(self.other._crm_holding(), self.other)
        self.assertEqual(self.other._crm_holding_members(), self.other)

    def test_aging_rolls_up_the_group(self):
        # the person's invoice rolls into her company, her company into the top
        self.assertEqual(self._by_holding(), {self.top: 150.0, self.other: 160.0})
        rows = self._aging().search([("holding_id", "=", self.top.id)])
        self.assertEqual(rows.partner_id, self.group)
        action = self.bottom.action_crm_open_holding_aging()
        self.assertEqual(action["domain"], [("holding_id", "=", self.top.id)])

    def test_moving_a_company_moves_its_receivables(self):
        self.middle.crm_group_parent_id = self.other
        # Middle, Bottom (with its person) and Branch now under Other SA; the
        # report reads the new roots without a cache to clear
        self.assertEqual(self._by_holding(), {self.top: 10.0, self.other: 300.0})
        self.middle.crm_group_parent_id = False
        self.assertEqual(
            self._by_holding(),
            {self.top: 10.0, self.middle: 140.0, self.other: 160.0},
        )

    @freeze_time("2025-06-30")
    def test_group_figures_on_the_card(self):
        buyer = self.buyer.with_context(tz="UTC")
        self.assertEqual(buyer.crm_holding_id, self.top)
        self.assertEqual(buyer.crm_receivable_total, 40.0)
        self.assertEqual(buyer.crm_holding_receivable_total, 150.0)
        self.assertEqual(buyer.crm_holding_receivable_overdue, 150.0)
        self.assertEqual(self.other.crm_holding_receivable_total, 160.0)

    def test_history_of_the_whole_group(self):
        domain, name = self.bottom.with_context(
            crm_history_holding=True
        )._crm_history_scope()
        self.assertEqual(name, self.top.display_name)
        moves = self.env["account.move"].search(
            [*domain, ("move_type", "=", "out_invoice")]
        )
        self.assertEqual(
            moves.partner_id, self.top | self.middle | self.buyer | self.branch
        )
