from odoo import fields, models


class CrmSatisfactionHistory(models.Model):
    """Who changed a customer's satisfaction level, when and why."""

    _name = "crm.satisfaction.history"
    _description = "Satisfaction Level Change"
    _order = "date desc, id desc"
    _rec_name = "level_id"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="cascade"
    )
    level_id = fields.Many2one(
        "crm.satisfaction.level", string="New Level", ondelete="restrict"
    )
    previous_level_id = fields.Many2one("crm.satisfaction.level", ondelete="restrict")
    user_id = fields.Many2one(
        "res.users",
        string="Changed By",
        required=True,
        default=lambda self: self.env.user,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    reason = fields.Text()
    company_id = fields.Many2one(related="partner_id.company_id", store=True)
