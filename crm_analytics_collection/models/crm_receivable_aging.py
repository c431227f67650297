import datetime

import holidays
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.crm_analytics.models.crm_receivable_aging import split_row_id

from .crm_nbp_reference_rate import CIVIL_MARGIN, CIVIL_SINCE

# art. 10 of the act of 8 March 2013: compensation for recovery costs, in EUR,
# by the value of the monetary obligation in PLN
COMPENSATION_EUR = ((5000, 40), (50000, 70), (None, 100))
# the day-count convention: a 365-day year, every calendar day counts
DAYS_IN_YEAR = 365
# the first month whose rate date the compensation statement knows
FIRST_MONTH = datetime.date(2013, 5, 1)


class CrmReceivableAging(models.Model):
    _inherit = "crm.receivable.aging"

    crm_interest = fields.Monetary(
        string="Interest",
        currency_field="company_currency_id",
        compute="_compute_crm_collection",
        help="Statutory interest for delay from the day after the due date to "
        "the as-of date, with what was paid late on this item (and not yet on "
        "an interest note) up to its payment day; 365-day year.",
    )
    crm_interest_currency = fields.Monetary(
        string="Interest in Document Currency",
        currency_field="currency_id",
        compute="_compute_crm_collection",
    )
    crm_compensation = fields.Monetary(
        string="Compensation",
        currency_field="company_currency_id",
        compute="_compute_crm_collection",
        help="Compensation for recovery costs (40/70/100 EUR) of the invoice, "
        "shown on its first overdue item, at the NBP EUR rate of the last "
        "business day of the month before the month it fell due.",
    )

    def _compute_crm_collection(self):
        by_date = {}
        for record in self:
            line_id, as_of = split_row_id(record.id)
            by_date.setdefault(as_of, {})[line_id] = record
        for as_of, records in by_date.items():
            lines = self.env["account.move.line"].browse(records).sudo()
            report = self.with_context(
                crm_aging_customer_ids=lines.partner_id.commercial_partner_id.ids
            )
            interest = {
                row["line_id"]: row for row in report._crm_interest(as_of, lines.ids)
            }
            compensation = {
                row["line_id"]: row["compensation"]
                for row in report._crm_compensation(as_of, lines.ids)
            }
            for line_id, record in records.items():
                row = interest.get(line_id) or {}
                record.crm_interest = row.get("interest", 0.0)
                record.crm_interest_currency = row.get("interest_currency", 0.0)
                record.crm_compensation = compensation.get(line_id, 0.0)

    # ------------------------------------------------------------------
    # Rates
    # ------------------------------------------------------------------

    @api.model
    def _crm_debtor_kind_sql(self, alias):
        """The kind of debtor of a customer (``res_partner`` alias): its
        setting, else a business when it is a company or has a tax ID, else a
        consumer."""
        return SQL(
            """COALESCE(%(kind)s, CASE WHEN %(company)s OR %(vat)s IS NOT NULL
                                       THEN 'business' ELSE 'consumer' END)""",
            kind=SQL.identifier(alias, "crm_debtor_type"),
            company=SQL.identifier(alias, "is_company"),
            vat=SQL.identifier(alias, "vat"),
        )

    @api.model
    def _crm_periods_sql(self):
        """Every day's interest rate by kind of debtor (CTE ``periods``): the
        commercial half-years as announced, for businesses and public
        healthcare entities, and for consumers the civil rate (reference rate
        + 5.5 p.p.) from each change of the reference rate, the last one up to
        the end of the last announced half-year."""
        self.env["crm.interest.rate.period"].flush_model()
        self.env["crm.nbp.reference.rate"].flush_model()
        return SQL(
            """
            periods AS (
                SELECT 'business' AS kind, date_from, date_to, rate::numeric AS rate
                  FROM crm_interest_rate_period
                UNION ALL
                SELECT 'healthcare', date_from, date_to, rate_healthcare::numeric
                  FROM crm_interest_rate_period
                UNION ALL
                SELECT 'consumer', GREATEST(r.date_from, %(since)s::date), r.date_to,
                       r.rate::numeric + %(margin)s
                  FROM (SELECT date_from, rate,
                               COALESCE(
                                   LEAD(date_from) OVER (ORDER BY date_from) - 1,
                                   (SELECT MAX(date_to) FROM crm_interest_rate_period)
                               ) AS date_to
                          FROM crm_nbp_reference_rate) r
                 WHERE r.date_to >= %(since)s::date
            )""",
            since=CIVIL_SINCE,
            margin=CIVIL_MARGIN,
        )

    @api.model
    def _crm_missing_period_error(self, rows):
        missing = [row for row in rows if row["missing"]]
        if not missing:
            return
        row = min(missing, key=lambda row: row["date_from"])
        raise UserError(
            self.env._(
                "No statutory interest rate is defined for every day from "
                "%(date_from)s to %(date_to)s (document %(document)s). Add the "
                "missing half-year or reference rate under Accounting > "
                "Configuration > Statutory Interest.",
                date_from=row["date_from"] + datetime.timedelta(days=1),
                date_to=row["date_to"],
                document=row["move_name"],
            )
        )

    # ------------------------------------------------------------------
    # Interest of the open items at a date
    # ------------------------------------------------------------------

    @api.model
    def _crm_interest_sql(self, as_of, line_ids=None, by_customer=False):
        """Statutory interest of the receivable items open at ``as_of`` (the
        aging's items, ``_items_sql``), one statement.

        An item's debt on a day is what is still open at the as-of date plus
        what was paid (or credited) after that day: so the interest is the
        open residual times the rates from the day after the due date to the
        as-of date, plus each reconciliation dated after the due date (and not
        on an interest note) times the rates up to its date. Every day counts
        at the rate of that day (``periods``), over a 365-day year; a day
        without a rate makes the item ``missing``. Interest notes bear no
        interest (art. 482 KC)."""
        lines = (
            SQL("AND aml.id = ANY(%s)", list(line_ids))
            if line_ids is not None
            else SQL()
        )
        select = (
            SQL(
                """SELECT i.partner_id, SUM(i.interest) AS interest,
                          BOOL_OR(i.missing) AS missing,
                          MIN(i.date_from) FILTER (WHERE i.missing) AS date_from,
                          MIN(i.move_name) FILTER (WHERE i.missing) AS move_name
                     FROM per_item i GROUP BY i.partner_id"""
            )
            if by_customer
            else SQL("SELECT * FROM per_item")
        )
        return SQL(
            """
            WITH %(items)s,
            %(periods)s,
            open AS (
                SELECT aml.id, aml.move_name, aml.company_id,
                       COALESCE(p.commercial_partner_id, aml.partner_id) AS partner_id,
                       COALESCE(aml.date_maturity, aml.date) AS due,
                       aml.amount_residual + COALESCE(aml.undone, 0) AS residual,
                       aml.amount_residual_currency
                           + COALESCE(aml.undone_currency, 0) AS residual_currency
                  FROM items aml
                  JOIN account_move m ON m.id = aml.move_id
                  LEFT JOIN res_partner p ON p.id = aml.partner_id
                 WHERE aml.balance > 0 AND m.crm_interest_note IS NOT TRUE
                   AND COALESCE(aml.date_maturity, aml.date) < %(as_of)s %(lines)s
            ),
            flows AS (
                SELECT o.id, 0 AS partial_id, o.residual AS amount,
                       o.residual_currency AS amount_currency, %(as_of)s::date AS until
                  FROM open o
                 WHERE o.residual > 0
                UNION ALL
                SELECT o.id, pr.id, pr.amount, pr.debit_amount_currency, pr.max_date
                  FROM open o
                  JOIN account_partial_reconcile pr ON pr.debit_move_id = o.id
                 WHERE pr.max_date <= %(as_of)s AND pr.max_date > o.due
                   AND NOT EXISTS (SELECT 1 FROM crm_interest_note_line n
                                    WHERE n.partial_id = pr.id)
            ),
            per_flow AS (
                SELECT f.id, f.until - o.due AS days,
                       -- LEAST and GREATEST ignore NULLs: no period, no days
                       COALESCE(SUM(d.days), 0) AS covered,
                       COALESCE(SUM(f.amount * r.rate * d.days), 0) AS interest,
                       COALESCE(SUM(f.amount_currency * r.rate * d.days), 0)
                           AS interest_currency,
                       f.until
                  FROM flows f
                  JOIN open o ON o.id = f.id
                  JOIN res_partner cp ON cp.id = o.partner_id
                  LEFT JOIN periods r ON r.kind = %(kind)s
                       AND r.date_from <= f.until AND r.date_to > o.due
                  LEFT JOIN LATERAL (
                       SELECT LEAST(f.until, r.date_to)
                              - GREATEST(o.due, r.date_from - 1) AS days
                        WHERE r.kind IS NOT NULL) d ON TRUE
                 GROUP BY f.id, f.partial_id, f.until, o.due
            ),
            per_item AS (
                SELECT o.id AS line_id, o.partner_id, o.move_name, o.due AS date_from,
                       MAX(f.until) AS date_to,
                       ROUND(SUM(f.interest) / %(year)s, 2) AS interest,
                       ROUND(SUM(f.interest_currency) / %(year)s, 2)
                           AS interest_currency,
                       BOOL_OR(f.covered < f.days) AS missing
                  FROM per_flow f
                  JOIN open o ON o.id = f.id
                 GROUP BY o.id, o.partner_id, o.move_name, o.due
            )
            %(select)s
            """,
            items=self._items_sql(as_of),
            periods=self._crm_periods_sql(),
            as_of=as_of,
            lines=lines,
            kind=self._crm_debtor_kind_sql("cp"),
            year=DAYS_IN_YEAR * 100,
            select=select,
        )

    @api.model
    def _crm_interest(self, as_of, line_ids=None):
        """Interest per open item at ``as_of``: dicts with ``line_id``,
        ``partner_id``, ``interest`` (company currency) and
        ``interest_currency`` (document currency). A day without a rate is a
        UserError naming the document."""
        self._crm_flush()
        with self._report_settings():
            rows = self.env.execute_query_dict(self._crm_interest_sql(as_of, line_ids))
        self._crm_missing_period_error(rows)
        return rows

    @api.model
    def _crm_interest_by_customer(self, as_of):
        """Interest of the open items at ``as_of`` per customer (commercial
        partner): {partner id: amount in the company currency}."""
        self._crm_flush()
        with self._report_settings():
            rows = self.env.execute_query_dict(
                self._crm_interest_sql(as_of, by_customer=True)
            )
        for row in rows:
            row["date_to"] = as_of
        self._crm_missing_period_error(rows)
        return {row["partner_id"]: float(row["interest"]) for row in rows}

    @api.model
    def _crm_flush(self):
        for model, names in self._depends.items():
            self.env[model].flush_model(names)
        self.env["account.move"].flush_model(["crm_interest_note", "move_type"])
        self.env["res.partner"].flush_model(["crm_debtor_type", "is_company", "vat"])
        self.env["crm.interest.note.line"].flush_model(["partial_id"])
        self.env["res.currency.rate"].flush_model()

    # ------------------------------------------------------------------
    # Compensation for recovery costs
    # ------------------------------------------------------------------

    @api.model
    def _crm_rate_days(self, last_month):
        """(first day of a month, last business day of the month before) for
        every month up to ``last_month``: the day of the NBP EUR rate of the
        compensation of a payment due in that month (Polish holidays and
        weekends are no business days)."""
        public = holidays.Poland(years=range(FIRST_MONTH.year - 1, last_month.year + 1))
        result = []
        month = FIRST_MONTH
        while month <= last_month:
            day = month - datetime.timedelta(days=1)
            while day.weekday() >= 5 or day in public:
                day -= datetime.timedelta(days=1)
            result.append((month, day))
            month += relativedelta(months=1)
        return result

    @api.model
    def _crm_rate_days_sql(self, last_month):
        return SQL(
            "rate_days(month, rate_date) AS (VALUES %s)",
            SQL(", ").join(
                SQL("(%s::date, %s::date)", month, day)
                for month, day in self._crm_rate_days(last_month)
            ),
        )

    @api.model
    def _crm_compensation_amount_sql(self, amount):
        """The compensation in EUR for an obligation of ``amount`` PLN."""
        (low, low_eur), (high, high_eur), (_none, top_eur) = COMPENSATION_EUR
        return SQL(
            "CASE WHEN %(amount)s <= %(low)s THEN %(low_eur)s "
            "WHEN %(amount)s < %(high)s THEN %(high_eur)s ELSE %(top_eur)s END",
            amount=amount,
            low=low,
            low_eur=low_eur,
            high=high,
            high_eur=high_eur,
            top_eur=top_eur,
        )

    @api.model
    def _crm_compensation_sql(self, as_of, line_ids=None, by_customer=False):
        """Compensation of every invoice with an item overdue at ``as_of``
        (the aging's items), one statement: its value in PLN (the invoice
        total in the company currency) gives 40, 70 or 100 EUR, converted at
        the NBP EUR rate of the last business day of the month before the
        month its first overdue item fell due. Businesses and public
        healthcare entities only (not consumers), companies in PLN."""
        return SQL(
            """
            WITH %(items)s,
            %(rate_days)s,
            overdue AS (
                SELECT aml.id, aml.move_id, aml.company_id,
                       COALESCE(p.commercial_partner_id, aml.partner_id) AS partner_id,
                       COALESCE(aml.date_maturity, aml.date) AS due
                  FROM items aml
                  LEFT JOIN res_partner p ON p.id = aml.partner_id
                 WHERE aml.balance > 0
                   AND COALESCE(aml.date_maturity, aml.date) < %(as_of)s
                   AND aml.amount_residual + COALESCE(aml.undone, 0) > 0
            ),
            moves AS (
                SELECT o.move_id, o.company_id, o.partner_id, MIN(o.id) AS line_id,
                       MIN(o.due) AS due
                  FROM overdue o
                 GROUP BY o.move_id, o.company_id, o.partner_id
            ),
            valued AS (
                SELECT mv.line_id, mv.move_id, m.name AS move_name, mv.partner_id,
                       mv.company_id, mv.due, d.rate_date,
                       m.amount_total_signed AS amount,
                       %(eur)s AS compensation_eur
                  FROM moves mv
                  JOIN account_move m ON m.id = mv.move_id
                  JOIN res_company c ON c.id = mv.company_id
                  JOIN res_partner cp ON cp.id = mv.partner_id
                  JOIN rate_days d ON d.month = date_trunc('month', mv.due)::date
                 WHERE m.move_type = 'out_invoice' AND m.crm_interest_note IS NOT TRUE
                   AND c.currency_id = %(pln)s AND %(kind)s != 'consumer'
                   %(lines)s
            ),
            per_invoice AS (
                SELECT v.*, r.rate AS eur_rate,
                       ROUND(v.compensation_eur / r.rate::numeric, 2) AS compensation
                  FROM valued v
                  LEFT JOIN LATERAL (
                       SELECT rate FROM res_currency_rate
                        WHERE currency_id = %(eur_id)s AND name = v.rate_date
                          AND (company_id = v.company_id OR company_id IS NULL)
                        ORDER BY company_id NULLS LAST LIMIT 1) r ON TRUE
            )
            %(select)s
            """,
            select=SQL(
                """SELECT partner_id, SUM(compensation) AS compensation,
                          MIN(rate_date) FILTER (WHERE eur_rate IS NULL) AS rate_date,
                          MIN(move_name) FILTER (WHERE eur_rate IS NULL) AS move_name,
                          BOOL_AND(eur_rate IS NOT NULL) AS eur_rate
                     FROM per_invoice GROUP BY partner_id"""
            )
            if by_customer
            else SQL("SELECT * FROM per_invoice"),
            items=self._items_sql(as_of),
            rate_days=self._crm_rate_days_sql(as_of.replace(day=1)),
            as_of=as_of,
            eur=self._crm_compensation_amount_sql(SQL("m.amount_total_signed")),
            pln=self.env.ref("base.PLN").id,
            eur_id=self.env.ref("base.EUR").id,
            kind=self._crm_debtor_kind_sql("cp"),
            lines=SQL("AND mv.line_id = ANY(%s)", list(line_ids))
            if line_ids is not None
            else SQL(),
        )

    @api.model
    def _crm_rate_error(self, rows):
        missing = [row for row in rows if not row["eur_rate"]]
        if missing:
            row = min(missing, key=lambda row: row["rate_date"])
            raise UserError(
                self.env._(
                    "There is no EUR exchange rate on %(date)s, the day of the "
                    "compensation for recovery costs of %(document)s. Import the "
                    "NBP rates of that day first.",
                    date=row["rate_date"],
                    document=row["move_name"],
                )
            )

    @api.model
    def _crm_compensation(self, as_of, line_ids=None):
        """Compensation per invoice overdue at ``as_of``: dicts with
        ``line_id`` (its first overdue item), ``move_id``, ``partner_id``,
        ``amount`` (PLN), ``compensation_eur``, ``rate_date``, ``eur_rate``
        and ``compensation`` (PLN). A missing EUR rate is a UserError."""
        self._crm_flush()
        with self._report_settings():
            rows = self.env.execute_query_dict(
                self._crm_compensation_sql(as_of, line_ids)
            )
        self._crm_rate_error(rows)
        return rows

    @api.model
    def _crm_compensation_by_customer(self, as_of):
        """Compensation of the invoices overdue at ``as_of`` per customer:
        {partner id: amount in PLN}."""
        self._crm_flush()
        with self._report_settings():
            rows = self.env.execute_query_dict(
                self._crm_compensation_sql(as_of, by_customer=True)
            )
        self._crm_rate_error(rows)
        return {row["partner_id"]: float(row["compensation"]) for row in rows}

    # ------------------------------------------------------------------
    # Interest on payments made late (closed items, interest notes)
    # ------------------------------------------------------------------

    @api.model
    def _crm_paid_late_sql(self, date_from, date_to, customer_ids):
        """Every reconciliation dated from ``date_from`` to ``date_to`` that
        paid (or credited) a receivable item of the customers after its due
        date and is on no interest note yet, with its interest from the day
        after the due date to its date, one statement."""
        return SQL(
            """
            WITH %(periods)s,
            paid AS (
                SELECT pr.id AS partial_id, aml.id AS line_id, aml.move_id,
                       aml.move_name, aml.company_id, aml.currency_id,
                       p.commercial_partner_id AS partner_id,
                       COALESCE(aml.date_maturity, aml.date) AS due,
                       pr.max_date AS until, pr.amount,
                       pr.debit_amount_currency AS amount_currency
                  FROM account_partial_reconcile pr
                  JOIN account_move_line aml ON aml.id = pr.debit_move_id
                  JOIN account_move m ON m.id = aml.move_id
                  JOIN res_partner p ON p.id = aml.partner_id
                 WHERE pr.max_date BETWEEN %(date_from)s AND %(date_to)s
                   AND pr.max_date > COALESCE(aml.date_maturity, aml.date)
                   AND aml.account_id = ANY(%(accounts)s)
                   AND aml.company_id = ANY(%(company_ids)s)
                   AND aml.parent_state = 'posted'
                   AND m.crm_interest_note IS NOT TRUE
                   AND p.commercial_partner_id = ANY(%(customer_ids)s)
                   AND NOT EXISTS (SELECT 1 FROM crm_interest_note_line n
                                    WHERE n.partial_id = pr.id)
            )
            SELECT f.partial_id, f.line_id, f.move_id, f.move_name, f.company_id,
                   f.currency_id, f.partner_id, f.due AS date_from,
                   f.until AS date_to, f.until - f.due AS days, f.amount,
                   f.amount_currency,
                   ROUND(COALESCE(SUM(f.amount * r.rate * d.days), 0) / %(year)s, 2)
                       AS interest,
                   ROUND(COALESCE(SUM(f.amount_currency * r.rate * d.days), 0)
                         / %(year)s, 2) AS interest_currency,
                   COALESCE(SUM(d.days), 0) < f.until - f.due AS missing
              FROM paid f
              JOIN res_partner cp ON cp.id = f.partner_id
              LEFT JOIN periods r ON r.kind = %(kind)s
                   AND r.date_from <= f.until AND r.date_to > f.due
              LEFT JOIN LATERAL (
                   SELECT LEAST(f.until, r.date_to)
                          - GREATEST(f.due, r.date_from - 1) AS days
                    WHERE r.kind IS NOT NULL) d ON TRUE
             GROUP BY f.partial_id, f.line_id, f.move_id, f.move_name, f.company_id,
                      f.currency_id, f.partner_id, f.due, f.until, f.amount,
                      f.amount_currency
             ORDER BY f.partner_id, f.due, f.partial_id
            """,
            periods=self._crm_periods_sql(),
            date_from=date_from,
            date_to=date_to,
            accounts=self._receivable_account_ids(),
            company_ids=self.env.companies.ids,
            customer_ids=list(customer_ids),
            kind=self._crm_debtor_kind_sql("cp"),
            year=DAYS_IN_YEAR * 100,
        )

    @api.model
    def _crm_paid_late(self, date_from, date_to, customer_ids):
        """Late payments of the customers in the period with their interest
        (see ``_crm_paid_late_sql``); a day without a rate is a UserError."""
        if date_from > date_to:
            raise UserError(
                self.env._(
                    "The period of the interest starts (%(start)s) after it "
                    "ends (%(end)s).",
                    start=date_from,
                    end=date_to,
                )
            )
        self._crm_flush()
        rows = self.env.execute_query_dict(
            self._crm_paid_late_sql(date_from, date_to, customer_ids)
        )
        self._crm_missing_period_error(rows)
        return rows
