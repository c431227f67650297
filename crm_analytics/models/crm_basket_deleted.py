from odoo import fields, models


class CrmBasketDeleted(models.Model):
    """Orders deleted since the last basket refresh (written in SQL when a
    sales order or an invoice is deleted): the next refresh takes their
    products away from the counts, without looking for every counted order
    that no longer exists. Orders deleted in SQL leave no row here and are
    dropped by the weekly full refresh."""

    _name = "crm.basket.deleted"
    _description = "Products bought together: deleted orders"
    _log_access = False

    # plain ids: the order is gone
    company_id = fields.Integer(required=True, readonly=True)
    # a sales order or an invoice, as in crm.basket.order
    order_id = fields.Integer(required=True, readonly=True)
