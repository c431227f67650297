from odoo import api, fields, models
from odoo.tools.misc import format_date


class CrmReceivableAgingWizard(models.TransientModel):
    _name = "crm.receivable.aging.wizard"
    _description = "Receivables by age as of a date"

    as_of_date = fields.Date(
        string="As of",
        required=True,
        # the user's day, else the company's (not UTC's)
        default=lambda self: fields.Date.context_today(
            self.with_context(
                tz=self.env.context.get("tz")
                or self.env.user.tz
                or self.env.company.partner_id.tz
            )
        ),
        help="Items are aged at this date; payments and credit notes reconciled "
        "after it do not reduce them.",
    )

    @api.readonly
    def action_open(self):
        """Open the receivables report aged at the chosen date."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_analytics.action_crm_receivable_aging"
        )
        action.update(
            name=self.env._(
                "Receivables by age as of %(date)s",
                date=format_date(self.env, self.as_of_date),
            ),
            context={
                "crm_aging_date": fields.Date.to_string(self.as_of_date),
                "group_by": ["partner_id", "bucket"],
            },
            target="main",
        )
        return action
