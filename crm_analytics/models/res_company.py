from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_rfm_period_months = fields.Integer(
        string="Analysis period (months)",
        default=24,
        help="Customer value and products bought together look at the orders of "
        "this many months before the day of the refresh.",
    )
    crm_rfm_source = fields.Selection(
        [("sale", "Confirmed sales orders"), ("invoice", "Posted invoices")],
        string="Analysis source",
        default="sale",
        required=True,
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

    _crm_rfm_period_months_positive = models.Constraint(
        "CHECK (crm_rfm_period_months > 0)",
        "The analysis period must be at least one month.",
    )
    _crm_basket_thresholds_valid = models.Constraint(
        "CHECK (crm_basket_min_count >= 1 AND crm_basket_min_support >= 0"
        " AND crm_basket_min_support <= 100 AND crm_basket_min_confidence >= 0"
        " AND crm_basket_min_confidence <= 100 AND crm_basket_min_lift >= 0)",
        "Basket thresholds: at least one order together, support and confidence "
        "between 0 and 100 %, lift not negative.",
    )
