from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from odoo.addons.crm_analytics.models.crm_receivable_aging import (
    RELATIVE_DATES,
    split_row_id,
)


class CrmBalanceConfirmationWizard(models.TransientModel):
    _name = "crm.balance.confirmation.wizard"
    _description = "Issue balance confirmations"

    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    date = fields.Date(
        string="Balance As Of",
        required=True,
        default=lambda self: RELATIVE_DATES["last_year_end"](
            fields.Date.context_today(self)
        ),
    )
    send = fields.Boolean(
        string="Send by E-mail",
        default=True,
        help="E-mail each confirmation with its portal link at once; those of "
        "customers without an e-mail are listed to print.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        model = self.env.context.get("active_model")
        ids = self.env.context.get("active_ids") or []
        if model == "res.partner":
            values["partner_ids"] = [Command.set(ids)]
        elif model == "crm.receivable.aging" and ids:
            # an aging row's id is its journal item and its as-of date
            keys = [split_row_id(row_id) for row_id in ids]
            lines = self.env["account.move.line"].browse([key[0] for key in keys])
            values["partner_ids"] = [
                Command.set(lines.partner_id.commercial_partner_id.ids)
            ]
            values["date"] = max(key[1] for key in keys)
        return values

    def action_issue(self):
        self.ensure_one()
        if self.date > fields.Date.context_today(self):
            raise UserError(
                self.env._(
                    "A balance can only be confirmed as of a past date or "
                    "today, not %(date)s.",
                    date=format_date(self.env, self.date),
                )
            )
        confirmations = self.env["crm.balance.confirmation"]._crm_issue(
            self.partner_ids, self.date
        )
        if self.send:
            confirmations._crm_send_emails()
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Balance Confirmations"),
            "res_model": "crm.balance.confirmation",
            "view_mode": "list,form",
            "domain": [("id", "in", confirmations.ids)],
        }
        if len(confirmations) == 1:
            action.update(view_mode="form", res_id=confirmations.id)
        return action
