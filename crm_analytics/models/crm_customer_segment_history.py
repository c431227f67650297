from odoo import fields, models


class CrmCustomerSegmentHistory(models.Model):
    """A customer's move from one segment to another, written by the refresh."""

    _name = "crm.customer.segment.history"
    _description = "Customer Segment History"
    _order = "date desc, id desc"
    _rec_name = "segment_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    date = fields.Date(required=True, readonly=True)
    segment_id = fields.Many2one(
        "crm.rfm.segment",
        readonly=True,
        ondelete="set null",
        help="Empty: the customer had no order in the analysis period.",
    )
    previous_segment_id = fields.Many2one(
        "crm.rfm.segment",
        readonly=True,
        ondelete="set null",
    )
    r_score = fields.Integer(string="R", readonly=True, aggregator=False)
    f_score = fields.Integer(string="F", readonly=True, aggregator=False)
    m_score = fields.Integer(string="M", readonly=True, aggregator=False)
