from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_rfm_period_months = fields.Integer(
        related="company_id.crm_rfm_period_months", readonly=False
    )
    crm_rfm_source = fields.Selection(
        related="company_id.crm_rfm_source", readonly=False
    )
    crm_ltv_lifespan_years = fields.Float(
        related="company_id.crm_ltv_lifespan_years", readonly=False
    )
    crm_churn_factor = fields.Float(
        related="company_id.crm_churn_factor", readonly=False
    )
    crm_basket_min_count = fields.Integer(
        related="company_id.crm_basket_min_count", readonly=False
    )
    crm_basket_min_support = fields.Float(
        related="company_id.crm_basket_min_support", readonly=False
    )
    crm_basket_min_confidence = fields.Float(
        related="company_id.crm_basket_min_confidence", readonly=False
    )
    crm_basket_min_lift = fields.Float(
        related="company_id.crm_basket_min_lift", readonly=False
    )
    crm_repurchase_min_purchases = fields.Integer(
        related="company_id.crm_repurchase_min_purchases", readonly=False
    )
    crm_repurchase_activity = fields.Boolean(
        related="company_id.crm_repurchase_activity", readonly=False
    )
