import re
import shutil
import subprocess
import tempfile
import unittest
from datetime import date

from odoo import Command
from odoo.tests import Form, tagged

from .common import OfferCase


def pdf_text(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        return subprocess.run(
            ["pdftotext", "-layout", file.name, "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout


@tagged("post_install", "-at_install")
@unittest.skipUnless(
    shutil.which("wkhtmltopdf") and shutil.which("pdftotext"),
    "wkhtmltopdf and pdftotext render and read the offer",
)
class TestOfferRounding(OfferCase):
    """Issue 15 item 8: with taxes rounded globally, JPY lines of 75.6, 75.6
    and 226.8 print 76 + 76 + 227 while the untaxed amount is 378."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._rate(cls.zzj, date(2025, 1, 10), 8.4)
        tax = cls.env["account.tax"].create(
            {"name": "VAT 23", "amount": 23.0, "company_id": cls.company.id}
        )
        cls.product.taxes_id = tax

    def _priced_offer(self, method):
        self.company.tax_calculation_rounding_method = method
        offer = self._offer(currencies=self.zzj, variant_ids=[])
        self.env["crm.offer.variant"].create(
            {
                "offer_id": offer.id,
                "name": "Three lines",
                "line_ids": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "product_uom_qty": qty,
                            "discount": 10.0,
                        }
                    )
                    for qty in (1, 1, 3)
                ],
            }
        )
        offer.action_create_quotations()
        return offer

    def _render(self, offer):
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, _type = report._render_qweb_pdf(
            "crm_offers_multicurrency.action_report_crm_offer", offer.ids
        )
        return pdf_text(pdf)

    def _screen(self, offer):
        """What the offer's form shows of the variant's quotation (its row
        opened from the Quotations tab)."""
        row = Form(offer.with_user(self.salesman)).order_ids._records[0]
        return (
            row["offer_rounding_amount"],
            row["amount_untaxed"],
            row["tax_totals"]["total_amount_currency"],
        )

    def test_round_globally(self):
        offer = self._priced_offer("round_globally")
        order = offer.order_ids
        self.assertEqual(order.order_line.mapped("price_subtotal"), [76.0, 76.0, 227.0])
        self.assertEqual(self._screen(offer), (-1.0, 378.0, 465.0))
        lines = sum(order.order_line.mapped("price_subtotal"))
        self.assertEqual(lines + order.offer_rounding_amount, order.amount_untaxed)
        text = self._render(offer)
        self.assertEqual(re.findall(r"\b(\d+) J\n\d", text), ["76", "76", "227"])
        # wkhtmltopdf breaks a negative amount after its minus sign
        self.assertRegex(text, r"Rounding on the total\s+-\u200b?1 J")
        self.assertIn("Untaxed: 378 J", text)
        self.assertIn("Taxes: 87 J", text)
        self.assertIn("Total: 465 J", text)

    def test_round_per_line(self):
        offer = self._priced_offer("round_per_line")
        order = offer.order_ids
        self.assertEqual(order.order_line.mapped("price_subtotal"), [76.0, 76.0, 227.0])
        self.assertEqual(self._screen(offer), (0.0, 379.0, 465.0))
        text = self._render(offer)
        self.assertEqual(re.findall(r"\b(\d+) J\n\d", text), ["76", "76", "227"])
        self.assertNotIn("Rounding", text)
        self.assertIn("Untaxed: 379 J", text)
        self.assertIn("Taxes: 86 J", text)
        self.assertIn("Total: 465 J", text)
