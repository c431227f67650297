from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..models.res_partner import ACCOUNTING_GROUPS


class CrmPaymentBehaviourWizard(models.TransientModel):
    _name = "crm.payment.behaviour.wizard"
    _description = "Payment behaviour of a customer over a period"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, readonly=True
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: self._default_date_to() - relativedelta(years=1),
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: self._default_date_to()
    )
    holding_id = fields.Many2one(
        "res.partner",
        string="Holding Group",
        compute="_compute_figures",
        groups=ACCOUNTING_GROUPS,
    )
    avg_days_to_pay = fields.Float(
        string="Average Days to Pay",
        compute="_compute_figures",
        digits=(16, 1),
        groups=ACCOUNTING_GROUPS,
    )
    avg_days_to_pay_known = fields.Boolean(
        compute="_compute_figures", groups=ACCOUNTING_GROUPS
    )
    dso = fields.Float(
        string="DSO (days)",
        compute="_compute_figures",
        digits=(16, 1),
        groups=ACCOUNTING_GROUPS,
    )
    holding_avg_days_to_pay = fields.Float(
        string="Group Average Days to Pay",
        compute="_compute_figures",
        digits=(16, 1),
        groups=ACCOUNTING_GROUPS,
    )
    holding_avg_days_to_pay_known = fields.Boolean(
        compute="_compute_figures", groups=ACCOUNTING_GROUPS
    )
    holding_dso = fields.Float(
        string="Group DSO (days)",
        compute="_compute_figures",
        digits=(16, 1),
        groups=ACCOUNTING_GROUPS,
    )

    @api.model
    def _default_date_to(self):
        # the user's day, else the company's (not UTC's)
        return fields.Date.context_today(
            self.with_context(
                tz=self.env.context.get("tz")
                or self.env.user.tz
                or self.env.company.partner_id.tz
            )
        )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_from >= wizard.date_to:
                raise ValidationError(
                    self.env._("The period must start before it ends.")
                )

    @api.depends("partner_id", "date_from", "date_to")
    def _compute_figures(self):
        for wizard in self:
            partner = wizard.partner_id
            if not (partner and wizard.date_from and wizard.date_to) or (
                wizard.date_from >= wizard.date_to
            ):
                wizard.update(
                    {
                        "holding_id": False,
                        "avg_days_to_pay": 0.0,
                        "avg_days_to_pay_known": False,
                        "dso": 0.0,
                        "holding_avg_days_to_pay": 0.0,
                        "holding_avg_days_to_pay_known": False,
                        "holding_dso": 0.0,
                    }
                )
                continue
            partner = partner.with_context(
                crm_period_from=fields.Date.to_string(wizard.date_from),
                crm_period_to=fields.Date.to_string(wizard.date_to),
            )
            wizard.update(
                {
                    "holding_id": partner.crm_holding_id,
                    "avg_days_to_pay": partner.crm_avg_days_to_pay,
                    "avg_days_to_pay_known": partner.crm_avg_days_to_pay_known,
                    "dso": partner.crm_dso,
                    "holding_avg_days_to_pay": partner.crm_holding_avg_days_to_pay,
                    "holding_avg_days_to_pay_known": (
                        partner.crm_holding_avg_days_to_pay_known
                    ),
                    "holding_dso": partner.crm_holding_dso,
                }
            )
