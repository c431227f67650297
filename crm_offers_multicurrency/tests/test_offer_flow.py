import base64
import io

from PIL import Image

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OfferCase


@tagged("post_install", "-at_install")
class TestOfferFlow(OfferCase):
    def test_accept_one_variant(self):
        offer = self._offer()
        offer.action_create_quotations()
        offer.action_mark_sent()
        self.assertEqual(offer.state, "sent")
        chosen = self._order(offer, "Premium", self.zza)
        chosen.with_user(self.salesman).action_offer_accept()
        self.assertEqual(chosen.state, "sale")
        self.assertEqual(offer.state, "won")
        self.assertEqual(offer.accepted_order_id, chosen)
        self.assertEqual(set((offer.order_ids - chosen).mapped("state")), {"cancel"})
        # a closed offer accepts no second variant
        other = self._order(offer, "Basic", self.zza)
        other.state = "draft"
        with self.assertRaises(UserError) as cm:
            other.action_confirm()
        self.assertRegex(str(cm.exception), "already closed")

    def test_accept_two_variants_at_once_refused(self):
        offer = self._offer()
        offer.action_create_quotations()
        with self.assertRaises(UserError) as cm:
            offer.order_ids[:2].action_confirm()
        self.assertRegex(str(cm.exception), "Only one variant")
        self.assertEqual(set(offer.order_ids.mapped("state")), {"draft"})
        self.assertEqual(offer.state, "draft")

    def test_reject_with_reason(self):
        offer = self._offer()
        offer.action_create_quotations()
        with self.assertRaises(UserError) as cm:
            offer.action_mark_lost()
        self.assertRegex(str(cm.exception), "lost reason")
        self.assertEqual(offer.state, "draft")
        offer.lost_reason = "Too expensive"
        offer.action_mark_lost()
        self.assertEqual(offer.state, "lost")
        self.assertEqual(set(offer.order_ids.mapped("state")), {"cancel"})

    def test_discount_above_limit_needs_approval(self):
        offer = self._offer()
        offer.variant_ids[0].line_ids.discount = 20.0
        offer.action_create_quotations()
        self.assertTrue(offer.needs_approval)
        order = self._order(offer, "Basic", self.zza)
        with self.assertRaises(UserError) as cm:
            order.with_user(self.salesman).action_offer_accept()
        self.assertRegex(str(cm.exception), "20.00% discount")
        self.assertRegex(str(cm.exception), "10.00%")
        self.assertEqual(order.state, "draft")
        with self.assertRaises(AccessError):
            offer.with_user(self.salesman).action_approve_discount()
        self.assertTrue(offer.needs_approval)
        offer.with_user(self.manager).action_approve_discount()
        self.assertFalse(offer.needs_approval)
        self.assertEqual(offer.approved_by_id, self.manager)
        order.with_user(self.salesman).action_offer_accept()
        self.assertEqual(order.state, "sale")
        self.assertEqual(offer.state, "won")

    def test_discount_raised_after_approval_needs_new_approval(self):
        offer = self._offer()
        offer.variant_ids[0].line_ids.discount = 20.0
        offer.action_create_quotations()
        offer.with_user(self.manager).action_approve_discount()
        order = self._order(offer, "Basic", self.zza)
        order.order_line.discount = 30.0
        self.assertTrue(offer.needs_approval)
        with self.assertRaises(UserError):
            order.action_confirm()
        # a discount within the profile's limit needs nothing
        other = self._offer()
        other.action_create_quotations()
        other.order_ids[0].order_line[0].discount = 10.0
        self.assertFalse(other.needs_approval)

    def test_access_own_offers_only(self):
        mine = self._offer(user=self.salesman)
        theirs = self._offer(user=self.salesman_2)
        Offer = self.env["crm.offer"].with_user(self.salesman)
        visible = Offer.search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(visible, mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.salesman).read(["name"])
        # the manager sees all documents
        visible = (
            self.env["crm.offer"]
            .with_user(self.manager)
            .search([("id", "in", (mine | theirs).ids)])
        )
        self.assertEqual(visible, mine | theirs)
        # a salesperson prices their own offer; profiles are read-only for them
        mine.with_user(self.salesman).action_create_quotations()
        self.assertEqual(len(mine.order_ids), 4)
        with self.assertRaises(AccessError):
            self.profile.with_user(self.salesman).write({"max_discount": 50})

    def test_partner_smart_button(self):
        self._offer()
        self._offer()
        self.assertEqual(self.customer.offer_count, 2)
        action = self.customer.action_view_offers()
        self.assertEqual(
            self.env["crm.offer"].search(action["domain"]).partner_id, self.customer
        )
        offer = self._offer()
        offer.action_create_quotations()
        action = offer.order_ids[0].action_view_offer()
        self.assertEqual(action["res_id"], offer.id)

    def test_report_renders_variants_side_by_side(self):
        offer = self._offer()
        offer.action_create_quotations()
        offer.currency_id = self.zza
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("crm_offers_multicurrency.report_crm_offer", offer.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Basic", html)
        self.assertIn("Premium", html)
        self.assertIn("1 ZZA = 0.2500", html)
        # Premium in ZZA: 5 x 40.00 + 3 x 13.32 = 239.96
        self.assertIn("239.96", html)

    def test_report_variants_in_order_in_the_customers_language(self):
        """The PDF showed Premium before Basic (quotations are ordered newest
        first) and, printed by a Polish salesperson for an English customer,
        the exchange rates in Polish."""
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env["ir.module.module"]._load_module_terms(
            ["crm_offers_multicurrency"], ["pl_PL"]
        )
        self.customer.lang = "en_US"
        self.salesman.lang = "pl_PL"
        offer = self._offer()
        offer.action_create_quotations()
        offer.currency_id = self.zza
        Report = self.env["ir.actions.report"].with_user(self.salesman)

        def render():
            return (
                Report.with_context(lang="pl_PL")
                ._render_qweb_html(
                    "crm_offers_multicurrency.report_crm_offer", offer.ids
                )[0]
                .decode()
            )

        html = render()
        self.assertLess(html.index("Basic"), html.index("Premium"))
        self.assertIn(f"1 ZZA = 0.2500 {self.base_currency.name} of ", html)
        self.assertNotIn(" z dnia ", html)
        # a Polish customer gets it in Polish
        self.customer.lang = "pl_PL"
        offer.invalidate_recordset()
        self.assertIn(f"1 ZZA = 0,2500 {self.base_currency.name} z dnia ", render())

    def test_quotation_lines_in_the_customers_language(self):
        """A Polish salesperson's offer to an English customer gave quotations
        (the ones the customer signs) with Polish product descriptions."""
        self.env["res.lang"]._activate_lang("pl_PL")
        self.product.with_context(lang="pl_PL").name = "Krzesło biurowe"
        self.customer.lang = "en_US"
        self.salesman.lang = "pl_PL"
        offer = self._offer().with_user(self.salesman).with_context(lang="pl_PL")
        # the description the salesperson's screen proposed, in Polish
        basic_line = offer.variant_ids[0].line_ids
        basic_line.name = self.product.with_context(
            lang="pl_PL"
        ).get_product_multiline_description_sale()
        self.assertEqual(basic_line.name, "Krzesło biurowe")
        premium_lamp = offer.variant_ids[1].line_ids.filtered(
            lambda line: line.product_id == self.product_2
        )
        premium_lamp.name = "Lampa z montażem"
        offer.action_create_quotations()
        basic = self._order(offer, "Basic", self.zza)
        self.assertEqual(basic.order_line.name, "Office Chair")
        premium = self._order(offer, "Premium", self.zza)
        self.assertEqual(
            sorted(premium.order_line.mapped("name")),
            ["Lampa z montażem", "Office Chair"],
        )

    def test_customer_fixed_once_priced(self):
        """Changing the customer of a priced offer left its quotations with the
        previous customer: the new one saw the offer and could sign them."""
        offer = self._offer()
        other = self.env["res.partner"].create({"name": "Other Customer"})
        offer.partner_id = other  # not priced yet: free to change
        offer.action_create_quotations()
        with self.assertRaises(UserError) as cm:
            offer.with_user(self.salesman).write({"partner_id": self.customer.id})
        self.assertRegex(str(cm.exception), "already has quotations for Other Customer")
        self.assertEqual(offer.partner_id, other)
        self.assertEqual(offer.order_ids.partner_id, other)
        # writing the same customer again (the form saves it) is fine
        offer.write({"partner_id": other.id, "lost_reason": "x"})

    def test_portal_cannot_pay_a_variant_it_cannot_accept(self):
        """The portal showed "Accept & Pay" for a variant whose discount waited
        for approval, and for a second variant while the first one was signed:
        the customer could pay a quotation that could not be confirmed."""
        offer = self._offer()
        offer.variant_ids[0].line_ids.discount = 20.0
        offer.action_create_quotations()
        offer.action_mark_sent()
        offer.order_ids.write(
            {
                "require_signature": True,
                "require_payment": True,
                "prepayment_percent": 1,
            }
        )
        basic = self._order(offer, "Basic", self.zza)
        premium = self._order(offer, "Premium", self.zza)
        self.assertFalse(basic._has_to_be_signed())
        self.assertFalse(basic._has_to_be_paid())
        self.assertTrue(premium._has_to_be_signed())
        self.assertTrue(premium._has_to_be_paid())
        # the customer signs Premium: no other variant can be signed or paid
        image = io.BytesIO()
        Image.new("RGB", (20, 10), "white").save(image, "PNG")
        premium.write(
            {"signature": base64.b64encode(image.getvalue()), "signed_by": "Jan"}
        )
        self.assertTrue(premium._has_to_be_paid())
        other = self._order(offer, "Premium", self.base_currency)
        self.assertFalse(other._has_to_be_signed())
        self.assertFalse(other._has_to_be_paid())
        # once approved, the discounted variant waits only for the signed one
        offer.with_user(self.manager).action_approve_discount()
        self.assertFalse(basic._has_to_be_paid())

    def test_won_offer_total_is_the_accepted_variant(self):
        """Accepted in another currency than the offer's, the won offer's total
        was 0: its quotations in the offer's currency are all cancelled."""
        offer = self._offer()
        offer.action_create_quotations()
        self.assertEqual(offer.currency_id, self.base_currency)
        # cheapest: Basic, 2 x 10.00
        self.assertAlmostEqual(offer.amount_total, 20.0)
        self._order(offer, "Premium", self.zza).action_offer_accept()
        self.assertEqual(offer.state, "won")
        # Premium in the offer's currency: 5 x 10.00 + 3 x 3.33
        self.assertAlmostEqual(offer.amount_total, 59.99)

    def test_send_by_email_marks_sent_with_pdf(self):
        self.customer.email = "customer@example.com"
        offer = self._offer()
        offer.action_create_quotations()
        action = offer.action_send()
        composer = (
            self.env[action["res_model"]].with_context(**action["context"]).create({})
        )
        self.assertRegex(composer.subject, offer.name)
        self.assertIn(offer.get_portal_url(), composer.body)
        composer._action_send_mail()
        self.assertEqual(offer.state, "sent")
        self.assertEqual(set(offer.order_ids.mapped("state")), {"sent"})
        message = offer.message_ids.filtered("attachment_ids")[:1]
        self.assertTrue(message.attachment_ids[0].name.startswith("Variant Offer - "))
        self.assertIn(self.customer, message.partner_ids)

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Other Company"})
        other_profile = self.env["crm.offer.profile"].create(
            {
                "name": "Other profile",
                "company_id": other_company.id,
                "currency_ids": [(6, 0, other_company.currency_id.ids)],
            }
        )
        foreign = self.env["crm.offer"].create(
            {
                "partner_id": self.customer.id,
                "company_id": other_company.id,
                "profile_id": other_profile.id,
                "user_id": self.manager.id,
            }
        )
        mine = self._offer(user=self.manager)
        Offer = self.env["crm.offer"].with_user(self.manager)
        self.assertEqual(Offer.search([("id", "in", (foreign | mine).ids)]), mine)
        Profile = self.env["crm.offer.profile"].with_user(self.manager)
        self.assertNotIn(other_profile, Profile.search([]))

    def test_default_profile_of_team(self):
        team = self.env["crm.team"].create(
            {"name": "Export team", "member_ids": [(6, 0, self.salesman_2.ids)]}
        )
        team_profile = self.env["crm.offer.profile"].create(
            {
                "name": "Team profile",
                "currency_ids": [(6, 0, self.zza.ids)],
                "team_ids": [(6, 0, team.ids)],
                "sequence": 99,
            }
        )
        offer = self.env["crm.offer"].create(
            {"partner_id": self.customer.id, "user_id": self.salesman_2.id}
        )
        self.assertEqual(offer.team_id, team)
        self.assertEqual(offer.profile_id, team_profile)
        self.assertEqual(offer.currency_ids, self.zza)
