from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

# art. 4 pkt 3 of the act of 8 March 2013 since 1 January 2020: the NBP
# reference rate on the first day of the half-year + 10 p.p., + 8 p.p. when the
# debtor is a public healthcare entity
COMMERCIAL_MARGIN = 10.0
HEALTHCARE_MARGIN = 8.0


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

    @api.model
    def _derive_started_half_years(self, today=None):
        """Add every half-year that has begun since the last one on record,
        at the rate the act defines it by: the minister's announcement only
        publishes it, often days after the half-year began, and until then a
        day without a rate would stop the receivables' interest. The rows are
        left unverified, with their source saying they are derived, for an
        accountant to check against Monitor Polski."""
        today = fields.Date.context_today(self) if today is None else today
        last = self.search([], order="date_to desc", limit=1)
        if not last:
            return self
        start = last.date_to + relativedelta(days=1)
        vals_list = []
        while start <= today:
            end = start + relativedelta(months=6, days=-1)
            reference = self.env["crm.nbp.reference.rate"].search(
                [("date_from", "<=", start)], order="date_from desc", limit=1
            )
            if not reference:
                break
            vals_list.append(
                {
                    "date_from": start,
                    "date_to": end,
                    "reference_rate": reference.rate,
                    "rate": reference.rate + COMMERCIAL_MARGIN,
                    "rate_healthcare": reference.rate + HEALTHCARE_MARGIN,
                    "source": (
                        "Wyliczone: ustawa z dnia 8 marca 2013 r. o przeciwdziałaniu "
                        "nadmiernym opóźnieniom w transakcjach handlowych, "
                        f"art. 4 pkt 3 (stopa referencyjna + {COMMERCIAL_MARGIN:g} "
                        f"p.p.; podmioty lecznicze + {HEALTHCARE_MARGIN:g} p.p.); "
                        f"stopa referencyjna NBP od {reference.date_from:%Y-%m-%d}: "
                        f"{reference.rate:.2f}%; do sprawdzenia z obwieszczeniem "
                        "w Monitorze Polskim"
                    ),
                    "verified": False,
                }
            )
            start = end + relativedelta(days=1)
        return self.create(vals_list)
