import base64
import io
from datetime import date

from PIL import Image

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import OfferCase


@tagged("post_install", "-at_install")
class TestOfferPricing(OfferCase):
    def test_conversion_at_past_date(self):
        offer = self._offer(rate_date=date(2025, 1, 10))
        offer.action_create_quotations()
        # 2 variants x 2 currencies
        self.assertEqual(len(offer.order_ids), 4)
        premium = self._order(offer, "Premium", self.zza)
        chair = premium.order_line.filtered(
            lambda line: line.product_id == self.product
        )
        self.assertEqual(chair.price_unit, 40.0)
        lamp = premium.order_line - chair
        # 3.33 * 4 = 13.32
        self.assertAlmostEqual(lamp.price_unit, 13.32)
        self.assertAlmostEqual(premium.amount_untaxed, 5 * 40.0 + 3 * 13.32)
        base = self._order(offer, "Premium", self.base_currency)
        self.assertEqual(base.order_line.mapped("price_unit"), [10.0, 3.33])
        rate = offer.rate_ids.filtered(lambda r: r.currency_id == self.zza)
        self.assertEqual(rate.rate, 4.0)
        self.assertEqual(rate.rate_date, date(2025, 1, 10))
        self.assertFalse(rate.is_fallback)
        self.assertEqual(premium.offer_id, offer)
        self.assertEqual(offer.order_count, 4)

    def test_fallback_to_earlier_rate(self):
        offer = self._offer(rate_date=date(2025, 1, 15))
        offer.action_create_quotations()
        rate = offer.rate_ids.filtered(lambda r: r.currency_id == self.zza)
        self.assertEqual(rate.rate_date, date(2025, 1, 10))
        self.assertEqual(rate.requested_date, date(2025, 1, 15))
        self.assertTrue(rate.is_fallback)
        self.assertRegex(rate.display_name, "no rate on 01/15/2025")
        self.assertRegex(rate.display_name, r"1 ZZA = 0\.2500")
        basic = self._order(offer, "Basic", self.zza)
        self.assertEqual(basic.order_line.price_unit, 40.0)

    def test_missing_rate_error_nothing_created(self):
        offer = self._offer(rate_date=date(2024, 12, 1))
        with self.assertRaises(UserError) as cm:
            offer.action_create_quotations()
        self.assertRegex(str(cm.exception), "ZZA")
        self.assertRegex(str(cm.exception), "12/01/2024")
        self.assertFalse(offer.order_ids)
        self.assertFalse(offer.rate_ids)
        self.assertFalse(
            self.env["sale.order"].search([("partner_id", "=", self.customer.id)])
        )

    def test_prices_fixed_after_rate_change(self):
        offer = self._offer(rate_date=date(2025, 1, 20))
        offer.action_create_quotations()
        order = self._order(offer, "Basic", self.zza)
        self.assertEqual(order.order_line.price_unit, 50.0)
        self.rate_zza_20.rate = 9.0
        self._rate(self.zza, date(2025, 1, 21), 8.0)
        self.env.flush_all()
        order.invalidate_recordset()
        self.assertEqual(order.order_line.price_unit, 50.0)
        self.assertEqual(order.amount_untaxed, 100.0)
        self.assertEqual(offer.rate_ids.filtered(lambda r: r.rate != 1).rate, 5.0)

    def test_reprice_at_today_rate(self):
        offer = self._offer(rate_date=date(2025, 1, 10))
        offer.action_create_quotations()
        today = fields.Date.context_today(offer)
        self._rate(self.zza, today, 7.0)
        offer.action_reprice()
        self.assertEqual(offer.rate_date, today)
        rate = offer.rate_ids.filtered(lambda r: r.currency_id == self.zza)
        self.assertEqual((rate.rate, rate.rate_date), (7.0, today))
        self.assertEqual(
            self._order(offer, "Basic", self.zza).order_line.price_unit, 70.0
        )
        self.assertEqual(
            self._order(offer, "Basic", self.base_currency).order_line.price_unit, 10.0
        )

    def test_reprice_keeps_a_signed_quotation(self):
        """Re-pricing changed the prices of a variant the customer had already
        signed in the portal (waiting for the payment), under their signature."""
        offer = self._offer(rate_date=date(2025, 1, 10))
        offer.action_create_quotations()
        signed = self._order(offer, "Basic", self.zza)
        image = io.BytesIO()
        Image.new("RGB", (20, 10), "white").save(image, "PNG")
        signed.write(
            {
                "signature": base64.b64encode(image.getvalue()),
                "signed_by": "Jan Kowalski",
            }
        )
        self._rate(self.zza, fields.Date.context_today(offer), 7.0)
        offer.action_reprice()
        self.assertEqual(signed.order_line.price_unit, 40.0)
        self.assertEqual(
            self._order(offer, "Premium", self.zza).order_line.mapped("price_unit"),
            [70.0, 23.31],
        )
        self.assertIn(signed.name, offer.message_ids[0].body)

    def test_rounding_zero_decimals(self):
        self._rate(self.zzj, date(2025, 1, 10), 37.456)
        offer = self._offer(currencies=self.zzj)
        offer.action_create_quotations()
        premium = self._order(offer, "Premium", self.zzj)
        # 10.00 * 37.456 = 374.56 -> 375; 3.33 * 37.456 = 124.73 -> 125
        self.assertEqual(premium.order_line.mapped("price_unit"), [375.0, 125.0])
        self.assertEqual(premium.amount_untaxed, 5 * 375 + 3 * 125)
        self.assertEqual(
            premium.amount_untaxed, sum(premium.order_line.mapped("price_subtotal"))
        )

    def test_rounding_three_decimals(self):
        # KWD-like currencies need the "Product Price" precision at 3 digits
        self.env.ref("product.decimal_price").digits = 3
        self._rate(self.zzk, date(2025, 1, 10), 0.30789)
        offer = self._offer(currencies=self.zzk)
        offer.action_create_quotations()
        premium = self._order(offer, "Premium", self.zzk)
        # 10.00 * 0.30789 = 3.0789 -> 3.079; 3.33 * 0.30789 = 1.0252737 -> 1.025
        self.assertEqual(premium.order_line.mapped("price_unit"), [3.079, 1.025])
        self.assertAlmostEqual(premium.amount_untaxed, 5 * 3.079 + 3 * 1.025)
        self.assertAlmostEqual(
            premium.amount_untaxed, sum(premium.order_line.mapped("price_subtotal"))
        )

    def test_business_day_before_skips_polish_holiday(self):
        self.profile.rate_rule = "business_day_before"
        self._rate(self.zza, date(2025, 1, 3), 4.5)
        self._rate(self.zza, date(2025, 1, 6), 4.6)
        self._rate(self.zza, date(2025, 1, 7), 4.7)
        # Tuesday 7 January 2025: Monday the 6th is Epiphany, then a weekend
        offer = self._offer(rate_date=date(2025, 1, 7))
        offer.action_create_quotations()
        rate = offer.rate_ids.filtered(lambda r: r.currency_id == self.zza)
        self.assertEqual((rate.rate, rate.rate_date), (4.5, date(2025, 1, 3)))
        self.assertEqual(rate.requested_date, date(2025, 1, 3))

    def test_template_fills_variant_lines(self):
        template = self.env["sale.order.template"].create(
            {
                "name": "Chairs",
                "sale_order_template_line_ids": [
                    Command.create(
                        {"product_id": self.product.id, "product_uom_qty": 7}
                    )
                ],
            }
        )
        offer = self._offer(sale_order_template_id=template.id, variant_ids=[])
        variant = self.env["crm.offer.variant"].create(
            {"offer_id": offer.id, "name": "From template"}
        )
        self.assertEqual(variant.line_ids.product_id, self.product)
        self.assertEqual(variant.line_ids.product_uom_qty, 7)
        self.assertEqual(variant.line_ids.price_unit, 10.0)

    def test_bad_input(self):
        offer = self._offer(variant_ids=[])
        with self.assertRaises(UserError) as cm:
            offer.action_create_quotations()
        self.assertRegex(str(cm.exception), "needs variants")
        offer = self._offer()
        offer.action_create_quotations()
        with self.assertRaises(UserError) as cm:
            offer.action_create_quotations()
        self.assertRegex(str(cm.exception), "already has its quotations")
        self.assertEqual(len(offer.order_ids), 4)

    def test_profile_single_default_per_salesperson(self):
        self.profile.user_ids = self.salesman
        with self.assertRaises(ValidationError) as cm:
            self.env["crm.offer.profile"].create(
                {
                    "name": "Second",
                    "currency_ids": [Command.set(self.zza.ids)],
                    "user_ids": [Command.set(self.salesman.ids)],
                }
            )
        self.assertRegex(str(cm.exception), "Test profile")
        offer = self.env["crm.offer"].create(
            {"partner_id": self.customer.id, "user_id": self.salesman.id}
        )
        self.assertEqual(offer.profile_id, self.profile)
        self.assertEqual(offer.currency_ids, self.profile.currency_ids)
