from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class CrmPaymentDemandWizard(models.TransientModel):
    _name = "crm.payment.demand.wizard"
    _description = "Issue payment demands"

    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    date = fields.Date(
        string="Interest To", required=True, default=fields.Date.context_today
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner":
            values["partner_ids"] = [
                Command.set(self.env.context.get("active_ids") or [])
            ]
        return values

    def action_issue(self):
        self.ensure_one()
        demands = self.env["crm.payment.demand"]._crm_issue(self.partner_ids, self.date)
        if not demands:
            raise UserError(
                self.env._(
                    "%(customers)s owe nothing overdue on %(date)s.",
                    customers=", ".join(self.partner_ids.mapped("display_name")),
                    date=format_date(self.env, self.date),
                )
            )
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Payment Demands"),
            "res_model": "crm.payment.demand",
            "view_mode": "list,form",
            "domain": [("id", "in", demands.ids)],
        }
        if len(demands) == 1:
            action.update(view_mode="form", res_id=demands.id)
        return action
