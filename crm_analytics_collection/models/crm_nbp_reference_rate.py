from odoo import api, fields, models
from odoo.exceptions import ValidationError

# art. 481 par. 2 of the Civil Code since 1 January 2016: reference rate + 5.5 p.p.
CIVIL_MARGIN = 5.5
CIVIL_SINCE = "2016-01-01"


class CrmNbpReferenceRate(models.Model):
    """The NBP reference rate from a date until the next record: the base of
    both the civil statutory interest for delay (art. 481 KC, each change
    applies from its day) and the commercial half-year rates."""

    _name = "crm.nbp.reference.rate"
    _description = "NBP reference rate"
    _order = "date_from desc"
    _rec_name = "date_from"

    date_from = fields.Date(string="Valid From", required=True)
    rate = fields.Float(string="Reference Rate (%)", digits=(5, 2), required=True)
    civil_rate = fields.Float(
        string="Civil Statutory Interest (%)",
        digits=(5, 2),
        compute="_compute_civil_rate",
        help="Statutory interest for delay of the Civil Code (art. 481): the "
        "reference rate + 5.5 percentage points.",
    )
    source = fields.Char(required=True)
    verified = fields.Boolean(
        help="Ticked by an accountant who checked the rate and the date against NBP."
    )

    _date_from_unique = models.Constraint(
        "UNIQUE(date_from)", "There is already a reference rate from this date."
    )

    @api.depends("rate")
    def _compute_civil_rate(self):
        for record in self:
            record.civil_rate = record.rate + CIVIL_MARGIN

    @api.constrains("rate")
    def _check_rate(self):
        for record in self:
            if record.rate < 0 or record.rate > 100:
                raise ValidationError(
                    self.env._(
                        "The reference rate from %(date)s must be between 0 and 100%%.",
                        date=record.date_from,
                    )
                )
