import json
import logging
from datetime import timedelta

import requests

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import file_open, format_date

_logger = logging.getLogger(__name__)

NBP_URL = "https://api.nbp.pl/api/exchangerates/tables/{table}/{start}/{end}/"
NBP_TIMEOUT = 20
# the NBP API answers at most 93 days per query
NBP_MAX_DAYS = 93


class ResCurrencyRate(models.Model):
    _inherit = "res.currency.rate"

    nbp_table_no = fields.Char(
        string="NBP Table",
        readonly=True,
        help="Number of the NBP table the rate comes from, e.g. 123/A/NBP/2025.",
    )
    nbp_publication_date = fields.Date(
        string="NBP Publication Date",
        readonly=True,
        help="Day the NBP published the table (its effective date).",
    )

    @api.model
    def _nbp_fetch(self, table, date_from, date_to):
        """NBP tables of one letter between two dates, as parsed dictionaries.

        Returns a list of {"no", "date", "rates": {code: PLN per unit}}; an empty
        list when the NBP published no table in the range (HTTP 404). Raises a
        UserError naming the problem on a network error or a malformed answer.
        """
        url = NBP_URL.format(
            table=table, start=date_from.isoformat(), end=date_to.isoformat()
        )
        try:
            response = requests.get(
                url,
                params={"format": "json"},
                headers={"Accept": "application/json"},
                timeout=NBP_TIMEOUT,
            )
        except requests.RequestException as exc:
            raise UserError(
                self.env._("The NBP could not be reached (%(error)s).", error=exc)
            ) from exc
        if response.status_code == 404:
            return []
        if response.status_code != 200:
            raise UserError(
                self.env._(
                    "The NBP answered %(status)s for table %(table)s from "
                    "%(start)s to %(end)s.",
                    status=response.status_code,
                    table=table,
                    start=format_date(self.env, date_from),
                    end=format_date(self.env, date_to),
                )
            )
        try:
            data = response.json()
        except ValueError as exc:
            raise UserError(
                self.env._(
                    "The NBP answer for table %(table)s is not JSON.", table=table
                )
            ) from exc
        return self._nbp_parse(table, data)

    @api.model
    def _nbp_parse(self, table, data):
        def malformed(what):
            return UserError(
                self.env._(
                    "The NBP answer for table %(table)s is malformed: %(what)s.",
                    table=table,
                    what=what,
                )
            )

        if not isinstance(data, list):
            raise malformed(self.env._("a list of tables was expected"))
        tables = []
        for item in data:
            if not isinstance(item, dict) or not isinstance(item.get("rates"), list):
                raise malformed(self.env._("a table without rates"))
            number = item.get("no")
            if not isinstance(number, str) or not number:
                raise malformed(self.env._("a table without its number"))
            try:
                day = fields.Date.to_date(item.get("effectiveDate"))
            except (TypeError, ValueError) as exc:
                raise malformed(
                    self.env._("table %(no)s has no valid effective date", no=number)
                ) from exc
            if not day:
                raise malformed(
                    self.env._("table %(no)s has no valid effective date", no=number)
                )
            rates = {}
            for rate in item["rates"]:
                code = isinstance(rate, dict) and rate.get("code")
                mid = isinstance(rate, dict) and rate.get("mid")
                if (
                    not isinstance(code, str)
                    or isinstance(mid, bool)
                    or not isinstance(mid, int | float)
                    or mid <= 0
                ):
                    raise malformed(
                        self.env._(
                            "table %(no)s has a rate without a currency code or a "
                            "positive mid value",
                            no=number,
                        )
                    )
                rates[code.upper()] = float(mid)
            tables.append({"no": number, "date": day, "rates": rates})
        return tables

    @api.model
    def _nbp_import(self, date_from, date_to):
        """Import NBP mid rates (table A, table B for the rest) of a date range.

        Rates go to every company whose currency is PLN, for its active
        currencies. An existing rate of the same day is updated, so importing a
        range twice creates no duplicates. Returns the number of rates written.
        """
        if date_from > date_to:
            raise UserError(
                self.env._(
                    "The start date %(start)s is after the end date %(end)s.",
                    start=format_date(self.env, date_from),
                    end=format_date(self.env, date_to),
                )
            )
        companies, currencies = self._nbp_targets()
        if not companies or not currencies:
            return 0
        tables = []
        start = date_from
        while start <= date_to:
            end = min(start + timedelta(days=NBP_MAX_DAYS - 1), date_to)
            tables_a = self._nbp_fetch("A", start, end)
            tables += tables_a
            codes_a = {code for t in tables_a for code in t["rates"]}
            if set(currencies.mapped("name")) - codes_a:
                tables += self._nbp_fetch("B", start, end)
            start = end + timedelta(days=1)
        written = self._nbp_store(tables, companies, currencies)
        _logger.info("NBP: %s rates from %s to %s", written, date_from, date_to)
        return written

    def _nbp_targets(self):
        """The PLN companies and the other active currencies rates go to."""
        # rates belong to main companies; their branches use them
        companies = self.env["res.company"].search(
            [("currency_id.name", "=", "PLN"), ("parent_id", "=", False)]
        )
        currencies = self.env["res.currency"].search(
            [("name", "!=", "PLN"), ("active", "=", True)]
        )
        return companies, currencies

    def _nbp_store(self, tables, companies, currencies):
        """Write the mid rates of parsed NBP tables; returns how many."""
        by_code = {currency.name: currency for currency in currencies}
        # (currency, day) -> (PLN per unit, table number); table A wins over B
        found = {}
        for table in sorted(tables, key=lambda t: "/B/" in t["no"]):
            for code, mid in table["rates"].items():
                currency = by_code.get(code)
                if currency and (currency, table["date"]) not in found:
                    found[currency, table["date"]] = (mid, table["no"])
        if not found:
            return 0
        existing = {
            (rate.currency_id, rate.company_id, rate.name): rate
            for rate in self.search(
                [
                    ("currency_id", "in", currencies.ids),
                    ("company_id", "in", companies.ids),
                    ("name", "in", list({day for _currency, day in found})),
                ]
            )
        }
        to_create = []
        for company in companies:
            for (currency, day), (mid, number) in found.items():
                values = {
                    "rate": 1.0 / mid,
                    "nbp_table_no": number,
                    "nbp_publication_date": day,
                }
                rate = existing.get((currency, company, day))
                if rate:
                    rate.write(values)
                else:
                    to_create.append(
                        dict(
                            values,
                            name=day,
                            currency_id=currency.id,
                            company_id=company.id,
                        )
                    )
        self.create(to_create)
        return len(found) * len(companies)

    @api.model
    def _nbp_import_recorded(self, path):
        """Demo data: the rates of an answer of the NBP recorded in a file
        (``addon/path.json``), parsed and stored as the import does."""
        with file_open(path) as answer:
            tables = self._nbp_parse("A", json.load(answer))
        companies, currencies = self._nbp_targets()
        return self._nbp_store(tables, companies, currencies)

    @api.model
    def _cron_nbp_import(self):
        """Daily: the last week's tables (fills gaps, safe to re-run)."""
        # the scheduler has no timezone: the day is the company's, not UTC's
        today = fields.Date.context_today(
            self.with_context(
                tz=self.env.context.get("tz")
                or self.env.user.tz
                or self.env.company.partner_id.tz
            )
        )
        return self._nbp_import(today - timedelta(days=7), today)
