from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_mailing_window_days = fields.Integer(
        string="Mailing effect window (days)",
        default=30,
        help="A mailed customer counts as ordering after a mailing when it "
        "confirms an order within this many days after the mailing was sent.",
    )

    _crm_mailing_window_positive = models.Constraint(
        "CHECK (crm_mailing_window_days > 0)",
        "The mailing effect window must be at least one day.",
    )
