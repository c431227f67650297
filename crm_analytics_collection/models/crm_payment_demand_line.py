from odoo import fields, models


class CrmPaymentDemandLine(models.Model):
    """An overdue item of a payment demand, as it stood on the demand's date."""

    _name = "crm.payment.demand.line"
    _description = "Payment demand line"
    _order = "demand_id, date_maturity, id"

    demand_id = fields.Many2one(
        "crm.payment.demand", required=True, ondelete="cascade", index=True
    )
    move_line_id = fields.Many2one("account.move.line", string="Journal Item")
    move_id = fields.Many2one("account.move", string="Document")
    name = fields.Char(string="Document Number")
    date = fields.Date(string="Document Date")
    date_maturity = fields.Date(string="Due Date")
    days_overdue = fields.Integer()
    currency_id = fields.Many2one("res.currency", string="Document Currency")
    company_currency_id = fields.Many2one(related="demand_id.currency_id")
    amount_residual_currency = fields.Monetary(
        string="Owed in Document Currency", currency_field="currency_id"
    )
    amount_residual = fields.Monetary(
        string="Owed", currency_field="company_currency_id"
    )
    amount_interest = fields.Monetary(
        string="Interest", currency_field="company_currency_id"
    )
    amount_compensation = fields.Monetary(
        string="Compensation", currency_field="company_currency_id"
    )
