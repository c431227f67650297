from odoo import fields, models


class CrmBasketOrder(models.Model):
    """The products of each order of the analysis period as the last refresh
    counted them: one row per order with its distinct products in an array
    (written in SQL). The next refresh subtracts the pairs an order had and
    adds the pairs it has now, so only changed orders are read again; the
    array's GIN index counts the orders with both products of a pair that may
    have reached the company's minimum."""

    _name = "crm.basket.order"
    _description = "Products bought together: products of an order"
    _log_access = False
    # the table is created by init(): the ORM has no field for an int[] column
    _auto = False

    # plain ids, no foreign keys: the order lines keep the products and
    # companies from being deleted; a sales order or an invoice, depending on
    # the company's source
    company_id = fields.Integer(readonly=True)
    order_id = fields.Integer(readonly=True)

    def init(self):
        cr = self.env.cr
        # no index on order_id: a refresh reads the rows of the touched and
        # deleted orders in one scan of the table
        cr.execute(
            """CREATE TABLE IF NOT EXISTS crm_basket_order (
                   id serial PRIMARY KEY,
                   company_id int NOT NULL,
                   order_id int NOT NULL,
                   product_ids int[]
               )"""
        )
        self._crm_create_product_index()

    def _crm_create_product_index(self):
        # without a pending list: a refresh inserts the new orders' rows and
        # then looks pairs up at once, and every lookup would scan the whole
        # pending list (5,000 orders: 4 s instead of 0.1 s)
        self.env.cr.execute(
            """CREATE INDEX IF NOT EXISTS crm_basket_order_product_ids_idx
                   ON crm_basket_order USING gin (product_ids)
                 WITH (fastupdate = off)"""
        )
