from odoo import api, fields, models
from odoo.exceptions import ValidationError

SCORE_FIELDS = ("r_min", "r_max", "f_min", "f_max", "m_min", "m_max")


class CrmRfmSegment(models.Model):
    """A group of customers by their recency, frequency and monetary scores
    (1-5 each). A customer belongs to the first segment, by sequence, whose
    three ranges contain its scores."""

    _name = "crm.rfm.segment"
    _description = "Customer Segment (RFM)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to use the segment in every company.",
    )
    description = fields.Text(translate=True)
    r_min = fields.Integer(string="Recency from", default=1, required=True)
    r_max = fields.Integer(string="Recency to", default=5, required=True)
    f_min = fields.Integer(string="Frequency from", default=1, required=True)
    f_max = fields.Integer(string="Frequency to", default=5, required=True)
    m_min = fields.Integer(string="Monetary from", default=1, required=True)
    m_max = fields.Integer(string="Monetary to", default=5, required=True)
    customer_ids = fields.One2many(
        "crm.customer.value", "segment_id", string="Customers", readonly=True
    )
    customer_count = fields.Integer(compute="_compute_customer_figures")
    revenue = fields.Monetary(
        compute="_compute_customer_figures",
        currency_field="currency_id",
        help="Lifetime revenue of the segment's customers in the current company.",
    )
    churn_risk_count = fields.Integer(
        string="At Risk of Leaving", compute="_compute_customer_figures"
    )
    repeat_rate = fields.Float(
        string="Repeat Rate (%)", compute="_compute_customer_figures", digits=(16, 1)
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_customer_figures")

    @api.constrains(*SCORE_FIELDS)
    def _check_score_ranges(self):
        labels = [
            self.env._("Recency"),
            self.env._("Frequency"),
            self.env._("Monetary"),
        ]
        for segment in self:
            for axis, label in zip("rfm", labels, strict=True):
                low, high = segment[f"{axis}_min"], segment[f"{axis}_max"]
                if not (1 <= low <= 5 and 1 <= high <= 5):
                    raise ValidationError(
                        self.env._(
                            "Segment %(segment)s: the %(axis)s scores must be "
                            "between 1 and 5.",
                            segment=segment.name,
                            axis=label,
                        )
                    )
                if low > high:
                    raise ValidationError(
                        self.env._(
                            "Segment %(segment)s: the lowest %(axis)s score "
                            "(%(low)s) is above the highest (%(high)s).",
                            segment=segment.name,
                            axis=label,
                            low=low,
                            high=high,
                        )
                    )

    def unlink(self):
        # the customer cards hold their segment in a JSON column without a
        # foreign key (see res.partner's SegmentMany2one)
        self.env["res.partner"]._crm_forget_segments(self.ids)
        return super().unlink()

    def _compute_customer_figures(self):
        company = self.env.company
        Value = self.env["crm.customer.value"]
        # _origin: the overview shows the segments inside a new record
        domain = [
            ("segment_id", "in", self._origin.ids),
            ("company_id", "=", company.id),
        ]
        groups = Value._read_group(
            domain, ["segment_id"], ["__count", "revenue:sum", "repeat_rate:avg"]
        )
        figures = {segment.id: rest for segment, *rest in groups}
        churn = dict(
            Value._read_group(
                [*domain, ("churn_risk", "=", True)], ["segment_id"], ["__count"]
            )
        )
        for segment in self:
            count, revenue, repeat = figures.get(segment._origin.id, (0, 0.0, 0.0))
            segment.customer_count = count
            segment.revenue = revenue
            segment.churn_risk_count = churn.get(segment._origin, 0)
            segment.repeat_rate = repeat or 0.0
            segment.currency_id = company.currency_id

    @api.readonly
    def action_open_customers(self):
        """The segment's customers in the current company."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_analytics.action_crm_customer_value"
        )
        action.update(
            name=self.display_name,
            domain=[("segment_id", "=", self.id)],
            context={"default_segment_id": self.id},
        )
        return action

    def action_apply_to_customers(self):
        """Act on the segment's customers (add a tag, ...)."""
        self.ensure_one()
        customers = self.env["crm.customer.value"].search(
            [("segment_id", "=", self.id), ("company_id", "=", self.env.company.id)]
        )
        return customers.partner_id._crm_segment_apply_action()
