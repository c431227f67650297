from datetime import date, timedelta

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOfferPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Portal Customer", "email": "portal.customer@example.com"}
        )
        cls.intruder = cls.env["res.partner"].create(
            {"name": "Other Customer", "email": "other.customer@example.com"}
        )
        cls.portal_user = new_test_user(
            cls.env,
            "offer_portal",
            groups="base.group_portal",
            partner_id=cls.customer.id,
        )
        cls.other_user = new_test_user(
            cls.env,
            "offer_portal_2",
            groups="base.group_portal",
            partner_id=cls.intruder.id,
        )
        product = cls.env["product.product"].create(
            {"name": "Portal Chair", "list_price": 10.0, "taxes_id": [Command.clear()]}
        )
        profile = cls.env["crm.offer.profile"].create(
            {
                "name": "Portal profile",
                "currency_ids": [Command.set(cls.env.company.currency_id.ids)],
                "validity_days": 30,
            }
        )
        cls.offer = cls.env["crm.offer"].create(
            {
                "partner_id": cls.customer.id,
                "profile_id": profile.id,
                "rate_date": date.today(),
                "variant_ids": [
                    Command.create(
                        {
                            "name": name,
                            "line_ids": [
                                Command.create(
                                    {"product_id": product.id, "product_uom_qty": qty}
                                )
                            ],
                        }
                    )
                    for name, qty in (("Basic", 1), ("Premium", 5))
                ],
            }
        )
        cls.offer.action_create_quotations()
        cls.offer.order_ids.write(
            {
                "require_signature": True,
                "require_payment": False,
                "validity_date": date.today() + timedelta(days=10),
            }
        )
        cls.offer.action_mark_sent()
        cls.premium = cls.offer.order_ids.filtered(
            lambda o: o.offer_variant_id.name == "Premium"
        )

    def _accept(self):
        return self.make_jsonrpc_request(
            f"/my/orders/{self.premium.id}/accept",
            {
                "name": "Jan Kowalski",
                "signature": "R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=",
            },
        )

    def test_other_customer_cannot_accept(self):
        self.authenticate("offer_portal_2", "offer_portal_2")
        result = self._accept()
        self.assertIn("error", result)
        self.assertEqual(self.premium.state, "sent")
        self.assertEqual(self.offer.state, "sent")

    def test_customer_accepts_variant_in_portal(self):
        self.authenticate("offer_portal", "offer_portal")
        result = self._accept()
        self.assertNotIn("error", result)
        self.assertEqual(self.premium.state, "sale")
        self.assertEqual(self.offer.state, "won")
        self.assertEqual(self.offer.accepted_order_id, self.premium)
        self.assertEqual((self.offer.order_ids - self.premium).state, "cancel")

    def test_offer_page_for_its_customer_only(self):
        self.authenticate("offer_portal", "offer_portal")
        page = self.url_open(f"/my/offers/{self.offer.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.offer.name, page.text)
        self.assertIn("Premium", page.text)
        self.assertIn(f"/my/orders/{self.premium.id}", page.text)
        listing = self.url_open("/my/offers")
        self.assertIn(self.offer.name, listing.text)
        self.authenticate("offer_portal_2", "offer_portal_2")
        page = self.url_open(f"/my/offers/{self.offer.id}")
        self.assertNotIn("Premium", page.text)
        self.assertTrue(page.url.endswith("/my"))
        self.assertNotIn(self.offer.name, self.url_open("/my/offers").text)

    def test_discount_waiting_for_approval_cannot_be_signed(self):
        self.premium.order_line.discount = 50.0
        self.authenticate("offer_portal", "offer_portal")
        result = self._accept()
        self.assertIn("error", result)
        self.assertFalse(self.premium.signature)
        self.assertEqual(self.premium.state, "sent")
        self.assertEqual(self.offer.state, "sent")

    def test_offer_page_lists_the_quotations_lines(self):
        """The page listed the offer's lines (5 chairs) after the salesperson
        changed the Premium quotation to 6: the customer accepts the quotation."""
        self.premium.order_line.product_uom_qty = 6
        self.authenticate("offer_portal", "offer_portal")
        page = self.url_open(f"/my/offers/{self.offer.id}").text
        self.assertRegex(page, r"6\.00</span> x <span>Portal Chair")
        self.assertNotRegex(page, r"5\.00</span> x <span>Portal Chair")
