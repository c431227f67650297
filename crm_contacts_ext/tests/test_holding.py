from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CrmContactsCase


@tagged("post_install", "-at_install")
class TestHolding(CrmContactsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.parent = cls.Partner.create({"name": "Holding T", "is_company": True})
        cls.company_a.crm_group_parent_id = cls.parent
        cls.company_b.crm_group_parent_id = cls.company_a
        cls.outsider = cls.Partner.create({"name": "Gamma T", "is_company": True})
        cls.product = cls.env["product.product"].create(
            {"name": "Desk T", "list_price": 1000.0, "taxes_id": [Command.clear()]}
        )

    def test_tree_from_any_member(self):
        for member in (self.parent, self.company_a, self.company_b, self.person):
            self.assertEqual(
                member.commercial_partner_id.crm_group_root_id, self.parent
            )
        self.assertEqual(
            self.company_b.crm_group_path,
            f"{self.parent.id}/{self.company_a.id}/{self.company_b.id}/",
        )
        action = self.company_b.action_open_crm_group()
        members = self.Partner.search(action["domain"])
        self.assertEqual(members, self.parent | self.company_a | self.company_b)
        self.assertEqual(self.company_b.crm_group_member_count, 3)
        self.assertEqual(self.outsider.crm_group_member_count, 1)
        # accounting stays each company's own: no merge through parent_id
        self.assertEqual(self.company_b.commercial_partner_id, self.company_b)

    def test_moving_a_branch_moves_its_subtree(self):
        self.company_a.crm_group_parent_id = self.outsider
        self.assertEqual(self.company_b.crm_group_root_id, self.outsider)
        self.assertEqual(self.parent.crm_group_member_count, 1)

    def test_cycles_and_people_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.parent.crm_group_parent_id = self.company_b
        self.assertRegex(
            str(caught.exception), "Holding T cannot be a subsidiary of Beta S.A."
        )
        with self.assertRaises(ValidationError):
            self.parent.crm_group_parent_id = self.parent
        with self.assertRaises(ValidationError) as caught:
            self.outsider.crm_group_parent_id = self.person
        self.assertRegex(str(caught.exception), "not a company")
        self.assertFalse(self.parent.crm_group_parent_id)

    def _invoice(self, partner, amount, post=True, refund=False):
        move = self.env["account.move"].create(
            {
                "move_type": "out_refund" if refund else "out_invoice",
                "partner_id": partner.id,
                "invoice_date": fields.Date.context_today(self.env.user),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Work",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def test_group_totals(self):
        SaleOrder = self.env["sale.order"]
        for partner in (self.company_a, self.person, self.outsider):
            SaleOrder.create(
                {
                    "partner_id": partner.id,
                    "order_line": [Command.create({"product_id": self.product.id})],
                }
            )
        confirmed = SaleOrder.create(
            {
                "partner_id": self.company_b.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        confirmed.action_confirm()
        self._invoice(self.parent, 500.0)
        self._invoice(self.company_b, 300.0)
        self._invoice(self.company_b, 100.0, refund=True)
        self._invoice(self.company_a, 999.0, post=False)
        self._invoice(self.outsider, 700.0)
        last_year = self._invoice(self.company_a, 50.0, post=False)
        last_year.invoice_date = fields.Date.context_today(self.env.user) - timedelta(
            days=370
        )
        last_year.action_post()

        for member in (self.parent, self.company_b, self.person):
            member.invalidate_recordset()
            self.assertEqual(member.crm_group_currency_id, self.env.company.currency_id)
            # two open quotations of 1000 (company A and its contact)
            self.assertAlmostEqual(member.crm_group_quotation_amount, 2000.0)
            self.assertAlmostEqual(member.crm_group_revenue_year, 700.0)
            # 500 + 300 - 100 + 50 (last year's invoice is still open)
            self.assertAlmostEqual(member.crm_group_open_invoice_amount, 750.0)
        self.assertAlmostEqual(self.outsider.crm_group_revenue_year, 700.0)
