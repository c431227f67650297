import json

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.misc import format_date
from odoo.tools.sql import create_index

ACCOUNTING_GROUPS = "account.group_account_readonly,account.group_account_invoice"


class SegmentMany2one(fields.Many2one):
    """A company-dependent Many2one read in SQL as its stored value, and whose
    "is one of these" condition is a JSON containment per value, which the
    GIN index of res.partner's init() finds.

    Odoo's company-dependent Many2one looks every contact's stored value up
    in the comodel's table, in case it was deleted: 0.3 s to filter and 1 s
    to group 120,000 contacts. Here a deleted segment is taken off the cards
    when it is deleted instead (``res.partner._crm_forget_segments``)."""

    def to_sql(self, model, alias):
        # the stored value, without Many2one's lookup of the company-dependent
        # value in the comodel's table
        return super(fields.Many2one, self).to_sql(model, alias)

    def condition_to_sql(self, field_expr, operator, value, model, alias, query):
        if (
            field_expr == self.name
            and operator == "in"
            and value
            and all(type(item) is int and item for item in value)
            # a default for every company would need Odoo's fallback
            and not self.get_company_dependent_fallback(model)
        ):
            column = SQL.identifier(alias, self.name, to_flush=self)
            company = str(model.env.company.id)
            return SQL(
                "(%s)",
                SQL(" OR ").join(
                    SQL("%s @> %s::jsonb", column, json.dumps({company: item}))
                    for item in sorted(value)
                ),
            )
        return super().condition_to_sql(
            field_expr, operator, value, model, alias, query
        )


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_receivable_total = fields.Monetary(
        string="Receivables",
        compute="_compute_crm_receivable_figures",
        currency_field="crm_company_currency_id",
        groups=ACCOUNTING_GROUPS,
        help="Open receivables of the customer (its people included) today, "
        "in the current company's currency.",
    )
    crm_receivable_overdue = fields.Monetary(
        string="Overdue",
        compute="_compute_crm_receivable_figures",
        currency_field="crm_company_currency_id",
        groups=ACCOUNTING_GROUPS,
    )
    crm_avg_days_to_pay = fields.Float(
        string="Average Days to Pay",
        compute="_compute_crm_receivable_figures",
        digits=(16, 1),
        groups=ACCOUNTING_GROUPS,
        help="Invoices fully paid in the period (by default the last 12 months): "
        "average number of days from the invoice date to the payment that "
        "settled it.",
    )
    # no invoice paid in the period: the average is unknown, not 0 days
    crm_avg_days_to_pay_known = fields.Boolean(
        compute="_compute_crm_receivable_figures", groups=ACCOUNTING_GROUPS
    )
    crm_dso = fields.Float(
        string="DSO (days)",
        compute="_compute_crm_receivable_figures",
        digits=(16, 1),
        groups=ACCOUNTING_GROUPS,
        help="Days sales outstanding: receivables open at the end of the period "
        "divided by the sales invoiced in the period (by default the last 12 "
        "months), times the days of the period.",
    )
    crm_holding_id = fields.Many2one(
        "res.partner",
        string="Holding Group",
        compute="_compute_crm_receivable_figures",
        groups=ACCOUNTING_GROUPS,
        help="The top company of the customer's group; the group figures add up "
        "this company and all its subsidiaries, their people included.",
    )
    crm_holding_receivable_total = fields.Monetary(
        string="Group Receivables",
        compute="_compute_crm_receivable_figures",
        currency_field="crm_company_currency_id",
        groups=ACCOUNTING_GROUPS,
    )
    crm_holding_receivable_overdue = fields.Monetary(
        string="Group Overdue",
        compute="_compute_crm_receivable_figures",
        currency_field="crm_company_currency_id",
        groups=ACCOUNTING_GROUPS,
    )
    crm_holding_avg_days_to_pay = fields.Float(
        string="Group Average Days to Pay",
        compute="_compute_crm_receivable_figures",
        digits=(16, 1),
        groups=ACCOUNTING_GROUPS,
        help="Average days to pay over all the invoices of the holding group "
        "paid in the period.",
    )
    crm_holding_avg_days_to_pay_known = fields.Boolean(
        compute="_compute_crm_receivable_figures", groups=ACCOUNTING_GROUPS
    )
    crm_holding_dso = fields.Float(
        string="Group DSO (days)",
        compute="_compute_crm_receivable_figures",
        digits=(16, 1),
        groups=ACCOUNTING_GROUPS,
        help="Days sales outstanding of the whole holding group over the period.",
    )
    crm_company_currency_id = fields.Many2one(
        "res.currency",
        string="Receivables Currency",
        compute="_compute_crm_receivable_figures",
        groups=ACCOUNTING_GROUPS,
    )

    def init(self):
        res = super().init()
        # contacts of a segment (see SegmentMany2one)
        create_index(
            self.env.cr,
            "crm_analytics_partner_segment_idx",
            self._table,
            ["crm_segment_id jsonb_path_ops"],
            method="gin",
        )
        return res

    @api.model
    def _crm_forget_segments(self, segment_ids):
        """Take deleted segments off the cards, in every company."""
        self.flush_model(["crm_segment_id"])
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner p
                   SET crm_segment_id = (
                       SELECT jsonb_object_agg(e.key, e.value)
                         FROM jsonb_each(p.crm_segment_id) e
                        WHERE jsonb_typeof(e.value) <> 'number'
                           OR e.value::int <> ALL(%(ids)s))
                 WHERE EXISTS (
                       SELECT 1 FROM jsonb_each(p.crm_segment_id) e
                        WHERE jsonb_typeof(e.value) = 'number'
                          AND e.value::int = ANY(%(ids)s))
                """,
                ids=list(segment_ids),
            )
        )
        self.invalidate_model(["crm_segment_id"])

    def write(self, vals):
        # a contact moving to another company (or becoming one) takes its
        # orders along: the customer analysis recomputes the customer it
        # leaves and the one it joins at its next refresh
        if "parent_id" not in vals and "is_company" not in vals:
            return super().write(vals)
        before = self.commercial_partner_id
        result = super().write(vals)
        self.env["crm.customer.value.moved"]._crm_record(
            before | self.commercial_partner_id
        )
        return result

    # ------------------------------------------------------------------
    # Holding groups: the hooks of crm_analytics_contacts
    # ------------------------------------------------------------------
    # Holding groups are those of crm_contacts_ext (its stored top of the
    # group, ``crm_group_root_id``); the glue addon crm_analytics_contacts
    # plugs them in here. Without it, each customer is its own group.

    def _crm_holding(self):
        """The top company of the partner's holding group."""
        self.ensure_one()
        return self.commercial_partner_id

    @api.model
    def _crm_holding_root_sql(self, alias):
        """SQL: the top of the holding group of the commercial partner in
        the ``res_partner`` row ``alias``."""
        return SQL.identifier(alias, "id")

    @api.model
    def _crm_holding_member_sql(self, alias, root):
        """SQL condition: the ``res_partner`` row ``alias`` is a company (a
        commercial partner) of the group headed by ``root`` (SQL), written
        so that an index serves it."""
        return SQL("%s = %s", SQL.identifier(alias, "id"), root)

    def _crm_holding_members(self):
        """The companies (commercial partners) of the partner's holding
        group, its top included."""
        self.ensure_one()
        return self._crm_holding()

    def _crm_payment_period(self):
        """The period of the payment figures: context keys ``crm_period_from``
        and ``crm_period_to``, by default the 12 months up to today."""
        today = fields.Date.context_today(self)
        date_to = fields.Date.to_date(self.env.context.get("crm_period_to")) or today
        date_from = fields.Date.to_date(
            self.env.context.get("crm_period_from")
        ) or date_to - relativedelta(years=1)
        if date_from >= date_to:
            raise UserError(
                self.env._(
                    "The period must start before it ends (%(start)s - %(end)s).",
                    start=format_date(self.env, date_from),
                    end=format_date(self.env, date_to),
                )
            )
        return date_from, date_to

    @api.depends_context("company", "crm_period_from", "crm_period_to")
    def _compute_crm_receivable_figures(self):
        """Figures of each customer (its people included) and of its holding
        group, in one SQL statement: open and overdue today; over the period,
        the receivables open at its end (later payments undone), the sales
        invoiced in it and the days taken to pay the invoices settled in it."""
        company = self.env.company
        today = fields.Date.context_today(self)
        date_from, date_to = self._crm_payment_period()
        commercial_ids = list(set(self.commercial_partner_id.ids))
        figures, holdings = {}, {}
        if commercial_ids:
            self.env["account.move.line"].flush_model()
            self.env["account.partial.reconcile"].flush_model()
            self.env["res.partner"].flush_model(["commercial_partner_id"])
            self.env["account.move"].flush_model(["move_type", "invoice_date"])
            # execute_query: flushes what the holding hooks read
            rows = self.env.execute_query(
                SQL(
                    """
                WITH holding AS (
                    SELECT p.id AS partner_id, %(root)s AS holding_id
                      FROM res_partner p
                     WHERE p.id = ANY(%(partners)s)
                ),
                -- every company of the holding groups
                down AS (
                    SELECT h.root_id, c.id AS partner_id
                      FROM (SELECT DISTINCT holding_id AS root_id FROM holding) h
                      JOIN res_partner c ON %(member)s
                ),
                scope AS (
                    SELECT 'customer' AS kind, p.commercial_partner_id AS root_id,
                           p.id AS partner_id
                      FROM res_partner p
                     WHERE p.commercial_partner_id = ANY(%(partners)s)
                    UNION
                    SELECT 'holding', d.root_id, p.id
                      FROM down d
                      JOIN res_partner p ON p.commercial_partner_id = d.partner_id
                ),
                lines AS (
                    SELECT s.kind, s.root_id, aml.id, aml.amount_residual,
                           aml.balance, aml.date,
                           COALESCE(aml.date_maturity, aml.date) AS due,
                           aml.full_reconcile_id, m.move_type, m.invoice_date
                      FROM scope s
                      JOIN account_move_line aml ON aml.partner_id = s.partner_id
                      JOIN account_account acc ON acc.id = aml.account_id
                      JOIN account_move m ON m.id = aml.move_id
                     WHERE acc.account_type = 'asset_receivable'
                       AND aml.parent_state = 'posted'
                       AND aml.company_id = %(company)s
                ),
                -- reconciliations after the period's end are undone
                undone AS (
                    SELECT line_id, SUM(amount) AS amount FROM (
                        SELECT pr.debit_move_id AS line_id, pr.amount
                          FROM account_partial_reconcile pr
                         WHERE pr.debit_move_id IN (SELECT id FROM lines)
                           AND pr.max_date > %(date_to)s
                        UNION ALL
                        SELECT pr.credit_move_id, -pr.amount
                          FROM account_partial_reconcile pr
                         WHERE pr.credit_move_id IN (SELECT id FROM lines)
                           AND pr.max_date > %(date_to)s
                    ) later GROUP BY line_id
                ),
                paid AS (
                    SELECT l.kind, l.root_id,
                           MAX(pr.max_date) - l.invoice_date AS days
                      FROM lines l
                      JOIN account_partial_reconcile pr ON pr.debit_move_id = l.id
                     WHERE l.full_reconcile_id IS NOT NULL
                       AND l.move_type = 'out_invoice'
                     GROUP BY l.kind, l.root_id, l.id, l.invoice_date
                    HAVING MAX(pr.max_date) > %(date_from)s
                       AND MAX(pr.max_date) <= %(date_to)s
                ),
                days AS (
                    SELECT kind, root_id, AVG(days) AS days FROM paid
                     GROUP BY kind, root_id
                )
                SELECT l.kind, l.root_id,
                       SUM(l.amount_residual),
                       SUM(l.amount_residual) FILTER (WHERE l.due < %(today)s),
                       SUM(l.amount_residual + COALESCE(u.amount, 0))
                           FILTER (WHERE l.date <= %(date_to)s),
                       SUM(l.balance) FILTER (
                           WHERE l.move_type IN ('out_invoice', 'out_refund')
                             AND l.date > %(date_from)s AND l.date <= %(date_to)s),
                       MAX(d.days)
                  FROM lines l
                  LEFT JOIN undone u ON u.line_id = l.id
                  LEFT JOIN days d ON d.kind = l.kind AND d.root_id = l.root_id
                 GROUP BY l.kind, l.root_id
                UNION ALL
                SELECT 'top', partner_id, holding_id, NULL, NULL, NULL, NULL
                  FROM holding
                """,
                    company=company.id,
                    partners=commercial_ids,
                    today=today,
                    date_from=date_from,
                    date_to=date_to,
                    root=self._crm_holding_root_sql("p"),
                    member=self._crm_holding_member_sql("c", SQL("h.root_id")),
                )
            )
            for kind, root_id, *values in rows:
                if kind == "top":
                    holdings[root_id] = int(values[0])  # numeric in the union
                else:
                    figures[kind, root_id] = values
        days = (date_to - date_from).days
        empty = (0.0, 0.0, 0.0, 0.0, None)
        for partner in self:
            commercial = partner.commercial_partner_id.id
            holding = holdings.get(commercial, commercial)
            partner.crm_company_currency_id = company.currency_id
            partner.crm_holding_id = holding
            total, overdue, open_at_end, sales, avg_days = figures.get(
                ("customer", commercial), empty
            )
            partner.crm_receivable_total = total or 0.0
            partner.crm_receivable_overdue = overdue or 0.0
            partner.crm_avg_days_to_pay = float(avg_days or 0.0)
            partner.crm_avg_days_to_pay_known = avg_days is not None
            partner.crm_dso = (
                float(open_at_end or 0.0) / float(sales) * days if sales else 0.0
            )
            total, overdue, open_at_end, sales, avg_days = figures.get(
                ("holding", holding), empty
            )
            partner.crm_holding_receivable_total = total or 0.0
            partner.crm_holding_receivable_overdue = overdue or 0.0
            partner.crm_holding_avg_days_to_pay = float(avg_days or 0.0)
            partner.crm_holding_avg_days_to_pay_known = avg_days is not None
            partner.crm_holding_dso = (
                float(open_at_end or 0.0) / float(sales) * days if sales else 0.0
            )

    def _crm_aging_action(self, domain, name):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_analytics.action_crm_receivable_aging"
        )
        action.update(
            name=name,
            domain=domain,
            context={"group_by": ["bucket"]},
        )
        return action

    @api.readonly
    def action_crm_open_aging(self):
        """Receivables by age of this customer (its people included)."""
        self.ensure_one()
        partner = self.commercial_partner_id
        return self._crm_aging_action(
            [("partner_id", "=", partner.id)],
            self.env._("Receivables by age: %(name)s", name=partner.display_name),
        )

    @api.readonly
    def action_crm_open_overdue(self):
        """The customer's overdue receivables (its people included), by age."""
        self.ensure_one()
        partner = self.commercial_partner_id
        action = self._crm_aging_action(
            [("partner_id", "=", partner.id)],
            self.env._("Overdue: %(name)s", name=partner.display_name),
        )
        action["context"]["search_default_overdue"] = 1
        return action

    @api.readonly
    def action_crm_open_holding_aging(self):
        """Receivables by age over the customer's whole holding group."""
        self.ensure_one()
        holding = self._crm_holding()
        action = self._crm_aging_action(
            [("holding_id", "=", holding.id)],
            self.env._("Receivables by age: group %(name)s", name=holding.display_name),
        )
        action["context"]["group_by"] = ["partner_id", "bucket"]
        return action

    @api.readonly
    def action_crm_payment_behaviour(self):
        """Average days to pay and DSO of the customer and its group over a
        period the user picks."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Payment behaviour over a period"),
            "res_model": "crm.payment.behaviour.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }

    def _crm_history_scope(self):
        """Domain and title of the commercial history: the customer with its
        people, or (context ``crm_history_holding``) its whole holding group."""
        self.ensure_one()
        if self.env.context.get("crm_history_holding"):
            partner = self._crm_holding()
            members = self._crm_holding_members()
        else:
            partner = members = self.commercial_partner_id
        return [("partner_id", "child_of", members.ids)], partner.display_name

    @api.readonly
    def action_crm_history_documents(self):
        """Invoices and credit notes over time, with the invoice each credit
        note corrects."""
        domain, name = self._crm_history_scope()
        views = [
            (
                self.env.ref("crm_analytics.account_move_view_list_crm_history").id,
                "list",
            ),
            (
                self.env.ref("crm_analytics.account_move_view_pivot_crm_history").id,
                "pivot",
            ),
            (
                self.env.ref("crm_analytics.account_move_view_graph_crm_history").id,
                "graph",
            ),
            (False, "form"),
        ]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Invoices and credit notes: %(name)s", name=name),
            "res_model": "account.move",
            "views": views,
            "domain": [
                *domain,
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
            ],
            "context": {"create": False},
        }

    @api.readonly
    def action_crm_history_payments(self):
        """Payments received from the customer."""
        domain, name = self._crm_history_scope()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Payments received: %(name)s", name=name),
            "res_model": "account.payment",
            "view_mode": "list,form",
            "domain": [
                *domain,
                ("partner_type", "=", "customer"),
                ("payment_type", "=", "inbound"),
                ("state", "not in", ("draft", "canceled")),
            ],
            "context": {"create": False},
            # no faded sample payments of Odoo's behind an empty list
            "useSampleModel": False,
            "help": Markup("<p class='o_view_nocontent_empty_folder'>%s</p><p>%s</p>")
            % (
                self.env._("No payment received from %(name)s yet", name=name),
                self.env._(
                    "Payments registered on this customer's invoices show here, "
                    "with their date, journal and amount."
                ),
            ),
        }

    @api.readonly
    def action_crm_history_goods(self):
        """Goods bought: products, quantities and amounts by period."""
        domain, name = self._crm_history_scope()
        views = [
            (
                self.env.ref(
                    "crm_analytics.account_invoice_report_view_pivot_crm_goods"
                ).id,
                "pivot",
            ),
            (
                self.env.ref(
                    "crm_analytics.account_invoice_report_view_graph_crm_goods"
                ).id,
                "graph",
            ),
        ]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Goods bought: %(name)s", name=name),
            "res_model": "account.invoice.report",
            "views": views,
            "domain": [
                *domain,
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("product_id", "!=", False),
            ],
        }

    crm_segment_id = SegmentMany2one(
        "crm.rfm.segment",
        string="Customer Segment",
        company_dependent=True,
        readonly=True,
        copy=False,
        help="RFM segment of the customer in the current company, set by the "
        "customer analysis refresh.",
    )
    crm_segment_history_count = fields.Integer(
        string="Segment Changes",
        compute="_compute_crm_segment_history_count",
        groups="sales_team.group_sale_salesman",
    )

    def _compute_crm_segment_history_count(self):
        counts = dict(
            self.env["crm.customer.segment.history"]._read_group(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("company_id", "=", self.env.company.id),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.crm_segment_history_count = counts.get(
                partner.commercial_partner_id, 0
            )

    @api.readonly
    def action_crm_segment_history(self):
        """Segment changes of the customer in the current company."""
        self.ensure_one()
        partner = self.commercial_partner_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Segment history: %(name)s", name=partner.display_name),
            "res_model": "crm.customer.segment.history",
            "view_mode": "list,graph",
            "domain": [("partner_id", "=", partner.id)],
            "context": {"create": False},
        }

    def action_crm_segment_apply(self):
        """Server action of the contacts list: act on the selected customers."""
        return self._crm_segment_apply_action()

    def _crm_segment_apply_action(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_analytics.action_crm_customer_segment_apply"
        )
        action["context"] = {"default_partner_ids": self.ids}
        return action

    crm_next_offer_html = fields.Html(
        string="Next offer",
        compute="_compute_crm_next_offer_html",
        sanitize=False,
        groups="sales_team.group_sale_salesman",
        help="Products this customer has not bought that customers of its "
        "segment buy with what it buys (products bought together), with the "
        "share of them who do.",
    )
    crm_repurchase_count = fields.Integer(
        string="Due to reorder",
        compute="_compute_crm_next_offer_html",
        groups="sales_team.group_sale_salesman",
    )

    def _compute_crm_next_offer_html(self):
        Repurchase = self.env["crm.customer.repurchase"]
        company = self.env.company
        due = dict(
            Repurchase._read_group(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("company_id", "=", company.id),
                    ("level", "=", "product"),
                    ("overdue", "=", True),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.crm_repurchase_count = due.get(partner.commercial_partner_id, 0)
            partner.crm_next_offer_html = (
                partner.id
                and Repurchase._crm_next_offers_html(
                    Repurchase._crm_next_offers(company, partner)
                )
            )

    def action_crm_due_to_reorder(self):
        """The customer's products due to reorder."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_analytics.action_crm_due_to_reorder"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {
            "search_default_filter_overdue": 1,
            "search_default_filter_products": 1,
        }
        return action
