from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmCampaignCost(models.Model):
    """What a marketing campaign cost, or what a medium cost in a month:
    entered by the sales managers, set against the orders the campaign (the
    medium) brought in ``crm.campaign.effect``."""

    _name = "crm.campaign.cost"
    _description = "Campaign cost"
    _order = "date desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        string="Month",
        required=True,
        default=fields.Date.context_today,
        help="The cost is counted in the month of this date.",
    )
    campaign_id = fields.Many2one("utm.campaign")
    medium_id = fields.Many2one("utm.medium")
    amount = fields.Monetary(string="Cost", required=True)
    note = fields.Char()

    @api.constrains("campaign_id", "medium_id", "amount")
    def _check_crm_campaign_cost(self):
        for cost in self:
            if not cost.campaign_id and not cost.medium_id:
                raise ValidationError(
                    self.env._(
                        "A campaign cost needs a campaign or a medium (a cost "
                        "per month and medium)."
                    )
                )
            if cost.amount < 0:
                raise ValidationError(
                    self.env._("The cost of a campaign cannot be negative.")
                )

    @api.depends("campaign_id", "medium_id", "date")
    def _compute_display_name(self):
        for cost in self:
            what = cost.campaign_id.name or cost.medium_id.name or ""
            cost.display_name = f"{what} {cost.date:%Y-%m}" if cost.date else what
