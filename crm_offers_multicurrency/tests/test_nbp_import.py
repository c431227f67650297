import json
from datetime import date
from pathlib import Path
from unittest.mock import MagicMock, patch

import requests

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

DATA = Path(__file__).parent / "data"
GET = "odoo.addons.crm_offers_multicurrency.models.res_currency_rate.requests.get"


def response(status=200, payload=None, text=None):
    answer = MagicMock(status_code=status)
    if text is not None:
        answer.json.side_effect = ValueError("not json")
    else:
        answer.json.return_value = payload
    return answer


def recorded(name):
    return json.loads((DATA / name).read_text())


@tagged("post_install", "-at_install")
class TestNbpImport(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pln = cls.env.ref("base.PLN")
        cls.pln.active = True
        cls.company = cls.env["res.company"].create(
            {"name": "Polska Sp. z o.o.", "currency_id": cls.pln.id}
        )
        cls.usd = cls.env.ref("base.USD")
        cls.aed = cls.env.ref("base.AED")
        (cls.usd | cls.aed | cls.env.ref("base.EUR")).active = True
        cls.Rate = cls.env["res.currency.rate"]

    def _fake_nbp(self, url, **kwargs):
        if "/tables/A/" in url:
            return response(payload=recorded("nbp_table_a_2025-04-17_2025-04-22.json"))
        return response(payload=recorded("nbp_table_b_2025-04-17_2025-04-22.json"))

    def _rates(self, currency):
        return self.Rate.search(
            [("currency_id", "=", currency.id), ("company_id", "=", self.company.id)],
            order="name",
        )

    def test_company_with_a_branch(self):
        """With a PLN branch (Odoo's branches, e.g. a second location), the
        import failed on "Currency rates should only be created for main
        companies" and imported nothing."""
        branch = self.env["res.company"].create(
            {
                "name": "Polska - oddział Kraków",
                "parent_id": self.company.id,
                "currency_id": self.pln.id,
            }
        )
        with patch(GET, side_effect=self._fake_nbp):
            self.Rate._nbp_import(date(2025, 4, 17), date(2025, 4, 22))
        self.assertEqual(len(self._rates(self.usd)), 3)
        self.assertFalse(self.Rate.search([("company_id", "=", branch.id)]))
        # the branch converts with its main company's rates
        self.assertAlmostEqual(
            self.usd._get_conversion_rate(
                self.usd, self.pln, branch, date(2025, 4, 17)
            ),
            3.7903,
        )

    def test_range_with_holiday_gap_and_table_b(self):
        with patch(GET, side_effect=self._fake_nbp) as get:
            self.Rate._nbp_import(date(2025, 4, 17), date(2025, 4, 22))
        urls = [call.args[0] for call in get.call_args_list]
        self.assertEqual(
            urls,
            [
                "https://api.nbp.pl/api/exchangerates/tables/A/2025-04-17/2025-04-22/",
                "https://api.nbp.pl/api/exchangerates/tables/B/2025-04-17/2025-04-22/",
            ],
        )
        self.assertTrue(all(call.kwargs.get("timeout") for call in get.call_args_list))
        usd = self._rates(self.usd)
        # Easter Monday (21 April) and the weekend have no table
        self.assertEqual(
            usd.mapped("name"),
            [date(2025, 4, 17), date(2025, 4, 18), date(2025, 4, 22)],
        )
        self.assertEqual(
            usd.mapped("nbp_table_no"),
            ["075/A/NBP/2025", "076/A/NBP/2025", "077/A/NBP/2025"],
        )
        self.assertAlmostEqual(usd[0].rate, 1 / 3.7903)
        self.assertAlmostEqual(usd[0].inverse_company_rate, 3.7903)
        self.assertEqual(usd[0].nbp_publication_date, date(2025, 4, 17))
        aed = self._rates(self.aed)
        self.assertEqual(aed.nbp_table_no, "016/B/NBP/2025")
        self.assertAlmostEqual(aed.rate, 1 / 1.0353)
        # KWD is not active: not imported
        self.assertFalse(self._rates(self.env.ref("base.KWD")))

    def test_reimport_updates_without_duplicates(self):
        with patch(GET, side_effect=self._fake_nbp):
            self.Rate._nbp_import(date(2025, 4, 17), date(2025, 4, 22))
        self._rates(self.usd)[0].rate = 1.0
        with patch(GET, side_effect=self._fake_nbp):
            self.Rate._nbp_import(date(2025, 4, 17), date(2025, 4, 22))
        usd = self._rates(self.usd)
        self.assertEqual(len(usd), 3)
        self.assertAlmostEqual(usd[0].rate, 1 / 3.7903)

    def test_long_range_is_split(self):
        with patch(GET, return_value=response(status=404)) as get:
            count = self.Rate._nbp_import(date(2025, 1, 1), date(2025, 6, 30))
        self.assertEqual(count, 0)
        starts = [call.args[0].split("/")[-3] for call in get.call_args_list[::2]]
        self.assertEqual(starts, ["2025-01-01", "2025-04-04"])
        self.assertTrue(
            get.call_args_list[-1].args[0].endswith("/2025-04-04/2025-06-30/")
        )

    def test_malformed_answers(self):
        cases = [
            (response(payload={"error": "x"}), "list of tables"),
            (
                response(
                    payload=[{"no": "1/A/NBP/2025", "effectiveDate": "2025-04-17"}]
                ),
                "without rates",
            ),
            (
                response(
                    payload=[
                        {
                            "no": "1/A/NBP/2025",
                            "effectiveDate": "2025-04-17",
                            "rates": [{"code": "USD", "mid": "3.79"}],
                        }
                    ]
                ),
                "positive mid",
            ),
            (
                response(
                    payload=[
                        {
                            "no": "1/A/NBP/2025",
                            "effectiveDate": "17.04.2025",
                            "rates": [],
                        }
                    ]
                ),
                "effective date",
            ),
            (response(text="<html>"), "not JSON"),
            (response(status=500), "answered 500"),
        ]
        for answer, message in cases:
            with self.subTest(message=message), patch(GET, return_value=answer):
                with self.assertRaises(UserError) as cm:
                    self.Rate._nbp_import(date(2025, 4, 17), date(2025, 4, 22))
                self.assertRegex(str(cm.exception), message)
                self.assertFalse(self._rates(self.usd))

    def test_network_error(self):
        with (
            patch(GET, side_effect=requests.Timeout("timed out")),
            self.assertRaises(UserError) as cm,
        ):
            self.Rate._nbp_import(date(2025, 4, 17), date(2025, 4, 17))
        self.assertRegex(str(cm.exception), "could not be reached")

    def test_wizard_backfill(self):
        wizard = self.env["crm.offer.nbp.import"].create(
            {"date_from": date(2025, 4, 17), "date_to": date(2025, 4, 22)}
        )
        with patch(GET, side_effect=self._fake_nbp):
            action = wizard.action_import()
        # USD, EUR and AED for the new company (and any other PLN company)
        self.assertRegex(action["params"]["message"], r"^\d+ NBP exchange rates")
        self.assertEqual(len(self._rates(self.usd)), 3)
        with self.assertRaises(ValidationError):
            self.env["crm.offer.nbp.import"].create(
                {"date_from": date(2025, 4, 22), "date_to": date(2025, 4, 17)}
            )

    def test_offer_uses_nbp_rate_of_business_day_before(self):
        with patch(GET, side_effect=self._fake_nbp):
            self.Rate._nbp_import(date(2025, 4, 17), date(2025, 4, 22))
        profile = self.env["crm.offer.profile"].create(
            {
                "name": "PL",
                "company_id": self.company.id,
                "currency_ids": [(6, 0, (self.pln | self.usd).ids)],
                "rate_rule": "business_day_before",
            }
        )
        partner = self.env["res.partner"].create({"name": "Klient"})
        product = self.env["product.product"].create(
            {"name": "Krzesło", "list_price": 100}
        )
        offer = (
            self.env["crm.offer"]
            .with_company(self.company)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": self.company.id,
                    "profile_id": profile.id,
                    "rate_date": date(2025, 4, 22),
                    "variant_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "A",
                                "line_ids": [(0, 0, {"product_id": product.id})],
                            },
                        )
                    ],
                }
            )
        )
        offer.action_create_quotations()
        rate = offer.rate_ids.filtered(lambda r: r.currency_id == self.usd)
        # 22 April: the day before is Easter Monday, then the weekend -> 18 April
        self.assertEqual(rate.rate_date, date(2025, 4, 18))
        self.assertEqual(rate.table_no, "076/A/NBP/2025")
        self.assertRegex(rate.display_name, "076/A/NBP/2025")
        usd_order = offer.order_ids.filtered(lambda o: o.currency_id == self.usd)
        # 100 PLN / 3.7766 = 26.478843 -> 26.48
        self.assertEqual(usd_order.order_line.price_unit, 26.48)
