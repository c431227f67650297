from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.tools import SQL

ACCOUNTING_GROUPS = "account.group_account_readonly,account.group_account_invoice"


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
        help="Invoices fully paid in the last 12 months: average number of days "
        "from the invoice date to the payment that settled it.",
    )
    crm_dso = fields.Float(
        string="DSO (days)",
        compute="_compute_crm_receivable_figures",
        digits=(16, 1),
        groups=ACCOUNTING_GROUPS,
        help="Days sales outstanding: open receivables divided by the sales "
        "invoiced in the last 12 months, times 365.",
    )
    crm_company_currency_id = fields.Many2one(
        "res.currency",
        string="Receivables Currency",
        compute="_compute_crm_receivable_figures",
        groups=ACCOUNTING_GROUPS,
    )

    def _crm_holding(self):
        """The top company of the partner's group (see crm.receivable.aging)."""
        self.ensure_one()
        partner = self.commercial_partner_id
        group_parent = "crm_group_parent_id" in self._fields
        for _depth in range(20):
            parent = (group_parent and partner.crm_group_parent_id) or partner.parent_id
            if not parent:
                break
            partner = parent
        return partner

    def _compute_crm_receivable_figures(self):
        company = self.env.company
        today = fields.Date.context_today(self)
        year_ago = today - relativedelta(years=1)
        commercial_ids = list(set(self.commercial_partner_id.ids))
        figures = {}
        if commercial_ids:
            self.env["account.move.line"].flush_model()
            self.env["account.partial.reconcile"].flush_model()
            self.env.cr.execute(
                SQL(
                    """
                WITH lines AS (
                    SELECT p.commercial_partner_id AS partner_id, aml.id,
                           aml.amount_residual, aml.balance, aml.date,
                           COALESCE(aml.date_maturity, aml.date) AS due,
                           aml.full_reconcile_id, m.move_type, m.invoice_date
                      FROM account_move_line aml
                      JOIN account_account acc ON acc.id = aml.account_id
                      JOIN account_move m ON m.id = aml.move_id
                      JOIN res_partner p ON p.id = aml.partner_id
                     WHERE acc.account_type = 'asset_receivable'
                       AND aml.parent_state = 'posted'
                       AND aml.company_id = %(company)s
                       AND p.commercial_partner_id = ANY(%(partners)s)
                ),
                paid AS (
                    SELECT l.partner_id,
                           MAX(pr.max_date) - l.invoice_date AS days
                      FROM lines l
                      JOIN account_partial_reconcile pr ON pr.debit_move_id = l.id
                     WHERE l.full_reconcile_id IS NOT NULL
                       AND l.move_type = 'out_invoice'
                     GROUP BY l.partner_id, l.id, l.invoice_date
                    HAVING MAX(pr.max_date) BETWEEN %(year_ago)s AND %(today)s
                )
                SELECT l.partner_id,
                       SUM(l.amount_residual),
                       SUM(l.amount_residual) FILTER (WHERE l.due < %(today)s),
                       SUM(l.balance) FILTER (
                           WHERE l.move_type IN ('out_invoice', 'out_refund')
                             AND l.date > %(year_ago)s AND l.date <= %(today)s),
                       (SELECT AVG(days) FROM paid WHERE paid.partner_id = l.partner_id)
                  FROM lines l
                 GROUP BY l.partner_id
                """,
                    company=company.id,
                    partners=commercial_ids,
                    today=today,
                    year_ago=year_ago,
                )
            )
            figures = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for partner in self:
            total, overdue, sales, avg_days = figures.get(
                partner.commercial_partner_id.id, (0.0, 0.0, 0.0, None)
            )
            partner.crm_company_currency_id = company.currency_id
            partner.crm_receivable_total = total or 0.0
            partner.crm_receivable_overdue = overdue or 0.0
            partner.crm_avg_days_to_pay = float(avg_days or 0.0)
            partner.crm_dso = (total or 0.0) / sales * 365 if sales else 0.0

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

    def action_crm_open_aging(self):
        """Receivables by age of this customer (its people included)."""
        self.ensure_one()
        partner = self.commercial_partner_id
        return self._crm_aging_action(
            [("partner_id", "=", partner.id)],
            self.env._("Receivables by age: %(name)s", name=partner.display_name),
        )

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

    def _crm_history_scope(self):
        """Domain and title of the commercial history: the customer with its
        people, or (context ``crm_history_holding``) its whole holding group."""
        self.ensure_one()
        if self.env.context.get("crm_history_holding"):
            partner = self._crm_holding()
        else:
            partner = self.commercial_partner_id
        return [("partner_id", "child_of", partner.id)], partner.display_name

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
        }

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

    crm_segment_id = fields.Many2one(
        "crm.rfm.segment",
        string="Customer Segment",
        company_dependent=True,
        readonly=True,
        copy=False,
        help="RFM segment of the customer in the current company, set by the "
        "customer analysis refresh.",
    )
    crm_segment_history_count = fields.Integer(
        string="Segment Changes", compute="_compute_crm_segment_history_count"
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
