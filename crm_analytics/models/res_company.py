from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_rfm_period_months = fields.Integer(
        string="Analysis Period (months)",
        default=24,
        help="RFM scores and baskets look at the orders of this many months "
        "before the refresh date.",
    )
    crm_rfm_source = fields.Selection(
        [("sale", "Confirmed sales orders"), ("invoice", "Posted invoices")],
        string="Customer Analysis Source",
        default="sale",
        required=True,
        help="Confirmed sales orders give margins (sales price minus cost); "
        "posted invoices give what was really billed, credit notes deducted, "
        "but no margin.",
    )
    crm_ltv_lifespan_years = fields.Float(
        string="Expected Customer Lifespan (years)",
        default=3.0,
        help="Lifetime value = average order value x orders per year x this "
        "number of years.",
    )
    crm_churn_factor = fields.Float(
        string="Churn Risk Factor",
        default=2.0,
        help="A customer is at risk of leaving when the days since the last "
        "order exceed this factor times the customer's usual interval between "
        "orders.",
    )
    crm_basket_min_count = fields.Integer(
        string="Minimum orders together",
        default=2,
        help="A pair of products is kept only when at least this many orders "
        "contain both.",
    )
    crm_basket_min_support = fields.Float(
        string="Minimum support (%)",
        default=0.0,
        help="Suggest a product only when the pair is in at least this share of "
        "all orders.",
    )
    crm_basket_min_confidence = fields.Float(
        string="Minimum confidence (%)",
        default=10.0,
        help="Suggest B for A only when at least this share of the orders with A "
        "also have B.",
    )
    crm_basket_min_lift = fields.Float(
        string="Minimum lift",
        default=1.0,
        help="Suggest a pair only when its lift is at least this value: above 1 "
        "the products sell together more often than by chance.",
    )
    crm_repurchase_min_purchases = fields.Integer(
        string="Minimum purchases for repurchase",
        default=3,
        help="A customer's product (category) gets an expected next purchase "
        "only when the customer bought it on at least this many days (2 at "
        "least: one interval).",
    )
    crm_repurchase_activity = fields.Boolean(
        string="Reorder activities",
        help="Every night, a to-do for the salesperson of each customer whose "
        "expected next purchase of a product has just passed.",
    )

    _crm_repurchase_min_valid = models.Constraint(
        "CHECK (crm_repurchase_min_purchases >= 2)",
        "Repurchase: the minimum number of purchases is at least 2 (one "
        "interval between two purchases).",
    )

    _crm_basket_thresholds_valid = models.Constraint(
        "CHECK (crm_basket_min_count >= 1 AND crm_basket_min_support >= 0"
        " AND crm_basket_min_support <= 100 AND crm_basket_min_confidence >= 0"
        " AND crm_basket_min_confidence <= 100 AND crm_basket_min_lift >= 0)",
        "Basket thresholds: at least one order together, support and confidence "
        "between 0 and 100 %, lift not negative.",
    )

    @api.constrains(
        "crm_rfm_period_months", "crm_ltv_lifespan_years", "crm_churn_factor"
    )
    def _check_crm_rfm_settings(self):
        for company in self:
            if company.crm_rfm_period_months < 1:
                raise ValidationError(
                    self.env._("The analysis period must be at least one month.")
                )
            if company.crm_ltv_lifespan_years <= 0 or company.crm_churn_factor <= 0:
                raise ValidationError(
                    self.env._(
                        "The customer lifespan and the churn risk factor must be "
                        "greater than zero."
                    )
                )

    @api.model
    def _crm_analytics_changes_from(self):
        """The moment from which the next refresh of an analysis started now
        must look for orders written: now, or the start of the oldest
        transaction still running (an order it writes gets that start as its
        write date but is invisible to the refresh until committed)."""
        self.env.cr.execute(
            """SELECT LEAST(now(), (SELECT MIN(xact_start) FROM pg_stat_activity
                                     WHERE datname = current_database()))
                      AT TIME ZONE 'UTC'"""
        )
        return self.env.cr.fetchone()[0]
