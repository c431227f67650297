from odoo import api, fields, models
from odoo.tools.misc import formatLang


class CrmCustomerOverview(models.TransientModel):
    """The "Overview" screen of the customer analysis: figures of the current
    company, its segments and its customers at risk of leaving. Nothing is
    stored; every figure is read from ``crm.customer.value`` by SQL."""

    _name = "crm.customer.overview"
    _description = "Customer Analysis Overview"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    last_refresh = fields.Datetime(compute="_compute_last_refresh")
    customer_count = fields.Integer(string="Customers", compute="_compute_figures")
    active_count = fields.Integer(
        string="Bought in the Period", compute="_compute_figures"
    )
    churn_count = fields.Integer(
        string="At Risk of Leaving", compute="_compute_figures"
    )
    repeat_rate = fields.Float(
        string="Repeat Customers (%)", compute="_compute_figures", digits=(16, 1)
    )
    revenue = fields.Monetary(string="Revenue in Period", compute="_compute_figures")
    pareto_text = fields.Char(string="Most Profitable", compute="_compute_figures")
    segment_ids = fields.Many2many(
        "crm.rfm.segment", string="Segments", compute="_compute_figures"
    )
    churn_customer_ids = fields.Many2many(
        "crm.customer.value",
        string="Customers at Risk",
        compute="_compute_figures",
        help="The 20 customers at risk of leaving who bought the most.",
    )

    def _compute_display_name(self):
        for overview in self:
            overview.display_name = self.env._("Customer analysis")

    @api.depends("company_id")
    def _compute_last_refresh(self):
        Refresh = self.env["crm.analysis.refresh"]
        states = Refresh._crm_states(self.company_id, "customers")
        for overview in self:
            overview.last_refresh = states.get(
                overview.company_id, Refresh
            ).refreshed_at

    def _compute_figures(self):
        Value = self.env["crm.customer.value"]
        for overview in self:
            company = overview.company_id
            domain = [("company_id", "=", company.id)]
            [(count, revenue, repeat)] = Value._read_group(
                domain, [], ["__count", "monetary:sum", "repeat_rate:avg"]
            )
            overview.customer_count = count
            overview.active_count = Value.search_count([*domain, ("frequency", ">", 0)])
            overview.revenue = revenue
            overview.repeat_rate = repeat or 0.0
            overview.churn_count = Value.search_count(
                [*domain, ("churn_risk", "=", True)]
            )
            summary = Value._crm_pareto_summary(company)
            if not summary["customers"]:
                overview.pareto_text = self.env._(
                    "No figures yet: press Refresh now or wait for the nightly refresh."
                )
            elif summary["basis"] == "margin":
                overview.pareto_text = self.env._(
                    "The top 20%% of customers (%(top)s of %(count)s) bring "
                    "%(share)s%% of the margin.",
                    top=formatLang(self.env, summary["top"], digits=0),
                    count=formatLang(self.env, summary["customers"], digits=0),
                    share=formatLang(self.env, summary["share"], digits=1),
                )
            else:
                overview.pareto_text = self.env._(
                    "The top 20%% of customers (%(top)s of %(count)s) bring "
                    "%(share)s%% of the revenue.",
                    top=formatLang(self.env, summary["top"], digits=0),
                    count=formatLang(self.env, summary["customers"], digits=0),
                    share=formatLang(self.env, summary["share"], digits=1),
                )
            # every segment: a short configuration list
            overview.segment_ids = self.env["crm.rfm.segment"].search([])  # pylint: disable=no-search-all
            overview.churn_customer_ids = Value.search(
                [*domain, ("churn_risk", "=", True)], order="revenue desc", limit=20
            )

    def _value_action(self, xmlid, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        if context:
            action["context"] = context
        return action

    @api.readonly
    def action_open_customers(self):
        return self._value_action("crm_analytics.action_crm_customer_value")

    @api.readonly
    def action_open_churn(self):
        return self._value_action(
            "crm_analytics.action_crm_customer_value",
            {"search_default_churn_risk": 1},
        )

    @api.readonly
    def action_open_profitable(self):
        return self._value_action("crm_analytics.action_crm_customer_value_profitable")

    def action_refresh(self):
        return self.env["crm.customer.value"].action_crm_refresh()
