"""The demo database has something to show on every screen of the suite:
to the demo salesperson (``base.user_demo``) in every window menu, and to the
demo portal user on each of our tiles of ``/my``."""

import json

from odoo.tests import HttpCase, tagged

from . import test_menus

# our tiles of /my (and the helpdesk's, which our tickets fill)
PORTAL_COUNTERS = (
    "device_count",
    "crm_document_count",
    "offer_count",
    "ticket_count",
    "balance_confirmation_count",
    "payment_demand_count",
)


@tagged("post_install", "-at_install")
class TestDemo(HttpCase):
    def test_every_menu_shows_records_to_the_demo_salesperson(self):
        user = self.env.ref("base.user_demo")
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.ui.menu"), ("module", "in", test_menus.ADDONS)]
        )
        menus = self.env["ir.ui.menu"].browse(data.mapped("res_id")).exists()
        visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        checked = 0
        for menu in menus.filtered(test_menus.TestMenus._window):
            if menu.id not in visible:
                continue
            action = menu.action.sudo()._get_action_dict()
            model, domain = test_menus.TestMenus._action_model_domain(
                self, action, user
            )
            if model._transient:
                # a wizard or a dashboard: nothing to list
                continue
            with self.subTest(menu=menu.complete_name):
                self.assertTrue(model.search_count(domain), "nothing to show")
            checked += 1
        self.assertTrue(checked)

    def test_the_demo_salespersons_customers_have_a_payment_history(self):
        user = self.env.ref("base.user_demo")
        overview = self.env["crm.customer.overview"].with_user(user).create({})
        self.assertTrue(overview.customer_count)
        self.assertTrue(overview.churn_count)
        self.assertTrue(overview.segment_ids)
        Aging = self.env["crm.receivable.aging"]
        buckets = Aging.formatted_read_group(
            [("user_id", "=", user.id)],
            aggregates=[
                f"{name}:sum"
                for name in (
                    "amount_not_due",
                    "amount_1_30",
                    "amount_31_60",
                    "amount_61_90",
                    "amount_91_180",
                    "amount_over_180",
                )
            ],
        )[0]
        for bucket, amount in buckets.items():
            if bucket.startswith("amount_"):
                with self.subTest(bucket=bucket):
                    self.assertGreater(amount, 0)
        customers = self.env["res.partner"].search(
            [("user_id", "=", user.id), ("is_company", "=", True)]
        )
        group = customers.filtered(
            lambda p: p.crm_holding_id and p.crm_holding_id != p
        )[:1]
        self.assertTrue(group, "a customer of the demo salesperson in a group")
        for field in (
            "crm_avg_days_to_pay",
            "crm_dso",
            "crm_holding_receivable_total",
            "crm_holding_receivable_overdue",
            "crm_holding_avg_days_to_pay",
            "crm_holding_dso",
        ):
            with self.subTest(field=field):
                self.assertGreater(group[field], 0)

    def test_each_portal_tile_shows_records_to_the_demo_portal_user(self):
        user = self.env.ref("base.demo_user0")
        self.authenticate(user.login, user.login)
        response = self.url_open(
            "/my/counters",
            data=json.dumps({"params": {"counters": list(PORTAL_COUNTERS)}}),
            headers={"Content-Type": "application/json"},
        )
        counters = response.json()["result"]
        for counter in PORTAL_COUNTERS:
            with self.subTest(tile=counter):
                self.assertGreater(counters.get(counter, 0), 0)
