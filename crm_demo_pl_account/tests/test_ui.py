"""The Polish demo company's card, history and receivables as its account
manager reads them: in Polish, with Polish amounts and dates (issue 16)."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPolishCardTour(HttpCase):
    tour_lang = "pl_PL"

    def test_card_history_and_receivables_in_polish(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.currency_id, self.env.ref("base.PLN"))
        new_test_user(
            self.env,
            "crm_pl_tour",
            groups="base.group_user,base.group_partner_manager,"
            "sales_team.group_sale_salesman,account.group_account_invoice",
            company_id=company.id,
            tz="Europe/Warsaw",
        )
        customer = self.env["res.partner"].create(
            {
                "name": "Kaszubska Energia sp. z o.o.",
                "is_company": True,
                "country_id": self.env.ref("base.pl").id,
                "lang": "pl_PL",
            }
        )
        today = fields.Date.context_today(self.env["res.partner"])
        for days_late, amount in ((45, 1234.56), (-10, 1000.0)):
            day = today - timedelta(days=max(days_late, 0))
            invoice = (
                self.env["account.move"]
                .with_company(company)
                .create(
                    {
                        "move_type": "out_invoice",
                        "partner_id": customer.id,
                        "invoice_date": day,
                        "invoice_date_due": today - timedelta(days=days_late),
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "name": "Serwis pomp ciepła",
                                    "price_unit": amount,
                                    "tax_ids": [],
                                }
                            )
                        ],
                    }
                )
            )
            invoice.action_post()
        self.start_tour(
            f"/odoo/contacts/{customer.id}",
            "crm_demo_pl_card_tour",
            login="crm_pl_tour",
        )
