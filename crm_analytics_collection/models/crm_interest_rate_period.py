from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class CrmInterestRatePeriod(models.Model):
    """A half-year of the statutory interest for delay in commercial
    transactions, as the minister announced it in Monitor Polski."""

    _name = "crm.interest.rate.period"
    _description = "Statutory interest in commercial transactions"
    _order = "date_from desc"
    _rec_name = "date_from"

    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    reference_rate = fields.Float(
        string="Reference Rate (%)",
        digits=(5, 2),
        help="The NBP reference rate on the first day of the half-year.",
    )
    rate = fields.Float(
        string="Commercial Rate (%)",
        digits=(5, 2),
        required=True,
        help="Statutory interest for delay in commercial transactions.",
    )
    rate_healthcare = fields.Float(
        string="Healthcare Debtor Rate (%)",
        digits=(5, 2),
        required=True,
        help="The rate when the debtor is a public healthcare entity.",
    )
    source = fields.Char(required=True)
    verified = fields.Boolean(
        help="Ticked by an accountant who checked the rate against Monitor Polski."
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for period in self:
            if period.date_to < period.date_from:
                raise ValidationError(
                    self.env._(
                        "The interest period from %(date)s ends before it starts.",
                        date=period.date_from,
                    )
                )
        self.flush_model(["date_from", "date_to"])
        self.env.cr.execute(
            SQL(
                """SELECT a.date_from, b.date_from
                     FROM crm_interest_rate_period a
                     JOIN crm_interest_rate_period b
                       ON a.id != b.id AND a.date_from <= b.date_to
                      AND b.date_from <= a.date_to
                    WHERE a.id = ANY(%s) LIMIT 1""",
                self.ids,
            )
        )
        overlap = self.env.cr.fetchone()
        if overlap:
            raise ValidationError(
                self.env._(
                    "The interest periods from %(first)s and from %(second)s overlap.",
                    first=overlap[0],
                    second=overlap[1],
                )
            )
