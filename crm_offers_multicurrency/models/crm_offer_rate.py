from odoo import api, fields, models
from odoo.tools import float_round, format_date, formatLang


class CrmOfferRate(models.Model):
    _name = "crm.offer.rate"
    _description = "Exchange Rate Used by an Offer"
    _order = "offer_id, currency_id"

    offer_id = fields.Many2one(
        "crm.offer", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="offer_id.company_id", store=True)
    currency_id = fields.Many2one("res.currency", required=True)
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    rate = fields.Float(
        string="Conversion Factor",
        digits=0,
        required=True,
        help="Units of this currency for one unit of the company's currency.",
    )
    inverse_rate = fields.Float(
        string="Rate",
        digits=(12, 6),
        compute="_compute_inverse_rate",
        help="Company's currency for one unit of this currency.",
    )
    requested_date = fields.Date(
        required=True, help="Date whose rate the offer asked for."
    )
    rate_date = fields.Date(required=True, help="Date of the rate actually used.")
    table_no = fields.Char(string="NBP Table")
    is_fallback = fields.Boolean(
        string="Earlier Rate",
        compute="_compute_is_fallback",
        help="No rate on the requested date: the last earlier one was used.",
    )

    _offer_currency_unique = models.Constraint(
        "UNIQUE(offer_id, currency_id)",
        "An offer records one exchange rate per currency.",
    )

    @api.depends("rate")
    def _compute_inverse_rate(self):
        for line in self:
            line.inverse_rate = 1.0 / line.rate if line.rate else 0.0

    @api.depends("rate_date", "requested_date")
    def _compute_is_fallback(self):
        for line in self:
            line.is_fallback = line.rate_date < line.requested_date

    @api.depends("rate", "rate_date", "requested_date", "table_no", "currency_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for line in self:
            text = self.env._(
                "1 %(currency)s = %(rate)s %(base)s of %(date)s",
                currency=line.currency_id.name,
                rate=formatLang(self.env, line.inverse_rate, digits=4),
                base=line.company_currency_id.name,
                date=format_date(self.env, line.rate_date),
            )
            if line.table_no:
                text += self.env._(" (NBP table %(table)s)", table=line.table_no)
            if line.is_fallback:
                text += self.env._(
                    " - no rate on %(date)s, the last earlier rate is used",
                    date=format_date(self.env, line.requested_date),
                )
            line.display_name = text

    def _convert_price(self, amount):
        """Convert a unit price of the company's currency, rounded as the currency.

        Unit prices are converted then rounded with the target currency's rounding;
        Odoo then computes every line and the totals from these rounded prices
        (with taxes rounded globally, the totals are rounded on the whole
        quotation: see sale.order.offer_rounding_amount).
        """
        self.ensure_one()
        converted = self.currency_id.round(amount * self.rate)
        digits = self.env["decimal.precision"].precision_get("Product Price")
        return float_round(converted, precision_digits=digits)
