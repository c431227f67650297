import datetime
import json
import tempfile
from contextlib import contextmanager

import xlsxwriter
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
        help="The top company of the customer's group: its parent company "
        "(or the group parent of the contacts addon when installed).",
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
    def _group_parent_sql(self, alias):
        """Parent of a company in its holding group: the group parent of
        crm_contacts_ext when that addon is installed, else Odoo's parent."""
        field = self.env["res.partner"]._fields.get("crm_group_parent_id")
        if field is not None and field.store:
            return SQL(
                "COALESCE(%s, %s)",
                SQL.identifier(alias, "crm_group_parent_id"),
                SQL.identifier(alias, "parent_id"),
            )
        return SQL.identifier(alias, "parent_id")

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
            WITH RECURSIVE
            %(items)s,
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
            ),
            -- top of the holding group of each company that has a parent
            -- (walking up at most 20 levels); others are their own group
            chain AS (
                SELECT p.id AS partner_id, %(parent_p)s AS ancestor_id, 1 AS depth
                  FROM res_partner p
                 WHERE %(parent_p)s IS NOT NULL AND p.id = p.commercial_partner_id
                UNION ALL
                SELECT c.partner_id, %(parent_a)s, c.depth + 1
                  FROM chain c
                  JOIN res_partner a ON a.id = c.ancestor_id
                 WHERE %(parent_a)s IS NOT NULL AND c.depth < 20
            ),
            holding AS (
                SELECT DISTINCT ON (partner_id) partner_id, ancestor_id AS holding_id
                  FROM chain ORDER BY partner_id, depth DESC
            )
            SELECT l.id::bigint * %(factor)s
                       + (%(as_of)s::date - %(epoch)s::date) AS id,
                   %(as_of)s::date AS as_of_date,
                   l.id AS move_line_id, l.move_id, l.move_name,
                   l.company_id, l.company_currency_id, l.currency_id,
                   l.partner_id, COALESCE(h.holding_id, l.partner_id) AS holding_id,
                   COALESCE(m.invoice_user_id, cp.user_id) AS user_id,
                   cp.country_id, l.date, l.date_maturity,
                   GREATEST(l.days, 0) AS days_overdue, l.bucket,
                   l.residual AS amount_residual,
                   l.residual_currency AS amount_residual_currency,
                   %(buckets)s
              FROM bucketed l
              LEFT JOIN account_move m ON m.id = l.move_id
              LEFT JOIN res_partner cp ON cp.id = l.partner_id
              LEFT JOIN holding h ON h.partner_id = l.partner_id
            """,
            as_of=as_of,
            items=self._items_sql(as_of),
            factor=ID_FACTOR,
            epoch=ID_EPOCH,
            parent_p=self._group_parent_sql("p"),
            parent_a=self._group_parent_sql("a"),
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
        """``sum_currency`` (asked by the web client for every monetary
        column) converts each item to the current company's currency at
        today's rate. Items are in their company's currency; when the companies
        read share one currency, every item has the same rate, so the sum is
        converted once: the same value, without joining the rates to every
        item (that doubled the time of the report's grouped read)."""
        fname, _property, func = parse_read_group_spec(aggregate_spec)
        currency = self.env.companies.currency_id
        if func != "sum_currency" or len(currency) != 1:
            return super()._read_group_select(aggregate_spec, query)
        rate = currency._get_rates(self.env.company, fields.Date.context_today(self))
        total = super()._read_group_select(f"{fname}:sum", query)
        return SQL("%s / %s", total, rate[currency.id])

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
        """Groups of one level: each group's domain is its label's one-leaf
        domain as is. Odoo combines the domains of all levels for each group
        (``AND``), which for 75,000 customers took longer than the report's
        statement."""
        if len(groupby) != 1 or self._web_read_group_field_expand(groupby):
            return super()._web_read_group_format(groupby, aggregates, groups)
        spec = groupby[0]
        formatter = self._web_read_group_groupby_formatter(
            spec, [row[0] for row in groups]
        )
        result = []
        for key, *values in groups:
            label, domain = formatter(key)
            if len(domain) != 1:
                domain = list(Domain(domain))
            result.append(
                {
                    spec: label,
                    "__extra_domain": domain,
                    **dict(zip(aggregates, values, strict=True)),
                }
            )
        return result

    def _web_read_group_groupby_formatter(self, groupby_spec, values):
        """Customers and holding groups are labelled with their stored
        complete name, read in one query: computing the display name of tens
        of thousands of partners took longer than the report itself. The
        contexts that change a partner's display name keep Odoo's way."""
        field = self._fields.get(groupby_spec)
        if (
            field is None
            or field.comodel_name != "res.partner"
            or any(self.env.context.get(key) for key in PARTNER_NAME_CONTEXT)
        ):
            return super()._web_read_group_groupby_formatter(groupby_spec, values)
        Partner = self.env["res.partner"]
        Partner.flush_model(["complete_name"])
        # joined with the ids unnested: an ``= ANY`` of tens of thousands of
        # ids was planned element by element
        self.env.cr.execute(
            SQL(
                """SELECT p.id, p.complete_name
                     FROM unnest(%s::int[]) AS ids(id)
                     JOIN res_partner p ON p.id = ids.id""",
                list({value.id for value in values if value}),
            )
        )
        names = dict(self.env.cr.fetchall())

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
        content = aging._export_xlsx(json.loads(domain), progress=job._crm_progress)
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
        ``totals`` {bucket: amount}.
        """
        names = [name for name, _label in BUCKETS]
        sections = {}
        company_groups = self._read_group(
            domain,
            ["company_id", "partner_id"],
            [f"amount_{name}:sum" for name in names],
            order="company_id, partner_id",
        )
        for company, partner, *amounts in company_groups:
            section = sections.setdefault(
                (company, company.currency_id),
                {"rows": [], "totals": dict.fromkeys(names, 0.0)},
            )
            section["rows"].append((partner, dict(zip(names, amounts, strict=True))))
        foreign_groups = self._read_group(
            domain,
            ["company_id", "currency_id", "partner_id", "bucket"],
            ["amount_residual_currency:sum"],
            order="company_id, currency_id, partner_id",
        )
        for company, currency, partner, bucket, amount in foreign_groups:
            if currency == company.currency_id:
                continue
            section = sections.setdefault(
                (company, currency), {"rows": [], "totals": dict.fromkeys(names, 0.0)}
            )
            if not section["rows"] or section["rows"][-1][0] != partner:
                section["rows"].append((partner, dict.fromkeys(names, 0.0)))
            section["rows"][-1][1][bucket] += amount
        result = []
        for (company, currency), section in sections.items():
            for name in names:
                section["totals"][name] = currency.round(
                    sum(amounts[name] for _partner, amounts in section["rows"])
                )
            result.append({"company": company, "currency": currency, **section})
        return result

    @api.model
    def _export_xlsx(self, domain, progress=None):
        """The unsettled-payments workbook: one sheet per company (company
        currency) and per foreign currency; written by xlsxwriter in
        constant-memory mode (rows streamed to disk as they are written).
        ``progress(done, total)`` is told the customer rows written."""
        as_of = self._as_of_date()
        labels = dict(self._fields["bucket"]._description_selection(self.env))
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
            sections = self._customer_sections(domain)
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
                    self.env._(
                        "Unsettled payments as of %(date)s - %(company)s, %(currency)s",
                        date=format_date(self.env, as_of),
                        company=company.name,
                        currency=currency.name,
                    ),
                    bold,
                )
                columns = [
                    self.env._("Customer"),
                    self.env._("Tax ID"),
                    self.env._("Salesperson"),
                    *[labels[name] for name in names],
                    self.env._("Total"),
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
                sheet.write_string(row, 0, self.env._("Total"), bold)
                for col, name in enumerate(names, start=3):
                    sheet.write_number(row, col, section["totals"][name], total_money)
                sheet.write_number(
                    row,
                    len(columns) - 1,
                    currency.round(sum(section["totals"].values())),
                    total_money,
                )
            if not used_names:
                sheet = workbook.add_worksheet(self.env._("Receivables"))
                sheet.write(0, 0, self.env._("No unsettled payments."))
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
