from odoo import fields, models


class CrmInterestNoteLine(models.Model):
    """One late payment charged on an interest note: the reconciliation that
    paid (part of) an invoice item after its due date. A reconciliation is
    charged once."""

    _name = "crm.interest.note.line"
    _description = "Interest note line"
    _order = "move_id, date_due, id"

    move_id = fields.Many2one(
        "account.move",
        string="Interest Note",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="move_id.company_id", store=True)
    partner_id = fields.Many2one(related="move_id.partner_id", store=True)
    invoice_line_id = fields.Many2one(
        "account.move.line", string="Invoice Item", required=True, ondelete="restrict"
    )
    invoice_id = fields.Many2one(related="invoice_line_id.move_id", string="Invoice")
    partial_id = fields.Many2one(
        "account.partial.reconcile", string="Payment", ondelete="set null", index=True
    )
    date_due = fields.Date(string="Due Date", required=True)
    date_paid = fields.Date(string="Paid On", required=True)
    days = fields.Integer(string="Days Late")
    currency_id = fields.Many2one("res.currency", required=True)
    amount_paid = fields.Monetary(
        string="Amount Paid Late", currency_field="currency_id"
    )
    amount_interest = fields.Monetary(string="Interest", currency_field="currency_id")

    _partial_unique = models.Constraint(
        "UNIQUE(partial_id)", "This payment is already on an interest note."
    )
