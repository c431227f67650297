from odoo import api, fields, models
from odoo.tools import SQL

SUGGESTION_LIMIT = 5


class SaleOrder(models.Model):
    _inherit = "sale.order"

    crm_basket_suggestion_ids = fields.Many2many(
        "crm.basket.pair",
        string="Frequently bought together",
        compute="_compute_crm_basket_suggestion_ids",
        groups="sales_team.group_sale_salesman",
        help="Products often bought with the products of this quotation and not "
        "on it yet, the most likely first.",
    )

    crm_next_offer_html = fields.Html(
        string="Next offer",
        compute="_compute_crm_next_offer_html",
        sanitize=False,
        groups="sales_team.group_sale_salesman",
        help="Products the customer has not bought (and not on this quotation) "
        "that customers of its segment buy with what it buys.",
    )

    @api.depends("partner_id", "company_id", "state", "order_line.product_id")
    def _compute_crm_next_offer_html(self):
        Repurchase = self.env["crm.customer.repurchase"]
        for order in self:
            if order.state not in ("draft", "sent") or not order.partner_id:
                order.crm_next_offer_html = False
                continue
            order.crm_next_offer_html = Repurchase._crm_next_offers_html(
                Repurchase._crm_next_offers(
                    order.company_id,
                    order.partner_id,
                    exclude=[p.id for p in order.order_line.product_id if p.id],
                )
            )

    def unlink(self):
        # the next basket refresh takes the products of these orders away
        # (companies whose baskets are their sales orders)
        self.env["crm.basket.deleted"]._crm_record(self, "sale")
        return super().unlink()

    @api.depends("company_id", "state", "order_line.product_id")
    def _compute_crm_basket_suggestion_ids(self):
        Pair = self.env["crm.basket.pair"]
        self.env["product.product"].flush_model(["active"])
        self.env["product.template"].flush_model(["active", "sale_ok", "company_id"])
        for order in self:
            products = order.order_line.product_id
            if order.state not in ("draft", "sent") or not products:
                order.crm_basket_suggestion_ids = Pair
                continue
            # the best pair (by confidence) for each product not on the order
            rows = self.env.execute_query(
                SQL(
                    """
                    SELECT id FROM (
                        SELECT DISTINCT ON (p.other_product_id)
                               p.id, p.confidence, p.lift
                          FROM crm_basket_pair p
                          JOIN product_product pp ON pp.id = p.other_product_id
                          JOIN product_template pt ON pt.id = pp.product_tmpl_id
                         WHERE p.company_id = %(company)s AND p.suggested
                           AND p.product_id = ANY(%(products)s)
                           AND p.other_product_id <> ALL(%(products)s)
                           AND pp.active AND pt.active AND pt.sale_ok
                           AND (pt.company_id IS NULL OR pt.company_id = %(company)s)
                      ORDER BY p.other_product_id, p.confidence DESC, p.lift DESC,
                               p.id
                    ) best
                    ORDER BY confidence DESC, lift DESC, id
                    LIMIT %(limit)s
                    """,
                    company=order.company_id.id,
                    products=[product.id for product in products if product.id],
                    limit=SUGGESTION_LIMIT,
                )
            )
            order.crm_basket_suggestion_ids = Pair.browse(row[0] for row in rows)
