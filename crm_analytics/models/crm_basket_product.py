from odoo import fields, models


class CrmBasketProduct(models.Model):
    """How many orders of the analysis period contain each product (written in
    SQL by the refresh): the denominators of confidence and lift."""

    _name = "crm.basket.product"
    _description = "Products bought together: orders with a product"
    _log_access = False

    # plain ids like the pair counts (see crm.basket.pair.count)
    company_id = fields.Integer(required=True, readonly=True)
    product_id = fields.Integer(required=True, readonly=True)
    order_count = fields.Integer(required=True, readonly=True)

    _company_product_unique = models.UniqueIndex("(company_id, product_id)")
