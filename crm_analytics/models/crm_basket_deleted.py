from odoo import api, fields, models
from odoo.tools import SQL


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

    @api.model
    def _crm_record(self, orders, source):
        """Record ``orders`` (sales orders or invoices being deleted) for the
        companies whose baskets come from ``source`` (``sale``, ``invoice``)."""
        if not orders:
            return
        orders.flush_recordset(["company_id"])
        self.env["res.company"].flush_model(["crm_rfm_source"])
        self.env.cr.execute(
            SQL(
                """INSERT INTO crm_basket_deleted (company_id, order_id)
                   SELECT o.company_id, o.id FROM %s o
                     JOIN res_company c ON c.id = o.company_id
                    WHERE o.id = ANY(%s) AND c.crm_rfm_source = %s""",
                SQL.identifier(orders._table),
                orders.ids,
                source,
            )
        )
