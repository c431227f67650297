from odoo import api, fields, models
from odoo.exceptions import ValidationError

VEHICLE_TYPES = [
    ("car_small", "Private car up to 900 cm³"),
    ("car_large", "Private car over 900 cm³"),
    ("motorcycle", "Private motorcycle"),
    ("moped", "Private moped"),
    ("company_car", "Company car"),
]
# vehicles whose kilometres the employer pays back at a rate per km
PRIVATE_VEHICLES = ("car_small", "car_large", "motorcycle", "moped")


class CrmTravelRate(models.Model):
    """A mileage rate per km for a private vehicle, or the per-diem amount per
    day, valid from a date (until the next one or the date it ends)."""

    _name = "crm.travel.rate"
    _description = "Travel rate (mileage, per diem)"
    _order = "rate_type, date_from desc"

    rate_type = fields.Selection(
        [
            *[v for v in VEHICLE_TYPES if v[0] in PRIVATE_VEHICLES],
            ("per_diem", "Per diem"),
        ],
        string="Type",
        required=True,
        index=True,
    )
    amount = fields.Float(
        digits=(12, 4),
        required=True,
        help="Per kilometre for a vehicle, per day for the per diem.",
    )
    date_from = fields.Date(string="Valid from", required=True, index=True)
    date_to = fields.Date(string="Valid until", help="Empty: until further notice.")
    company_id = fields.Many2one(
        "res.company", help="Empty: the rate of every company."
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: (
            self.env.ref("base.PLN", raise_if_not_found=False)
            or self.env.company.currency_id
        ),
    )
    legal_basis = fields.Char()
    active = fields.Boolean(default=True)

    @api.constrains("amount", "date_from", "date_to", "rate_type", "company_id")
    def _check_rate(self):
        for rate in self:
            if rate.amount < 0:
                raise ValidationError(
                    self.env._(
                        "A rate cannot be negative (%(rate)s).", rate=rate.display_name
                    )
                )
            if rate.date_to and rate.date_to < rate.date_from:
                raise ValidationError(
                    self.env._(
                        "The rate %(rate)s ends before it starts.",
                        rate=rate.display_name,
                    )
                )
            overlapping = self.search(
                [
                    ("id", "!=", rate.id),
                    ("rate_type", "=", rate.rate_type),
                    ("company_id", "=", rate.company_id.id),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", rate.date_from),
                    *([("date_from", "<=", rate.date_to)] if rate.date_to else []),
                ],
                limit=1,
            )
            if overlapping:
                raise ValidationError(
                    self.env._(
                        "The rate %(rate)s overlaps %(other)s: give the older one "
                        "an end date.",
                        rate=rate.display_name,
                        other=overlapping.display_name,
                    )
                )

    @api.depends("rate_type", "date_from", "amount")
    def _compute_display_name(self):
        labels = dict(self._fields["rate_type"]._description_selection(self.env))
        for rate in self:
            label = labels.get(rate.rate_type, "")
            rate.display_name = f"{label} {rate.amount:g} ({rate.date_from or ''})"

    @api.model
    def _crm_rates(self, rate_type, date_from, date_to, company):
        """The rates of a type valid on some day between the dates, for the
        company (its own rates first), as [(date_from, date_to, amount)]."""
        rates = self.search(
            [
                ("rate_type", "=", rate_type),
                ("company_id", "in", [company.id, False]),
                ("date_from", "<=", date_to),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", date_from),
            ],
            order="company_id desc nulls last, date_from",
        )
        own = rates.filtered("company_id")
        return own or rates

    @api.model
    def _crm_rate_on(self, rate_type, day, company):
        """The rate of a type on a day, or an empty recordset."""
        return self._crm_rates(rate_type, day, day, company)[:1]
