from odoo import fields, models
from odoo.tools import SQL, drop_view_if_exists

MANAGER = "sales_team.group_sale_manager"


class CrmCampaignEffect(models.Model):
    """What marketing brought: one row per confirmed sales order (with the
    campaign, medium and source of its UTM fields, its revenue and margin,
    whether it is the customer's first order ever in the company) and one
    row per entered campaign cost. Ratios that cannot be summed (cost per
    new customer, return on cost, customers counted once) are computed from
    the group's sums by ``_read_group_select``."""

    _name = "crm.campaign.effect"
    _description = "Campaign effectiveness"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "order_id"

    kind = fields.Selection([("order", "Order"), ("cost", "Cost")], readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(readonly=True)
    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    medium_id = fields.Many2one("utm.medium", readonly=True)
    source_id = fields.Many2one("utm.source", readonly=True)
    order_id = fields.Many2one("sale.order", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    revenue = fields.Monetary(readonly=True)
    margin = fields.Monetary(readonly=True, groups=MANAGER)
    new_customer = fields.Boolean(
        readonly=True, help="The customer's first confirmed order ever in the company."
    )
    new_customer_count = fields.Integer(
        string="New customers",
        readonly=True,
        help="Customers whose first order ever is in the group.",
    )
    existing_customer_count = fields.Integer(
        string="Existing customers",
        readonly=True,
        help="Customers who had ordered before and ordered in the group, each "
        "counted once.",
    )
    cost = fields.Monetary(readonly=True, groups=MANAGER)
    cost_per_new_customer = fields.Monetary(
        string="Cost per new customer",
        readonly=True,
        groups=MANAGER,
        help="Cost / new customers of the group.",
    )
    return_on_cost = fields.Float(
        string="Return on cost (%)",
        readonly=True,
        groups=MANAGER,
        digits=(16, 1),
        help="(Margin - cost) / cost x 100 over the group.",
    )

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE VIEW %s AS %s",
                SQL.identifier(self._table),
                SQL(" UNION ALL ").join(self._crm_effect_rows()),
            )
        )

    def _crm_effect_rows(self):
        """The SELECTs of the view, united: every column of the view in its
        order, ids 4 x the source's id + the kind's offset (0 orders, 1 costs,
        2 and 3 for the kinds an addon adds), then ``_crm_effect_columns``."""
        return [
            SQL(
                """
            WITH orders AS (
                SELECT so.id, so.company_id, so.date_order, so.campaign_id,
                       so.medium_id, so.source_id, so.user_id,
                       p.commercial_partner_id AS partner_id,
                       so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1)
                           AS revenue,
                       COALESCE(so.margin, 0)
                           / COALESCE(NULLIF(so.currency_rate, 0), 1) AS margin,
                       ROW_NUMBER() OVER (
                           PARTITION BY so.company_id, p.commercial_partner_id
                           ORDER BY so.date_order, so.id) = 1 AS new_customer
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.state = 'sale'
            )
            SELECT 4 * o.id AS id, 'order' AS kind, o.company_id,
                   o.date_order::date AS date, o.campaign_id, o.medium_id,
                   o.source_id, o.id AS order_id, o.partner_id, o.user_id,
                   1 AS order_count, o.revenue::numeric AS revenue,
                   o.margin::numeric AS margin, o.new_customer,
                   o.new_customer::int AS new_customer_count,
                   (NOT o.new_customer)::int AS existing_customer_count,
                   0::numeric AS cost, NULL::numeric AS cost_per_new_customer,
                   NULL::float8 AS return_on_cost %s
              FROM orders o""",
                self._crm_effect_columns("order"),
            ),
            SQL(
                """
            SELECT 4 * c.id + 1, 'cost', c.company_id,
                   date_trunc('month', c.date)::date, c.campaign_id, c.medium_id,
                   NULL, NULL, NULL, NULL, 0, 0, 0, FALSE, 0, 0, c.amount,
                   NULL, NULL %s
              FROM crm_campaign_cost c""",
                self._crm_effect_columns("cost"),
            ),
        ]

    def _crm_effect_columns(self, kind):
        """The columns an addon adds to the view, for the rows of ``kind``
        (SQL starting with a comma; none here)."""
        return SQL()

    def _read_group_select(self, aggregate_spec, query):
        """Sums for the ratios: cost per new customer and return on cost of
        the group, existing customers counted once."""
        fname = aggregate_spec.split(":")[0]
        if fname == "cost_per_new_customer":
            return SQL(
                "ROUND(SUM(%s) / NULLIF(SUM(%s), 0), 2)",
                self._field_to_sql(self._table, "cost", query),
                self._field_to_sql(self._table, "new_customer_count", query),
            )
        if fname == "return_on_cost":
            cost = self._field_to_sql(self._table, "cost", query)
            return SQL(
                "ROUND((100 * (SUM(%s) - SUM(%s)) / NULLIF(SUM(%s), 0))::numeric, 1)",
                self._field_to_sql(self._table, "margin", query),
                cost,
                cost,
            )
        if fname == "existing_customer_count":
            return SQL(
                "COUNT(DISTINCT %s) FILTER (WHERE %s = 1)",
                self._field_to_sql(self._table, "partner_id", query),
                self._field_to_sql(self._table, "existing_customer_count", query),
            )
        return super()._read_group_select(aggregate_spec, query)

    def action_crm_open_order(self):
        """The order of the row (the orders of the selected rows)."""
        orders = self.order_id
        action = self.env["ir.actions.act_window"]._for_xml_id("sale.action_orders")
        if len(orders) == 1:
            action.update(
                {"res_id": orders.id, "views": [(False, "form")], "view_mode": "form"}
            )
        else:
            action["domain"] = [("id", "in", orders.ids)]
        return action
