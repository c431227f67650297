from odoo import fields, models


class CrmSatisfactionWizard(models.TransientModel):
    """Set a customer's satisfaction level, saying why."""

    _name = "crm.satisfaction.wizard"
    _description = "Change Satisfaction Level"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    level_id = fields.Many2one(
        "crm.satisfaction.level", string="New Level", required=True
    )
    reason = fields.Text(required=True)

    def action_apply(self):
        self.ensure_one()
        self.partner_id.with_context(
            crm_satisfaction_reason=self.reason
        ).crm_satisfaction_level_id = self.level_id
        return {"type": "ir.actions.act_window_close"}
