from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OfferCase
from .test_offer_rounding import pdf_text


@tagged("post_install", "-at_install")
class TestOfferLanguage(OfferCase):
    """Issue 16: texts built in Python read in the reader's language (the
    user's on screen, the customer's on what is sent out), and an offer is
    never called like Odoo's quotation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("pl_PL")
        cls.env["ir.module.module"]._load_module_terms(
            ["sale", "crm_offers_multicurrency"], ["pl_PL"]
        )
        cls.salesman.lang = "pl_PL"

    def _rates(self, lang):
        return (
            f"1 ZZA = 0,2500 {self.base_currency.name} z dnia 10.01.2025"
            if lang == "pl_PL"
            else f"1 ZZA = 0.2500 {self.base_currency.name} of 01/10/2025"
        )

    def _as_polish_salesman(self, records):
        # the web client sends the user's language in the context
        return records.with_user(self.salesman).with_context(lang="pl_PL")

    def test_chatter_rates_in_the_users_language(self):
        offer = self._as_polish_salesman(self._offer(rate_date=date(2025, 1, 15)))
        offer.action_create_quotations()
        body = offer.message_ids[0].body
        self.assertIn(self._rates("pl_PL"), body)
        self.assertIn("15.01.2025", body)
        self.assertNotIn("01/10/2025", body)

    def test_pdf_rates_in_the_customers_language(self):
        offer = self._offer(rate_date=date(2025, 1, 10))
        offer.action_create_quotations()
        offer.currency_id = self.zza
        # printed by a Polish salesperson
        report = self._as_polish_salesman(self.env["ir.actions.report"]).with_context(
            force_report_rendering=True
        )

        def text():
            offer.invalidate_recordset()
            pdf, _type = report._render_qweb_pdf(
                "crm_offers_multicurrency.action_report_crm_offer", offer.ids
            )
            return pdf_text(pdf)

        self.customer.lang = "pl_PL"
        polish = text()
        self.assertIn(self._rates("pl_PL"), polish)
        self.assertIn("Kursy walut", polish)
        self.customer.lang = "en_US"
        english = text()
        self.assertIn(self._rates("en_US"), english)
        self.assertNotIn("z dnia", english)

    def test_discount_message_in_the_users_language(self):
        offer = self._offer()
        offer.variant_ids[0].line_ids.discount = 12.5
        offer.action_create_quotations()
        order = self._as_polish_salesman(self._order(offer, "Basic", self.zza))
        with self.assertRaises(UserError) as cm:
            order.action_confirm()
        self.assertIn("rabat 12,50 %", str(cm.exception))
        self.assertIn("10,00 %", str(cm.exception))

    def test_nbp_dates_in_the_users_language(self):
        Rate = self._as_polish_salesman(self.env["res.currency.rate"]).sudo()
        with self.assertRaises(UserError) as cm:
            Rate._nbp_import(date(2025, 4, 22), date(2025, 4, 17))
        self.assertIn("22.04.2025", str(cm.exception))
        self.assertIn("17.04.2025", str(cm.exception))

    def test_quotation_names_its_variant_offer(self):
        """Polish Odoo calls a quotation "Oferta": the quotation's button to its
        offer read "Oferta OF/2026/0001" beside the status "Oferta"."""
        for lang, label in (("en_US", "Variant Offer"), ("pl_PL", "Oferta wariantowa")):
            Order = (
                self.env["sale.order"].with_user(self.salesman).with_context(lang=lang)
            )
            arch = Order.get_views([(False, "form")])["views"]["form"]["arch"]
            self.assertIn(f'<span class="o_stat_text">{label}</span>', arch)
            field = Order.fields_get(["offer_id"])["offer_id"]
            self.assertEqual(field["string"], label)
            model = self.env["ir.model"].with_context(lang=lang)._get("crm.offer")
            self.assertEqual(model.name, label)
        quotation = self.env["ir.model"].with_context(lang="pl_PL")._get("sale.order")
        self.assertNotEqual(quotation.name, "Oferta wariantowa")
