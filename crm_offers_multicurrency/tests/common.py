from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class OfferCase(TransactionCase):
    """A customer, a product at 10.00, test currencies with known rates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # English readers of English texts (the demo company and its
        # customers are Polish)
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.company = cls.env.company
        cls.base_currency = cls.company.currency_id
        Currency = cls.env["res.currency"]
        cls.zza = Currency.create({"name": "ZZA", "symbol": "A$", "rounding": 0.01})
        cls.zzj = Currency.create(
            {"name": "ZZJ", "symbol": "J", "rounding": 1.0, "decimal_places": 0}
        )
        cls.zzk = Currency.create(
            {"name": "ZZK", "symbol": "K", "rounding": 0.001, "decimal_places": 3}
        )
        # the company's currency has rate 1 for the whole test period
        cls.env["res.currency.rate"].create(
            {
                "currency_id": cls.base_currency.id,
                "company_id": cls.company.id,
                "name": date(2020, 1, 1),
                "rate": 1.0,
            }
        )
        cls.rate_zza_10 = cls._rate(cls.zza, date(2025, 1, 10), 4.0)
        cls.rate_zza_20 = cls._rate(cls.zza, date(2025, 1, 20), 5.0)
        cls.customer = cls.env["res.partner"].create(
            {"name": "Offer Customer", "lang": "en_US"}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Office Chair", "list_price": 10.0, "taxes_id": [Command.clear()]}
        )
        cls.product_2 = cls.env["product.product"].create(
            {"name": "Desk Lamp", "list_price": 3.33, "taxes_id": [Command.clear()]}
        )
        cls.salesman = new_test_user(
            cls.env,
            "offer_salesman",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
        )
        cls.salesman_2 = new_test_user(
            cls.env,
            "offer_salesman_2",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
        )
        cls.manager = new_test_user(
            cls.env,
            "offer_manager",
            groups="sales_team.group_sale_manager",
            company_id=cls.company.id,
        )
        cls.profile = cls.env["crm.offer.profile"].create(
            {
                "name": "Test profile",
                "company_id": cls.company.id,
                "currency_ids": [Command.set([cls.base_currency.id, cls.zza.id])],
                "validity_days": 30,
                "max_discount": 10.0,
            }
        )

    @classmethod
    def _rate(cls, currency, day, rate):
        return cls.env["res.currency.rate"].create(
            {
                "currency_id": currency.id,
                "company_id": cls.company.id,
                "name": day,
                "rate": rate,
            }
        )

    def _offer(self, rate_date=date(2025, 1, 10), currencies=None, user=None, **kw):
        values = {
            "partner_id": self.customer.id,
            "profile_id": self.profile.id,
            "rate_date": rate_date,
            "user_id": (user or self.salesman).id,
            "variant_ids": [
                Command.create(
                    {
                        "name": "Basic",
                        "line_ids": [
                            Command.create(
                                {"product_id": self.product.id, "product_uom_qty": 2}
                            )
                        ],
                    }
                ),
                Command.create(
                    {
                        "name": "Premium",
                        "line_ids": [
                            Command.create(
                                {"product_id": self.product.id, "product_uom_qty": 5}
                            ),
                            Command.create(
                                {"product_id": self.product_2.id, "product_uom_qty": 3}
                            ),
                        ],
                    }
                ),
            ],
        }
        if currencies:
            values["currency_ids"] = [Command.set(currencies.ids)]
        values.update(kw)
        return self.env["crm.offer"].create(values)

    def _order(self, offer, variant_name, currency):
        return offer.order_ids.filtered(
            lambda o: (
                o.offer_variant_id.name == variant_name and o.currency_id == currency
            )
        )
