from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import formatLang


class CrmOfferNbpImport(models.TransientModel):
    _name = "crm.offer.nbp.import"
    _description = "Import NBP Exchange Rates"

    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_today()
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: self._default_today()
    )

    @api.model
    def _default_today(self):
        # the user's day, else the company's (not UTC's)
        return fields.Date.context_today(
            self.with_context(
                tz=self.env.context.get("tz")
                or self.env.user.tz
                or self.env.company.partner_id.tz
            )
        )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        today = self._default_today()
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(
                    self.env._("The start date must not be after the end date.")
                )
            if wizard.date_to > today:
                raise ValidationError(
                    self.env._("The NBP publishes no rates for future dates.")
                )

    def action_import(self):
        self.ensure_one()
        count = self.env["res.currency.rate"]._nbp_import(self.date_from, self.date_to)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s NBP exchange rates imported.",
                    count=formatLang(self.env, count, digits=0),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
