import json
from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import OfferCase


@tagged("post_install", "-at_install")
class TestOfferConstraints(OfferCase):
    """What the offers' forms require or restrict holds through the ORM and
    imports too (issue 15, offer profiles)."""

    @contextmanager
    def _refused(self, exception, regex):
        # Odoo's assertRaises rolls the failed write back, assertRaisesRegex not
        with self.assertRaises(exception) as cm:
            yield cm
        self.assertRegex(str(cm.exception), regex)

    def test_profile_without_currency(self):
        with self._refused(
            ValidationError, "Offer profile No money needs at least one currency"
        ):
            self.env["crm.offer.profile"].create({"name": "No money"})
        for command in ([Command.clear()], [Command.set([])]):
            with self._refused(ValidationError, "Test profile"):
                self.profile.write({"currency_ids": command})
            self.env.invalidate_all()
            self.assertEqual(self.profile.currency_ids, self.base_currency | self.zza)

    def test_profile_import_without_currency(self):
        result = self.env["crm.offer.profile"].load(
            ["name", "currency_ids"], [["Imported", ""]]
        )
        self.assertFalse(result["ids"])
        self.assertRegex(result["messages"][0]["message"], "Imported.*currency")

    def test_profile_inactive_currency(self):
        self.zzj.active = False
        with self._refused(
            ValidationError, "Offer profile Yen: currency ZZJ is inactive"
        ):
            self.env["crm.offer.profile"].create(
                {"name": "Yen", "currency_ids": [Command.set(self.zzj.ids)]}
            )
        with self._refused(ValidationError, "Test profile: currency ZZJ"):
            self.profile.currency_ids |= self.zzj

    def test_currency_archived_after_profile(self):
        offer = self._offer()
        self.zza.active = False
        with self._refused(
            ValidationError, f"Offer {offer.name}: currency ZZA is inactive"
        ):
            offer.action_create_quotations()
        self.assertFalse(offer.order_ids)

    def test_offer_currency_among_currencies(self):
        offer = self._offer()
        with self._refused(ValidationError, "ZZJ of offer .* ZZA"):
            offer.currency_id = self.zzj

    def test_portal_user_not_salesperson(self):
        portal = new_test_user(self.env, "offer_portal_x", groups="base.group_portal")
        with self._refused(ValidationError, "internal user"):
            self._offer(user=portal)
        with self._refused(ValidationError, "Test profile.*offer_portal_x"):
            self.profile.user_ids = portal

    def test_product_not_for_sale(self):
        self.product_2.sale_ok = False
        with self._refused(ValidationError, "Desk Lamp of variant Premium"):
            self._offer()

    def test_line_of_another_company(self):
        other = self.env["res.company"].create({"name": "Other offers company"})
        product = self.env["product.product"].create(
            {"name": "Foreign chair", "company_id": other.id}
        )
        offer = self._offer()
        with self.assertRaises(Exception) as cm:
            offer.variant_ids[0].line_ids = [Command.create({"product_id": product.id})]
        self.assertIn("Foreign chair", str(cm.exception))


@tagged("post_install", "-at_install")
class TestOfferProfileRpc(HttpCase):
    def test_profile_without_currency_over_rpc(self):
        new_test_user(
            self.env, "offer_rpc_manager", groups="sales_team.group_sale_manager"
        )
        self.authenticate("offer_rpc_manager", "offer_rpc_manager")
        response = self.url_open(
            "/web/dataset/call_kw/crm.offer.profile/create",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "crm.offer.profile",
                        "method": "create",
                        "args": [[{"name": "Over RPC", "currency_ids": []}]],
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        error = response.json()["error"]["data"]
        self.assertEqual(error["name"], "odoo.exceptions.ValidationError")
        self.assertIn("Over RPC", error["message"])
        self.assertFalse(
            self.env["crm.offer.profile"].search([("name", "=", "Over RPC")])
        )


@tagged("post_install", "-at_install")
class TestPricedOfferFrozen(OfferCase):
    def test_priced_offer_keeps_its_rate_date_currencies_and_profile(self):
        """The form makes them read-only once priced; over RPC the rate date
        changed while the quotations and the printout kept the old rates."""
        offer = self._offer()
        offer.action_create_quotations()
        other = self.profile.copy({"name": "Other profile"})
        for vals in (
            {"rate_date": "2025-01-20"},
            {"currency_ids": [Command.set(self.zza.ids)]},
            {"profile_id": other.id},
        ):
            with self.assertRaises(UserError) as cm:
                offer.with_user(self.salesman).write(vals)
            self.assertIn(offer.name, str(cm.exception))
        self.env.invalidate_all()
        self.assertEqual(str(offer.rate_date), "2025-01-10")
        # re-pricing on purpose moves the date
        offer.action_reprice()
        self.assertEqual(offer.rate_date, offer.rate_ids[:1].requested_date)
