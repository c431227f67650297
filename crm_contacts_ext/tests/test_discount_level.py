from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CrmContactsCase


@tagged("post_install", "-at_install")
class TestDiscountLevel(CrmContactsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Level = cls.env["crm.discount.level"]
        cls.gold = cls.Level.create({"name": "Gold", "discount": 12.5})
        cls.goods = cls.env["product.category"].create({"name": "Goods T"})
        cls.chairs = cls.env["product.category"].create(
            {"name": "Chairs T", "parent_id": cls.goods.id}
        )
        cls.services = cls.env["product.category"].create({"name": "Services T"})
        cls.chair = cls.env["product.product"].create(
            {"name": "Chair T", "categ_id": cls.chairs.id, "list_price": 200.0}
        )
        cls.install = cls.env["product.product"].create(
            {
                "name": "Installation T",
                "categ_id": cls.services.id,
                "list_price": 80.0,
                "type": "service",
            }
        )
        cls.company_a.crm_discount_level_id = cls.gold

    def _quote(self, partner, *products):
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create({"product_id": p.id, "product_uom_qty": 2})
                    for p in products
                ],
            }
        )

    def test_lines_get_the_discount_of_the_customer(self):
        order = self._quote(self.company_a, self.chair, self.install)
        self.assertEqual(order.crm_discount_level_id, self.gold)
        self.assertEqual(order.order_line.mapped("discount"), [12.5, 12.5])
        self.assertAlmostEqual(order.order_line[0].price_subtotal, 350.0)

    def test_contact_of_the_company_gets_it_too(self):
        self.assertEqual(self.person.crm_discount_level_id, self.gold)
        order = self._quote(self.person, self.chair)
        self.assertEqual(order.order_line.discount, 12.5)

    def test_not_for_other_customers(self):
        order = self._quote(self.company_b, self.chair)
        self.assertFalse(order.crm_discount_level_id)
        self.assertEqual(order.order_line.discount, 0.0)

    def test_discount_stays_editable(self):
        order = self._quote(self.company_a, self.chair)
        order.order_line.discount = 20.0
        self.assertEqual(order.order_line.discount, 20.0)
        order.order_line.product_uom_qty = 3
        # a quantity change recomputes it from the level, as pricelists do
        self.assertEqual(order.order_line.discount, 12.5)

    def test_only_for_its_product_categories(self):
        self.gold.categ_ids = self.goods
        order = self._quote(self.company_a, self.chair, self.install)
        self.assertEqual(
            order.order_line.mapped("discount"),
            [12.5, 0.0],
            "chairs are a subcategory of goods, installation is not",
        )

    def test_changing_the_customer_changes_the_discount(self):
        order = self._quote(self.company_b, self.chair)
        order.partner_id = self.company_a
        self.assertEqual(order.crm_discount_level_id, self.gold)
        self.assertEqual(order.order_line.discount, 12.5)

    def test_pricelists_untouched(self):
        order = self._quote(self.company_a, self.chair)
        self.assertEqual(order.order_line.price_unit, 200.0)

    def test_discount_out_of_range_refused(self):
        with self.assertRaises(ValidationError):
            self.Level.create({"name": "Too much", "discount": 120})
