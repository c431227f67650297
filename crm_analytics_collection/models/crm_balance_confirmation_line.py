from odoo import fields, models


class CrmBalanceConfirmationLine(models.Model):
    """The balance of a balance confirmation in one currency, as it stood on
    the confirmation's date: what the customer confirms never changes."""

    _name = "crm.balance.confirmation.line"
    _description = "Balance confirmation line"
    _order = "confirmation_id, currency_id, id"

    confirmation_id = fields.Many2one(
        "crm.balance.confirmation", required=True, ondelete="cascade", index=True
    )
    currency_id = fields.Many2one("res.currency", required=True)
    company_currency_id = fields.Many2one(
        related="confirmation_id.currency_id", string="Company Currency"
    )
    amount_currency = fields.Monetary(
        string="Balance", currency_field="currency_id", readonly=True
    )
    amount = fields.Monetary(
        string="Balance in Company Currency",
        currency_field="company_currency_id",
        readonly=True,
    )
