from odoo import fields, models


class CrmBasketRefresh(models.Model):
    """When and how the pairs of a company were last computed, so that the next
    refresh recounts only what changed since (written by the refresh in SQL)."""

    _name = "crm.basket.refresh"
    _description = "Products bought together: last refresh"
    _log_access = False
    _rec_name = "company_id"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    refreshed_at = fields.Datetime(
        readonly=True,
        help="Orders written since this moment are recounted by the next refresh.",
    )
    full_refreshed_at = fields.Datetime(readonly=True)
    refresh_date = fields.Date(
        readonly=True, help="The day the analysis period ended on."
    )
    source = fields.Selection(
        [("sale", "Confirmed sales orders"), ("invoice", "Posted invoices")],
        readonly=True,
    )
    period_months = fields.Integer(readonly=True)
    min_count = fields.Integer(readonly=True)
    order_total = fields.Integer(
        readonly=True, help="Orders of the period with at least one product."
    )

    _company_unique = models.UniqueIndex("(company_id)")
