import tempfile

import xlsxwriter

from odoo import api, models
from odoo.tools.misc import format_date

from ..models.crm_receivable_aging import BUCKETS


class ReportReceivableAgingXlsx(models.AbstractModel):
    """The unsettled-payments workbook: the XLSX beside the PDF of the same
    report, both reading ``crm.receivable.aging._customer_sections``."""

    _name = "report.crm_analytics.report_receivable_aging_xlsx"
    _description = "Unsettled payments workbook"

    @api.model
    def _generate(self, aging, domain, progress=None):
        """The workbook of ``aging`` (the report with its as-of date and
        companies) for ``domain``: one sheet per company (company currency)
        and per foreign currency; written by xlsxwriter in constant-memory
        mode (rows streamed to disk as they are written). ``progress(done,
        total)`` is told the customer rows written."""
        env = aging.env
        as_of = aging._as_of_date()
        labels = dict(aging._fields["bucket"]._description_selection(env))
        names = [name for name, _label in BUCKETS]
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as tmp:
            workbook = xlsxwriter.Workbook(tmp.name, {"constant_memory": True})
            bold = workbook.add_format({"bold": True})
            header = workbook.add_format(
                {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
            )
            money = workbook.add_format({"num_format": "#,##0.00"})
            total_money = workbook.add_format(
                {"num_format": "#,##0.00", "bold": True, "top": 1}
            )
            used_names = set()
            sections = aging._customer_sections(domain)
            total_rows = sum(len(section["rows"]) for section in sections)
            done_rows = 0
            for section in sections:
                company, currency = section["company"], section["currency"]
                sheet_name = self._sheet_name(
                    f"{company.name} {currency.name}", used_names
                )
                sheet = workbook.add_worksheet(sheet_name)
                sheet.write(
                    0,
                    0,
                    env._(
                        "Unsettled payments as of %(date)s - %(company)s, %(currency)s",
                        date=format_date(env, as_of),
                        company=company.name,
                        currency=currency.name,
                    ),
                    bold,
                )
                columns = [
                    env._("Customer"),
                    env._("Tax ID"),
                    env._("Salesperson"),
                    *[labels[name] for name in names],
                    env._("Total"),
                ]
                sheet.write_row(1, 0, columns, header)
                sheet.set_column(0, 0, 40)
                sheet.set_column(1, 2, 18)
                sheet.set_column(3, len(columns) - 1, 14)
                sheet.freeze_panes(2, 1)
                row = 2
                for partner, amounts in section["rows"]:
                    sheet.write_string(row, 0, partner.display_name or "")
                    if partner.vat:
                        sheet.write_string(row, 1, partner.vat)
                    if partner.user_id:
                        sheet.write_string(row, 2, partner.user_id.name)
                    for col, name in enumerate(names, start=3):
                        sheet.write_number(row, col, amounts[name], money)
                    sheet.write_number(
                        row,
                        len(columns) - 1,
                        round(sum(amounts.values()), currency.decimal_places),
                        money,
                    )
                    row += 1
                    done_rows += 1
                    if progress and not done_rows % 500:
                        progress(done_rows, total_rows)
                sheet.write_string(row, 0, env._("Total"), bold)
                for col, name in enumerate(names, start=3):
                    sheet.write_number(row, col, section["totals"][name], total_money)
                sheet.write_number(
                    row,
                    len(columns) - 1,
                    currency.round(sum(section["totals"].values())),
                    total_money,
                )
            if not used_names:
                sheet = workbook.add_worksheet(env._("Receivables"))
                sheet.write(0, 0, env._("No unsettled payments."))
            workbook.close()
            tmp.seek(0)
            return tmp.read()

    @api.model
    def _sheet_name(self, name, used_names):
        """Excel sheet names: at most 31 characters, no []:*?/\\, unique."""
        clean = "".join(" " if char in "[]:*?/\\" else char for char in name)[:31]
        candidate, counter = clean, 2
        while candidate.lower() in used_names:
            suffix = f" ({counter})"
            candidate, counter = clean[: 31 - len(suffix)] + suffix, counter + 1
        used_names.add(candidate.lower())
        return candidate
