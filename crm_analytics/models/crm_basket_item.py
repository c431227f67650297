from odoo import fields, models


class CrmBasketItem(models.Model):
    """The products of each order of the analysis period as the last refresh
    counted them (one row per order and product, written in SQL): the next
    refresh subtracts the pairs an order had and adds the pairs it has now,
    so only changed orders are read again."""

    _name = "crm.basket.item"
    _description = "Products bought together: products of an order"
    _log_access = False

    # plain ids, no foreign keys: a full refresh writes a row per order line
    # of the period and the key checks would double its time; the lines
    # themselves keep their products and companies from being deleted
    company_id = fields.Integer(required=True, readonly=True)
    # a sales order or an invoice, depending on the company's source
    order_id = fields.Integer(required=True, readonly=True)
    product_id = fields.Integer(required=True, readonly=True)

    # no index: a refresh reads the rows of the touched and deleted orders
    # in one scan of the table, and the rows are unique by construction
    # (DISTINCT order and product)
