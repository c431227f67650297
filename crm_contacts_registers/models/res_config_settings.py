from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_gus_key = fields.Char(
        related="company_id.crm_gus_key", readonly=False, groups="base.group_system"
    )
    crm_gus_environment = fields.Selection(
        related="company_id.crm_gus_environment", readonly=False
    )
    crm_gus_change_reports = fields.Boolean(
        related="company_id.crm_gus_change_reports", readonly=False
    )
    crm_register_timeout = fields.Integer(
        related="company_id.crm_register_timeout", readonly=False
    )
    crm_register_nightly_budget = fields.Integer(
        related="company_id.crm_register_nightly_budget", readonly=False
    )
