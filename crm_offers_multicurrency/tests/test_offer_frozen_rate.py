from datetime import date

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import OfferCase


@tagged("post_install", "-at_install")
class TestOfferFrozenRate(OfferCase):
    """Issue 15 item 7: an offer's quotation is edited after the rates moved.

    Priced on 10.01.2025 at 4.0 (the chair at 40.00), today's rate is 9.0: every
    edit of the quotation keeps the offer's rate until the offer is re-priced."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rate(cls.zza, fields.Date.today(), 9.0)
        # Odoo's pricelist discounts reset a line's discount on a new quantity
        cls.env.ref("base.group_user").implied_ids |= cls.env.ref(
            "sale.group_discount_per_so_line"
        )

    def setUp(self):
        super().setUp()
        self.offer = self._offer(rate_date=date(2025, 1, 10))
        self.offer.action_create_quotations()
        self.order = self._order(self.offer, "Premium", self.zza).with_user(
            self.salesman
        )
        self.chair = self.order.order_line.filtered(
            lambda line: line.product_id == self.product
        )
        self.assertEqual(self.chair.price_unit, 40.0)

    def _form(self):
        return Form(self.order)

    def test_quantity_write(self):
        self.chair.product_uom_qty = 6
        self.assertEqual(self.chair.price_unit, 40.0)
        self.assertEqual(self.chair.price_subtotal, 240.0)

    def test_quantity_form(self):
        with self._form() as form, form.order_line.edit(0) as line:
            line.product_uom_qty = 6
            self.assertEqual(line.price_unit, 40.0)
        self.assertEqual(self.chair.price_unit, 40.0)
        self.assertEqual(self.chair.product_uom_qty, 6)

    def test_new_line_form(self):
        with self._form() as form, form.order_line.new() as line:
            line.product_id = self.product_2
            line.product_uom_qty = 2
            # 3.33 at 4.0, not at today's 9.0 (29.97)
            self.assertEqual(line.price_unit, 13.32)
        new = self.order.order_line.filtered(lambda line: line.product_uom_qty == 2)
        self.assertEqual((new.product_id, new.price_unit), (self.product_2, 13.32))

    def test_new_line_write(self):
        line = self.env["sale.order.line"].create(
            {"order_id": self.order.id, "product_id": self.product_2.id}
        )
        self.assertEqual(line.price_unit, 13.32)

    def test_other_product_form(self):
        with self._form() as form, form.order_line.edit(0) as line:
            line.product_id = self.product_2
            self.assertEqual(line.price_unit, 13.32)
        self.assertEqual(self.order.order_line[0].price_unit, 13.32)

    def test_other_product_write(self):
        self.chair.product_id = self.product_2
        self.assertEqual(self.chair.price_unit, 13.32)

    def test_discount_form(self):
        with self._form() as form:
            with form.order_line.edit(0) as line:
                line.discount = 5.0
            with form.order_line.edit(0) as line:
                line.product_uom_qty = 6
                self.assertEqual(line.discount, 5.0)
                self.assertEqual(line.price_unit, 40.0)
        self.assertEqual(self.chair.discount, 5.0)
        self.assertEqual(self.chair.price_subtotal, 228.0)

    def test_offer_discount_kept_on_new_quantity(self):
        offer = self._offer(rate_date=date(2025, 1, 10), variant_ids=[])
        self.env["crm.offer.variant"].create(
            {
                "offer_id": offer.id,
                "name": "Discounted",
                "line_ids": [
                    fields.Command.create(
                        {"product_id": self.product.id, "discount": 5.0}
                    )
                ],
            }
        )
        offer.action_create_quotations()
        order = self._order(offer, "Discounted", self.zza)
        form = Form(order.with_user(self.salesman))
        with form.order_line.edit(0) as line:
            line.product_uom_qty = 3
            self.assertEqual((line.price_unit, line.discount), (40.0, 5.0))
        form.save()
        self.assertEqual(order.amount_untaxed, 114.0)

    def test_typed_offer_price_kept(self):
        offer = self._offer(rate_date=date(2025, 1, 10), variant_ids=[])
        self.env["crm.offer.variant"].create(
            {
                "offer_id": offer.id,
                "name": "Special",
                "line_ids": [
                    fields.Command.create(
                        {"product_id": self.product.id, "price_unit": 12.0}
                    )
                ],
            }
        )
        offer.action_create_quotations()
        line = self._order(offer, "Special", self.zza).order_line
        self.assertEqual(line.price_unit, 48.0)
        line.product_uom_qty = 4
        self.assertEqual(line.price_unit, 48.0)

    def test_price_typed_on_quotation_kept(self):
        with self._form() as form, form.order_line.edit(0) as line:
            line.price_unit = 33.0
            line.product_uom_qty = 6
            self.assertEqual(line.price_unit, 33.0)

    def test_reprice_on_purpose(self):
        self.chair.product_uom_qty = 6
        line = self.env["sale.order.line"].create(
            {"order_id": self.order.id, "product_id": self.product_2.id}
        )
        self.offer.action_reprice()
        self.assertEqual(self.chair.price_unit, 90.0)
        # 3.33 * 9 = 29.97: a line added on the quotation is re-priced too
        self.assertEqual(line.price_unit, 29.97)
        self.assertEqual(self.offer.rate_date, fields.Date.context_today(self.offer))
        # and then holds the new rate
        self.chair.product_uom_qty = 7
        self.assertEqual(self.chair.price_unit, 90.0)

    def test_company_currency_quotation(self):
        order = self._order(self.offer, "Premium", self.base_currency)
        form = Form(order.with_user(self.salesman))
        with form.order_line.edit(0) as line:
            line.product_uom_qty = 6
            self.assertEqual(line.price_unit, 10.0)

    def test_priced_variants_are_read_only_in_the_orm_too(self):
        """The form shows the variants read-only once priced; an import or an
        RPC write is refused the same way, and nothing changes."""
        variant = self.offer.variant_ids.filtered(lambda v: v.name == "Premium")
        line = variant.line_ids[:1]
        quantity, price = line.product_uom_qty, line.price_unit
        variants = self.offer.variant_ids
        attempts = (
            lambda: line.write({"product_uom_qty": quantity + 1}),
            lambda: line.write({"price_unit": price / 2}),
            lambda: line.unlink(),
            lambda: self.env["crm.offer.variant.line"].create(
                {"variant_id": variant.id, "product_id": self.product_2.id}
            ),
            lambda: variant.write({"name": "Platinum"}),
            lambda: variant.unlink(),
            lambda: self.offer.write(
                {"variant_ids": [Command.create({"name": "Extra"})]}
            ),
        )
        for attempt in attempts:
            with self.subTest(attempt=attempt), self.assertRaises(UserError) as error:
                attempt()
            self.assertIn(f"Offer {self.offer.name} is priced", str(error.exception))
        self.assertEqual(
            (line.product_uom_qty, line.price_unit, variant.name),
            (quantity, price, "Premium"),
        )
        self.assertEqual(self.offer.variant_ids, variants)
