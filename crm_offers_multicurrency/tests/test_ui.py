from datetime import date, timedelta
from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOfferTour(HttpCase):
    def test_offer_tour(self):
        user = new_test_user(
            self.env,
            "offer_tour",
            groups="base.group_user,sales_team.group_sale_manager",
        )
        eur = self.env.ref("base.EUR")
        eur.active = True
        self.env["res.currency.rate"].create(
            {
                "currency_id": eur.id,
                "company_id": self.env.company.id,
                "name": date.today() - timedelta(days=1),
                "rate": 0.9,
            }
        )
        self.env["res.partner"].create({"name": "Tour Customer"})
        product = self.env["product.product"].create(
            {"name": "Tour Chair", "list_price": 100.0}
        )
        template = self.env["sale.order.template"].create(
            {
                "name": "Tour template",
                "sale_order_template_line_ids": [
                    Command.create({"product_id": product.id, "product_uom_qty": 2})
                ],
            }
        )
        self.env["crm.offer.profile"].create(
            {
                "name": "Tour Profile",
                "sequence": 1,
                "currency_ids": [Command.set((self.env.company.currency_id | eur).ids)],
                "sale_order_template_id": template.id,
                "user_ids": [Command.set(user.ids)],
            }
        )
        Report = self.registry["ir.actions.report"]
        render = Report._render_qweb_pdf
        printed = []

        def record_print(report, report_ref, res_ids=None, data=None):
            printed.append((report_ref, res_ids))
            return render(report, report_ref, res_ids=res_ids, data=data)

        with patch.object(Report, "_render_qweb_pdf", record_print):
            self.start_tour(
                "/odoo/action-crm_offers_multicurrency.action_crm_offer",
                "crm_offers_multicurrency_tour",
                login="offer_tour",
            )
        offer = self.env["crm.offer"].search(
            [("partner_id.name", "=", "Tour Customer")]
        )
        self.assertEqual(
            printed,
            [("crm_offers_multicurrency.report_crm_offer", offer.ids)],
        )
        self.assertEqual(offer.state, "won")
        self.assertEqual(offer.accepted_order_id.offer_variant_id.name, "Premium")
        self.assertEqual(offer.accepted_order_id.state, "sale")
        self.assertEqual(len(offer.order_ids), 4)
        self.assertEqual(offer.currency_ids, self.env.company.currency_id | eur)
