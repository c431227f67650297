import datetime
import json
from contextlib import contextmanager

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.orm.domains import DomainAnd, DomainCondition
from odoo.orm.models import parse_read_group_spec
from odoo.tools import SQL, frozendict
from odoo.tools.misc import format_date
from odoo.tools.sql import add_index, create_index, index_exists

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

BUCKETS = [
    ("not_due", "Not due"),
    ("1_30", "1-30 days"),
    ("31_60", "31-60 days"),
    ("61_90", "61-90 days"),
    ("91_180", "91-180 days"),
    ("over_180", "Over 180 days"),
]
# Record ids carry the as-of date, so that rows of two dates never share the
# ORM cache: id = journal item id * ID_FACTOR + days since ID_EPOCH (a bigint:
# in integers it overflowed from the journal item 21,475 on).
ID_FACTOR = 100000
ID_EPOCH = datetime.date(2000, 1, 1)


def split_row_id(row_id):
    """(journal item id, as-of date) of a row id of the report."""
    line_id, days = divmod(row_id, ID_FACTOR)
    return line_id, ID_EPOCH + datetime.timedelta(days=days)


# context keys that change a partner's display name (see res.partner)
PARTNER_NAME_CONTEXT = (
    "formatted_display_name",
    "partner_display_name_hide_company",
    "partner_show_db_id",
    "show_address",
    "show_email",
)
# as-of dates of the search panel's filters (context key ``crm_aging_as_of``)
RELATIVE_DATES = {
    "last_month_end": lambda today: today.replace(day=1) - relativedelta(days=1),
    "last_quarter_end": lambda today: (
        today.replace(day=1, month=(today.month - 1) // 3 * 3 + 1)
        - relativedelta(days=1)
    ),
    "last_year_end": lambda today: (
        today.replace(month=1, day=1) - relativedelta(days=1)
    ),
}


class CrmReceivableAging(models.Model):
    """Open receivable journal items as of a date: context key
    ``crm_aging_as_of`` (a date or one of ``RELATIVE_DATES``, set by the search
    panel's filters), else ``crm_aging_date`` (set by the wizard), else today.

    The residual of an item as of D is its residual today plus every
    reconciliation dated (``max_date``) after D, so payments made later do not
    reduce it. Computed by one SQL statement; see ``_table_query``.
    """

    _name = "crm.receivable.aging"
    _description = "Receivables by age"
    _auto = False
    _order = "partner_id, date_maturity, id"
    _rec_name = "move_name"
    # flushed before the report is read
    _depends = frozendict(
        {
            "account.account": ["account_type"],
            "account.move": ["invoice_user_id"],
            "account.move.line": [
                "account_id",
                "amount_residual",
                "amount_residual_currency",
                "company_currency_id",
                "company_id",
                "currency_id",
                "date",
                "date_maturity",
                "move_id",
                "parent_state",
                "partner_id",
                "reconciled",
            ],
            "account.partial.reconcile": [
                "amount",
                "credit_amount_currency",
                "credit_move_id",
                "debit_amount_currency",
                "debit_move_id",
                "max_date",
            ],
            "res.partner": [
                "commercial_partner_id",
                "country_id",
                "parent_id",
                "user_id",
            ],
        }
    )

    as_of_date = fields.Date(string="As of", readonly=True)
    move_line_id = fields.Many2one(
        "account.move.line", string="Journal Item", readonly=True
    )
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True)
    move_name = fields.Char(string="Document", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    company_currency_id = fields.Many2one("res.currency", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    holding_id = fields.Many2one(
        "res.partner",
        string="Holding Group",
        readonly=True,
        help="The top company of the customer's holding group (the groups of "
        "the contacts addon; without it, each customer is its own group).",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        readonly=True,
        help="The salesperson of the invoice (or credit note); the customer's "
        "salesperson when the entry has none.",
    )
    country_id = fields.Many2one("res.country", readonly=True)
    category_ids = fields.Many2many(
        related="partner_id.category_id", string="Customer Tags"
    )
    date = fields.Date(string="Document Date", readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    days_overdue = fields.Integer(
        string="Days Past Due", readonly=True, aggregator="max"
    )
    bucket = fields.Selection(BUCKETS, string="Age", readonly=True)
    amount_residual = fields.Monetary(
        string="Residual",
        currency_field="company_currency_id",
        readonly=True,
        help="Amount still open at the as-of date, in the company currency.",
    )
    amount_residual_currency = fields.Monetary(
        string="Residual in Document Currency",
        currency_field="currency_id",
        readonly=True,
        aggregator=False,
    )
    amount_not_due = fields.Monetary(
        string="Not Due", currency_field="company_currency_id", readonly=True
    )
    amount_1_30 = fields.Monetary(
        string="1-30", currency_field="company_currency_id", readonly=True
    )
    amount_31_60 = fields.Monetary(
        string="31-60", currency_field="company_currency_id", readonly=True
    )
    amount_61_90 = fields.Monetary(
        string="61-90", currency_field="company_currency_id", readonly=True
    )
    amount_91_180 = fields.Monetary(
        string="91-180", currency_field="company_currency_id", readonly=True
    )
    amount_over_180 = fields.Monetary(
        string="Over 180", currency_field="company_currency_id", readonly=True
    )

    def init(self):
        res = super().init()
        # open receivable items of a company up to a date (the report's main scan)
        create_index(
            self.env.cr,
            "crm_analytics_aml_open_idx",
            "account_move_line",
            ["account_id", "company_id", "date"],
            where="parent_state = 'posted' AND reconciled IS NOT TRUE",
        )
        # posted items of an account up to a date, by id without reading the
        # table: which items the reconciliations dated after the as-of date
        # touch (at a past date, hundreds of thousands of sides, nine in ten
        # on items dated after it)
        if not index_exists(self.env.cr, "crm_analytics_aml_posted_idx"):
            add_index(
                self.env.cr,
                "crm_analytics_aml_posted_idx",
                "account_move_line",
                "USING btree (account_id, date) INCLUDE (id, company_id) "
                "WHERE parent_state = 'posted'",
                unique=False,
            )
        # reconciliations after the as-of date, with what the report needs
        create_index(
            self.env.cr,
            "crm_analytics_partial_max_date_idx",
            "account_partial_reconcile",
            [
                "max_date",
                "debit_move_id",
                "credit_move_id",
                "amount",
                "debit_amount_currency",
                "credit_amount_currency",
            ],
        )
        return res

    @api.model
    def _as_of_date(self):
        today = fields.Date.context_today(self)
        value = self.env.context.get("crm_aging_as_of")
        if value in RELATIVE_DATES:
            return RELATIVE_DATES[value](today)
        value = value or self.env.context.get("crm_aging_date")
        return fields.Date.to_date(value) if value else today

    @api.model
    def _receivable_account_ids(self):
        """Receivable accounts of every company, as a list the planner can
        match with the partial index of open items."""
        self.env["account.account"].flush_model(["account_type"])
        self.env.cr.execute(
            "SELECT id FROM account_account WHERE account_type = 'asset_receivable'"
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _items_sql(self, as_of):
        """Receivable items that can be open at the as-of date (CTE
        ``items``), each with the reconciliations dated after it to undo.

        Those reconciliations are first joined with the receivable items
        dated up to the as-of date (an index-only scan of
        ``crm_analytics_aml_posted_idx``), then summed per item: a year back,
        nine in ten of them settle items dated after the date, which summing
        first would aggregate for nothing. The open items are then the items
        open today (partial index ``crm_analytics_aml_open_idx``) plus the
        settled items that those reconciliations reopen, by id; no scan of
        every receivable item at any date.

        Context key ``crm_aging_customer_ids`` (customers, i.e. commercial
        partners; set by ``_for_domain`` when a domain names them) keeps only
        their items: the page of a grouped list or an opened customer group
        reads its customers' items through the partner index instead of all
        items."""
        customer_ids = self.env.context.get("crm_aging_customer_ids")
        common = SQL(
            """aml.parent_state = 'posted'
               AND aml.account_id = ANY(%(accounts)s)
               AND aml.company_id = ANY(%(company_ids)s)
               AND aml.date <= %(as_of)s
               %(customers)s""",
            accounts=self._receivable_account_ids(),
            company_ids=self.env.companies.ids,
            as_of=as_of,
            customers=SQL(
                """AND aml.partner_id IN (
                    SELECT id FROM res_partner
                     WHERE commercial_partner_id = ANY(%s))""",
                list(customer_ids),
            )
            if customer_ids is not None
            else SQL(),
        )
        # customers named: their own items' reconciliations, by item
        debit, credit = (
            SQL(
                "AND %s IN (SELECT aml.id FROM account_move_line aml WHERE %s)",
                SQL.identifier(column),
                common,
            )
            if customer_ids is not None
            else SQL()
            for column in ("debit_move_id", "credit_move_id")
        )
        return SQL(
            """
            -- reconciliations dated after the as-of date are undone
            later AS (
                SELECT debit_move_id AS line_id, amount,
                       debit_amount_currency AS amount_currency
                  FROM account_partial_reconcile
                 WHERE max_date > %(as_of)s %(debit)s
                UNION ALL
                SELECT credit_move_id, -amount, -credit_amount_currency
                  FROM account_partial_reconcile
                 WHERE max_date > %(as_of)s %(credit)s
            ),
            undone AS (
                SELECT l.line_id, SUM(l.amount) AS amount,
                       SUM(l.amount_currency) AS amount_currency
                  FROM later l
                  JOIN account_move_line aml ON aml.id = l.line_id
                 WHERE %(common)s
                 GROUP BY l.line_id
            ),
            items AS (
                SELECT aml.*, u.amount AS undone, u.amount_currency AS undone_currency
                  FROM account_move_line aml
                  LEFT JOIN undone u ON u.line_id = aml.id
                 WHERE %(common)s AND aml.reconciled IS NOT TRUE
                UNION ALL
                SELECT aml.*, u.amount, u.amount_currency
                  FROM undone u
                  JOIN account_move_line aml ON aml.id = u.line_id
                 WHERE aml.reconciled
            )""",
            as_of=as_of,
            debit=debit,
            credit=credit,
            common=common,
        )

    @property
    def _table_query(self):
        as_of = self._as_of_date()
        buckets = SQL(", ").join(
            SQL(
                "CASE WHEN l.bucket = %s THEN l.residual ELSE 0 END AS %s",
                name,
                SQL.identifier(f"amount_{name}"),
            )
            for name, _label in BUCKETS
        )
        return SQL(
            """
            WITH %(items)s,
            lines AS (
                SELECT aml.id, aml.move_id, aml.move_name, aml.company_id,
                       aml.company_currency_id, aml.currency_id, aml.date,
                       COALESCE(aml.date_maturity, aml.date) AS date_maturity,
                       COALESCE(p.commercial_partner_id, aml.partner_id) AS partner_id,
                       aml.amount_residual + COALESCE(aml.undone, 0) AS residual,
                       aml.amount_residual_currency
                           + COALESCE(aml.undone_currency, 0) AS residual_currency,
                       %(as_of)s::date - COALESCE(aml.date_maturity, aml.date) AS days
                  FROM items aml
                  LEFT JOIN res_partner p ON p.id = aml.partner_id
            ),
            bucketed AS (
                SELECT l.*,
                       CASE WHEN l.days <= 0 THEN 'not_due'
                            WHEN l.days <= 30 THEN '1_30'
                            WHEN l.days <= 60 THEN '31_60'
                            WHEN l.days <= 90 THEN '61_90'
                            WHEN l.days <= 180 THEN '91_180'
                            ELSE 'over_180' END AS bucket
                  FROM lines l
                 WHERE l.residual != 0 OR l.residual_currency != 0
            )
            SELECT l.id::bigint * %(factor)s
                       + (%(as_of)s::date - %(epoch)s::date) AS id,
                   %(as_of)s::date AS as_of_date,
                   l.id AS move_line_id, l.move_id, l.move_name,
                   l.company_id, l.company_currency_id, l.currency_id,
                   l.partner_id, %(holding)s AS holding_id,
                   COALESCE(m.invoice_user_id, cp.user_id) AS user_id,
                   cp.country_id, l.date, l.date_maturity,
                   GREATEST(l.days, 0) AS days_overdue, l.bucket,
                   l.residual AS amount_residual,
                   l.residual_currency AS amount_residual_currency,
                   %(buckets)s
              FROM bucketed l
              LEFT JOIN account_move m ON m.id = l.move_id
              LEFT JOIN res_partner cp ON cp.id = l.partner_id
            """,
            as_of=as_of,
            items=self._items_sql(as_of),
            factor=ID_FACTOR,
            epoch=ID_EPOCH,
            holding=self.env["res.partner"]._crm_holding_root_sql("cp"),
            buckets=buckets,
        )

    # ------------------------------------------------------------------
    # Planner settings, the web client's grouped list
    # ------------------------------------------------------------------

    @contextmanager
    def _report_settings(self):
        """Run the report's statement without JIT compilation and with room to
        sort in memory. PostgreSQL's JIT compiled this statement for 0.3-2 s
        to save a few milliseconds (its cost is estimated over all items);
        sorting 150,000 items spilled to disk with the default work_mem.
        Transaction-local settings, restored afterwards (a failed statement
        rolls them back with its transaction or savepoint)."""
        cr = self.env.cr
        cr.execute(
            "SELECT current_setting('jit'), current_setting('work_mem'), "
            "set_config('jit', 'off', true), set_config('work_mem', '64MB', true)"
        )
        jit, work_mem, _jit, _work_mem = cr.fetchone()
        yield
        cr.execute(
            SQL(
                "SELECT set_config('jit', %s, true), set_config('work_mem', %s, true)",
                jit,
                work_mem,
            )
        )

    @api.model
    def _domain_customer_ids(self, domain):
        """The customers a domain names at its top level (``partner_id``
        ``=`` or ``in`` ids, e.g. the page of a grouped list or an opened
        customer group), else None."""
        domain = Domain(domain)
        for condition in domain.children if isinstance(domain, DomainAnd) else [domain]:
            if (
                isinstance(condition, DomainCondition)
                and condition.field_expr == "partner_id"
                and condition.operator in ("=", "in")
            ):
                values = condition.value
                if condition.operator == "=":
                    values = [values]
                if (
                    isinstance(values, (list, tuple, set, frozenset))
                    and values
                    and all(
                        isinstance(value, int) and not isinstance(value, bool)
                        for value in values
                    )
                ):
                    return sorted(set(values))
        return None

    @api.model
    def _for_domain(self, domain):
        """The report restricted to the customers the domain names (their
        items only, see ``_items_sql``): the same rows for that domain."""
        customer_ids = self._domain_customer_ids(domain)
        if customer_ids is None:
            return self
        return self.with_context(crm_aging_customer_ids=customer_ids)

    @api.model
    def _read_group(self, domain, groupby=(), aggregates=(), *args, **kwargs):
        report = self._for_domain(domain)
        with report._report_settings():
            return super(CrmReceivableAging, report)._read_group(
                domain, groupby, aggregates, *args, **kwargs
            )

    def _read_group_postprocess_groupby(self, groupby_spec, raw_values):
        """Groups' records in the caller's context: the customers that
        restricted the read (``_for_domain``) must not restrict a later read
        from those records' environment (a customer's holding, say)."""
        return super(
            CrmReceivableAging, self._without_customer_scope()
        )._read_group_postprocess_groupby(groupby_spec, raw_values)

    def _read_group_postprocess_aggregate(self, aggregate_spec, raw_values):
        return super(
            CrmReceivableAging, self._without_customer_scope()
        )._read_group_postprocess_aggregate(aggregate_spec, raw_values)

    def _without_customer_scope(self):
        context = self.env.context
        if "crm_aging_customer_ids" not in context:
            return self
        scope_free = {k: v for k, v in context.items() if k != "crm_aging_customer_ids"}
        return self.with_env(self.env(context=scope_free))

    def _read_group_orderby(self, order, groupby_terms, query):
        """Age buckets in the order of their age (not of their keys, which put
        "not due" between 91-180 and over 180), wherever groups are read:
        pivot, graph, grouped list."""
        if "bucket" not in groupby_terms:
            return super()._read_group_orderby(order, groupby_terms, query)
        terms = dict(groupby_terms)
        terms["bucket"] = SQL(
            "CASE %s %s END",
            groupby_terms["bucket"],
            SQL(" ").join(
                SQL("WHEN %s THEN %s", name, rank)
                for rank, (name, _label) in enumerate(BUCKETS)
            ),
        )
        orderby = super()._read_group_orderby(order, terms, query)
        # Odoo may add the order of a many2one to its group term
        groupby_terms.update(
            (spec, term) for spec, term in terms.items() if spec != "bucket"
        )
        return orderby

    def _read_group_select(self, aggregate_spec, query):
        """Sums as ``float8`` in the database: Odoo reads a ``numeric`` into a
        float by a Python call per value (``undecimalize``), 1.2 million calls
        for the list of all customers (16 aggregates of 75,000 groups), a
        third of its time; PostgreSQL's cast gives the same float (it also
        goes through the decimal text). The sums themselves stay exact.

        ``sum_currency`` (asked by the web client for every monetary column)
        converts each item to the current company's currency at today's rate.
        Items are in their company's currency; when the companies read share
        one currency, every item has the same rate, so the sum is converted
        once: the same value, without joining the rates to every item (that
        doubled the time of the report's grouped read). For the same reason
        the company currencies of a group (``array_agg_distinct``) are that
        currency."""
        fname, _property, func = parse_read_group_spec(aggregate_spec)
        field = self._fields.get(fname)
        currency = self.env.companies.currency_id
        if (
            func == "array_agg_distinct"
            and fname == "company_currency_id"
            and len(currency) == 1
        ):
            # the companies read share one currency: every item's; an
            # aggregate DISTINCT made PostgreSQL sort all items by group
            return SQL("ARRAY[%s]::int[]", currency.id)
        if func not in ("sum", "sum_currency") or field.type not in (
            "monetary",
            "float",
        ):
            return super()._read_group_select(aggregate_spec, query)
        if func == "sum":
            total = super()._read_group_select(aggregate_spec, query)
        elif len(currency) == 1:
            rate = currency._get_rates(
                self.env.company, fields.Date.context_today(self)
            )
            total = SQL(
                "%s / %s",
                super()._read_group_select(f"{fname}:sum", query),
                rate[currency.id],
            )
        else:
            total = super()._read_group_select(aggregate_spec, query)
        return SQL("(%s)::float8", total)

    @api.model
    def _read_grouping_sets(self, domain, grouping_sets, aggregates=(), order=None):
        """The pivot's read (several groupings in one statement): with the
        report's planner settings, and only the customers the domain names
        (an opened customer), as ``_read_group``."""
        report = self._for_domain(domain)
        with report._report_settings():
            return super(CrmReceivableAging, report)._read_grouping_sets(
                domain, grouping_sets, aggregates, order=order
            )

    @api.model
    def search_fetch(self, domain, field_names=None, *args, **kwargs):
        report = self._for_domain(domain)
        with report._report_settings():
            records = super(CrmReceivableAging, report).search_fetch(
                domain, field_names, *args, **kwargs
            )
        # in the caller's environment: a later search must not be restricted
        return self.browse(records._ids)

    @api.model
    def search_count(self, domain, limit=None):
        report = self._for_domain(domain)
        with report._report_settings():
            return super(CrmReceivableAging, report).search_count(domain, limit=limit)

    @api.model
    def _formatted_read_group_with_length(
        self, domain, groupby, aggregates, offset=0, limit=None, order=None
    ):
        """A page of groups and their number without computing the report
        twice in full. Odoo's way computes every group with its aggregates for
        the page, then the whole report again to count the groups. Here, when
        the groups are ordered by their key: one statement for the page's keys
        and the number of groups (``_group_page``), then the aggregates of the
        page's groups only. Grouped by customer (the list's grouping), that
        second statement names the page's customers, so it reads only their
        items (``_for_domain``). Otherwise, at a past date or ordered by an
        aggregate, all groups are read with their aggregates once and the page
        is cut."""
        if (
            not limit
            or self._web_read_group_field_expand(groupby)
            or self.env.context.get("fill_temporal")
        ):
            return super()._formatted_read_group_with_length(
                domain, groupby, aggregates, offset=offset, limit=limit, order=order
            )
        groupby = tuple(self._normalize_groupby_specs(groupby))
        aggregates = tuple(
            agg.replace(":recordset", ":array_agg") for agg in aggregates
        )
        order = order or ", ".join(groupby)
        field = self._fields.get(groupby[0]) if len(groupby) == 1 else None
        by_customer = groupby == ("partner_id",)
        if not (
            field is not None
            and field.type in ("many2one", "selection")
            and all(term.split()[0] == groupby[0] for term in order.split(","))
            and (by_customer or self._as_of_date() >= fields.Date.context_today(self))
        ):
            rows = self._read_group(domain, groupby, aggregates, order=order)
            page = rows[offset : offset + limit]
            return self._web_read_group_format(groupby, aggregates, page), len(rows)
        keys, length = self._group_page(domain, groupby[0], order, offset, limit)
        if not keys:
            return [], length
        values = [key.id if field.type == "many2one" else key for key in keys]
        rows = self._read_group(
            Domain.AND([domain, [(groupby[0], "in", values)]]),
            groupby,
            aggregates,
            order=order,
        )
        return self._web_read_group_format(groupby, aggregates, rows), length

    @api.model
    def _group_page(self, domain, spec, order, offset, limit):
        """The keys of a page of groups (``order``, ``offset``, ``limit``)
        and the number of groups, in one statement: the groups' keys alone,
        counted by a window before the page is cut."""
        self.browse().check_access("read")
        report = self._for_domain(domain)
        query = report._search(domain)
        if query.is_empty():
            return [], 0
        term = report._read_group_groupby(self._table, spec, query)
        terms = {spec: term}
        query.order = report._read_group_orderby(order, terms, query)
        query.groupby = SQL(", ").join(terms.values())
        query.limit = limit
        query.offset = offset
        with report._report_settings():
            rows = self.env.execute_query(query.select(term, SQL("COUNT(*) OVER ()")))
        if not rows:
            # a page after the last one: count the groups
            return [], offset and len(self._read_group(domain, [spec]))
        keys = self._read_group_postprocess_groupby(spec, [row[0] for row in rows])
        return list(keys), rows[0][1]

    def _web_read_group_format(self, groupby, aggregates, groups):
        """Groups formatted as Odoo formats them, without its per-group
        work: Odoo calls a formatter per group and level, computes every
        partner's display name and combines each group's domains with
        ``Domain.AND``, which for 75,000 customers took longer than the
        report's statement (a profile of the list of all customers: 46 % of
        its time). Here the labels of customers and holdings are their stored
        complete name (one query), a group of one level gets its leaf's domain
        as is and a group of several (the pivot's customer x age) ``&`` and
        the leaves, as ``Domain.AND`` writes them."""
        if self._web_read_group_field_expand(groupby):
            return super()._web_read_group_format(groupby, aggregates, groups)
        if not groups:
            return []
        levels = len(groupby)
        columns = []
        for index, spec in enumerate(groupby):
            values = [row[index] for row in groups]
            columns.append(self._web_read_group_column(spec, values))
        operators = ["&"] * (levels - 1)
        result = []
        append = result.append
        for index, row in enumerate(groups):
            group = dict(zip(aggregates, row[levels:], strict=True))
            if levels == 1:
                spec, labels, domains = columns[0]
                group[spec] = labels[index]
                group["__extra_domain"] = domains[index]
            else:
                leaves = []
                for spec, labels, domains in columns:
                    group[spec] = labels[index]
                    leaves.append(domains[index])
                if all(len(domain) == 1 for domain in leaves):
                    group["__extra_domain"] = [
                        *operators,
                        *(domain[0] for domain in leaves),
                    ]
                else:
                    group["__extra_domain"] = list(Domain.AND(leaves))
            append(group)
        return result

    def _web_read_group_column(self, spec, values):
        """``(spec, labels, domains)`` of one level of groups: the label and
        the domain of each value, as Odoo's formatter gives them."""
        field = self._fields.get(spec)
        if (
            field is not None
            and field.type == "many2one"
            and field.comodel_name == "res.partner"
            and not any(self.env.context.get(key) for key in PARTNER_NAME_CONTEXT)
        ):
            ids = [value._ids[0] if value else False for value in values]
            names = self._crm_partner_names({id_ for id_ in ids if id_})
            labels = [(id_, names.get(id_) or "") if id_ else False for id_ in ids]
            domains = [[(spec, "=", id_)] for id_ in ids]
            return spec, labels, domains
        if field is not None and field.type == "selection":
            return spec, values, [[(spec, "=", value)] for value in values]
        formatter = self._web_read_group_groupby_formatter(spec, values)
        labels, domains = [], []
        for value in values:
            label, domain = formatter(value)
            labels.append(label)
            domains.append(domain)
        return spec, labels, domains

    @api.model
    def _crm_partner_names(self, ids):
        """Stored complete names of partners, in one query: computing the
        display name of tens of thousands of partners took longer than the
        report itself. Joined with the ids unnested: an ``= ANY`` of tens of
        thousands of ids was planned element by element."""
        self.env["res.partner"].flush_model(["complete_name"])
        rows = self.env.execute_query(
            SQL(
                """SELECT p.id, p.complete_name
                     FROM unnest(%s::int[]) AS ids(id)
                     JOIN res_partner p ON p.id = ids.id""",
                list(ids),
            )
        )
        return dict(rows)

    def _web_read_group_groupby_formatter(self, groupby_spec, values):
        """Customers and holding groups are labelled with their stored
        complete name (see ``_crm_partner_names``); the contexts that change
        a partner's display name keep Odoo's way."""
        field = self._fields.get(groupby_spec)
        if (
            field is None
            or field.comodel_name != "res.partner"
            or any(self.env.context.get(key) for key in PARTNER_NAME_CONTEXT)
        ):
            return super()._web_read_group_groupby_formatter(groupby_spec, values)
        names = self._crm_partner_names({value.id for value in values if value})

        def formatter(value):
            if not value:
                return False, [(groupby_spec, "=", False)]
            return (value.id, names.get(value.id) or ""), [
                (groupby_spec, "=", value.id)
            ]

        return formatter

    # ------------------------------------------------------------------
    # Drill-down and exports
    # ------------------------------------------------------------------

    @api.readonly
    def action_open_document(self):
        """Open the invoice, credit note or payment entry of this item."""
        self.ensure_one()
        return self.move_id._get_records_action()

    @api.readonly
    def action_open_journal_items(self):
        """The journal items behind these rows, in Odoo's own list."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Journal Items"),
            "res_model": "account.move.line",
            "view_mode": "list,form",
            "domain": [("id", "in", self.move_line_id.ids)],
        }

    def _export_params(self):
        """What a header button of the list passes to the file: the list's
        domain (``active_domain``, its filters and facets) narrowed to the
        selected rows if any, the as-of date of its context and the companies
        of the user's switcher."""
        self.check_access("read")
        domain = self.env.context.get("active_domain") or []
        if self:
            domain = list(Domain.AND([domain, [("id", "in", self.ids)]]))
        return {
            "as_of": fields.Date.to_string(self._as_of_date()),
            "domain": json.dumps(domain),
            "companies": ",".join(str(cid) for cid in self.env.companies.ids),
        }

    def action_export_xlsx(self):
        """The unsettled-payments workbook of the list's filters (a
        list-header button: called on the selected rows, none when nothing is
        selected), built by a background job (75,000 customers take seconds):
        the dialog shows its progress, the user is notified with the file."""
        params = self._export_params()
        job = self.env["crm.job"]._crm_enqueue(
            self.env._(
                "Unsettled payments as of %(date)s",
                date=format_date(self.env, fields.Date.to_date(params["as_of"])),
            ),
            self._name,
            "_crm_job_export_xlsx",
            params,
        )
        return job._crm_action()

    @api.model
    def _crm_export_env(self, as_of=None, companies=""):
        """The report as the export reads it: the exported date wins over any
        date filter of the caller's context; the companies are checked by the
        environment against the user's allowed companies."""
        context = {"crm_aging_date": as_of, "crm_aging_as_of": False}
        if companies:
            context["allowed_company_ids"] = [int(cid) for cid in companies.split(",")]
        return self.with_context(**context)

    @api.model
    def _crm_job_export_xlsx(self, job, as_of=None, domain="[]", companies=""):
        """The background job of ``action_export_xlsx`` (see crm_job)."""
        aging = self._crm_export_env(as_of, companies)
        content = self.env[
            "report.crm_analytics.report_receivable_aging_xlsx"
        ]._generate(aging, json.loads(domain), progress=job._crm_progress)
        filename = self.env._(
            "unsettled_payments_%(date)s.xlsx", date=aging._as_of_date()
        )
        return {
            "file": (filename, content, XLSX_MIMETYPE),
            "message": self.env._("The workbook is ready."),
        }

    @api.readonly
    def action_print_pdf(self):
        """Print the unsettled-payments report of the list's filters (see
        ``action_export_xlsx``)."""
        return self.env.ref(
            "crm_analytics.action_report_receivable_aging"
        ).report_action(None, data=self._export_params())

    @api.model
    def _customer_sections(self, domain):
        """Amounts per customer and bucket, one section per company (company
        currency) and per company and foreign currency (document currency).

        Aggregated by ``_read_group`` (SQL); returns a list of dicts with
        ``company``, ``currency``, ``rows`` [(partner, {bucket: amount})] and
        ``totals`` {bucket: amount}. One statement (two grouping sets)
        instead of two reads of the whole report, and sections keyed by ids:
        comparing and hashing 75,000 records took as long as the read."""
        names = [name for name, _label in BUCKETS]
        sections = {}
        currencies = {}

        def section_of(company, currency):
            return sections.setdefault(
                (company._ids, currency._ids),
                {
                    "company": company,
                    "currency": currency,
                    "rows": [],
                    "totals": dict.fromkeys(names, 0.0),
                },
            )

        # one statement for both (grouping sets): per company and customer
        # the amounts by age; per company, document currency, customer and
        # age the amount in the document currency
        by_company, by_currency = self._read_grouping_sets(
            domain,
            [
                ["company_id", "partner_id"],
                ["company_id", "currency_id", "partner_id", "bucket"],
            ],
            [*(f"amount_{name}:sum" for name in names), "amount_residual_currency:sum"],
            order="company_id, partner_id, currency_id, bucket",
        )
        section = key = None
        for company, partner, *amounts in by_company:
            if company._ids != key:
                key = company._ids
                currency = currencies.setdefault(key, company.currency_id)
                section = section_of(company, currency)
            section["rows"].append(
                (partner, dict(zip(names, amounts[: len(names)], strict=True)))
            )
        for company, currency, partner, bucket, *amounts in by_currency:
            if currency._ids == currencies[company._ids]._ids:
                continue
            section = section_of(company, currency)
            if not section["rows"] or section["rows"][-1][0]._ids != partner._ids:
                section["rows"].append((partner, dict.fromkeys(names, 0.0)))
            section["rows"][-1][1][bucket] += amounts[-1]
        for section in sections.values():
            currency = section["currency"]
            for name in names:
                section["totals"][name] = currency.round(
                    sum(amounts[name] for _partner, amounts in section["rows"])
                )
        return list(sections.values())
