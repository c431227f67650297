from odoo import fields, models


class CrmCollectionStage(models.Model):
    """A step of debt collection: from how many days overdue a customer gets
    there, with its letter."""

    _name = "crm.collection.stage"
    _description = "Collection stage"
    _order = "sequence, days_overdue, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company")
    days_overdue = fields.Integer(
        string="From Days Overdue",
        required=True,
        help="A customer whose oldest overdue item is at least this late moves "
        "to this stage.",
    )
    action = fields.Selection(
        [
            ("reminder", "Reminder e-mail"),
            ("demand", "Payment demand"),
            ("handover", "Hand over (no letter)"),
        ],
        required=True,
        default="demand",
    )
    final = fields.Boolean(string="Final Pre-Court Demand")
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        domain="[('model', '=', 'crm.payment.demand')]",
    )
    user_id = fields.Many2one("res.users", string="Responsible")
    next_action_days = fields.Integer(
        string="Next Action In (days)",
        default=14,
        help="The customer's next action date: this many days after the letter.",
    )
