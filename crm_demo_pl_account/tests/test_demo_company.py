"""The demo database is a Polish company's (issue 16), and every report of the
suite prints as a real PDF (wkhtmltopdf), read back with pdftotext."""

import re
import subprocess
import tempfile
from datetime import date, timedelta

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDemoCompany(TransactionCase):
    def test_main_company_is_polish(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.country_id.code, "PL")
        self.assertEqual(company.currency_id.name, "PLN")
        self.assertEqual(company.chart_template, "pl")
        self.assertEqual(company.vat, "PL6762154302")
        self.assertTrue(company.logo)
        self.assertTrue(company.partner_id.bank_ids)
        l10n_pl = self.env["ir.module.module"].search([("name", "=", "l10n_pl")])
        self.assertEqual(l10n_pl.state, "installed")
        for xmlid in ("base.user_admin", "base.user_demo", "base.demo_user0"):
            user = self.env.ref(xmlid)
            self.assertEqual((user.lang, user.tz), ("pl_PL", "Europe/Warsaw"), xmlid)
        portal_partner = self.env.ref("base.demo_user0").partner_id
        self.assertEqual(
            portal_partner.commercial_partner_id,
            self.env.ref("crm_demo_pl.partner_termobud"),
        )
        # the sales taxes of the company are Polish VAT
        tax = self.env["account.chart.template"].with_company(company).ref("vs_kraj_23")
        self.assertEqual((tax.amount, tax.company_id), (23.0, company))

    def test_recorded_nbp_rates(self):
        """EUR and USD rates come from the recorded NBP table, per PLN."""
        company = self.env.ref("base.main_company")
        for code in ("EUR", "USD"):
            rate = self.env["res.currency.rate"].search(
                [
                    ("currency_id.name", "=", code),
                    ("company_id", "=", company.id),
                    ("nbp_table_no", "like", "/A/NBP/"),
                ],
                order="name desc",
                limit=1,
            )
            self.assertTrue(rate, code)
            # 1 EUR/USD is between 3 and 5 zł
            self.assertTrue(3 < 1 / rate.rate < 5, code)


@tagged("post_install", "-at_install")
class TestReportPdfs(HttpCase):
    """Every report of the suite prints as a real PDF (wkhtmltopdf fetches the
    report's styles from the running server); the text is checked on the
    same template rendered to HTML: Debian's wkhtmltopdf (unpatched Qt) draws
    the text of Odoo's web font as outlines, which pdftotext cannot read."""

    def _check(self, report, records, data=None, page_size="595 x 842"):
        ids = records.ids if records else None
        Report = self.env["ir.actions.report"]
        pdf, report_format = Report.with_context(
            force_report_rendering=True
        )._render_qweb_pdf(report, ids, data=data)
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), report)
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            info = subprocess.run(
                ["pdfinfo", file.name], check=True, capture_output=True, text=True
            ).stdout
        self.assertIn(f"Page size:       {page_size}", info)
        self.assertIn("wkhtmltopdf", info)
        html = Report._render_qweb_html(report, ids, data=data)[0].decode()
        # the words as printed (tags dropped), and the markup
        text = re.sub(r"<[^>]+>", " ", html.replace("\xa0", " "))
        return " ".join(text.split()), html

    def _offer(self, customer):
        company = self.env.company
        eur = self.env.ref("base.EUR")
        eur.active = True
        self.env["res.currency.rate"].create(
            {
                "currency_id": eur.id,
                "company_id": company.id,
                "name": date(2020, 1, 2),
                "rate": 0.25,
            }
        )
        profile = self.env["crm.offer.profile"].create(
            {
                "name": "PDF",
                "company_id": company.id,
                "currency_ids": [Command.set([company.currency_id.id, eur.id])],
                "validity_days": 30,
                "max_discount": 10.0,
            }
        )
        product = self.env["product.product"].create(
            {"name": "Kocioł K-200", "list_price": 1234.5, "taxes_id": []}
        )
        offer = self.env["crm.offer"].create(
            {
                "partner_id": customer.id,
                "profile_id": profile.id,
                "rate_date": date(2020, 1, 2),
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
                    for name, qty in (("Podstawowy", 1), ("Rozszerzony", 2))
                ],
            }
        )
        offer.action_create_quotations()
        return offer

    def test_offer_pdf_polish_customer(self):
        self.env["res.lang"]._activate_lang("pl_PL")
        customer = self.env["res.partner"].create(
            {
                "name": "Klient PDF sp. z o.o.",
                "is_company": True,
                "lang": "pl_PL",
                "country_id": self.env.ref("base.pl").id,
            }
        )
        text, html = self._check(
            "crm_offers_multicurrency.report_crm_offer", self._offer(customer)
        )
        company = self.env.company
        self.assertIn("Oferta", text)
        self.assertIn(company.partner_id.name, text)
        self.assertIn(company.vat, text)
        self.assertIn(company.city, text)
        self.assertIn('alt="Logo" src="data:image/png;base64,', html)
        # the variants side by side, in złoty, Polish number format
        self.assertLess(text.index("Podstawowy"), text.index("Rozszerzony"))
        self.assertIn("1 234,50 zł", text)
        self.assertIn("2 469,00 zł", text)

    def test_offer_pdf_english_customer(self):
        self.env["res.lang"]._activate_lang("pl_PL")
        customer = self.env["res.partner"].create(
            {"name": "PDF Customer Ltd", "is_company": True, "lang": "en_US"}
        )
        text, _html = self._check(
            "crm_offers_multicurrency.report_crm_offer", self._offer(customer)
        )
        self.assertIn("Offer", text)
        self.assertNotIn("Oferta", text)
        self.assertIn("1,234.50", text)

    def test_unsettled_payments_pdf(self):
        salesperson = new_test_user(
            self.env, "pdf_aging", groups="account.group_account_invoice"
        )
        customer = self.env["res.partner"].create({"name": "Dłużnik PDF"})
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_date": date.today() - timedelta(days=45),
                "invoice_date_due": date.today() - timedelta(days=40),
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Usługa", "price_unit": 1000.0, "tax_ids": []}
                    )
                ],
            }
        )
        invoice.action_post()
        aging = self.env["crm.receivable.aging"].with_user(salesperson)
        text, _html = self._check(
            "crm_analytics.report_receivable_aging", None, data=aging._export_params()
        )
        self.assertIn("Dłużnik PDF", text)
        self.assertRegex(text, r"1[ ,.]?000[,.]00")

    def test_document_label_pdf(self):
        doc_type = self.env["crm.document.type"].search([], limit=1)
        document = self.env["crm.document"].create(
            {
                "title": "Umowa serwisowa",
                "type_id": doc_type.id,
                "has_paper_original": True,
            }
        )
        self.assertTrue(document.barcode)
        # 100 x 50 mm
        text, html = self._check(
            "crm_document_deadlines.report_document_label",
            document,
            page_size="283 x 142",
        )
        self.assertIn(document.name, text)
        self.assertIn("Umowa serwisowa", text)
        self.assertIn(f"value={document.barcode}", html)
