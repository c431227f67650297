from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    offer_line_id = fields.Many2one(
        "crm.offer.variant.line",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="set null",
    )

    def _offer_rate(self):
        """The offer's frozen rate of this quotation's currency (empty when the
        quotation is not an offer's or its currency is not one of the offer's)."""
        self.ensure_one()
        order = self.order_id
        return order.offer_id.rate_ids.filtered(
            lambda r: r.currency_id == order.currency_id
        )[:1]

    def _offer_price_unit(self, rate):
        """Unit price at the offer's rate: the offer line's price while the
        product is the offer line's and its price was typed there, else the
        price the offer gives the product for this quantity."""
        self.ensure_one()
        offer = self.order_id.offer_id
        offer_line = self.offer_line_id
        price = offer._company_price(self.product_id, self.product_uom_qty)
        if offer_line.product_id == self.product_id:
            listed = offer._company_price(self.product_id, offer_line.product_uom_qty)
            if offer_line.currency_id.compare_amounts(offer_line.price_unit, listed):
                price = offer_line.price_unit
        return rate._convert_price(price)

    def _get_display_price(self):
        # Odoo converts at the quotation's date and today's rates: an offer's
        # quotation keeps the offer's rate until the offer is re-priced
        rate = self._offer_rate()
        if not rate or self.combo_item_id or self.product_type == "combo":
            return super()._get_display_price()
        return self._offer_price_unit(rate)

    def _compute_discount(self):
        # a line still of the offer's product keeps the offer's discount when
        # its quantity changes (Odoo's pricelist would reset it)
        kept = self.filtered(
            lambda line: (
                line.offer_line_id and line.offer_line_id.product_id == line.product_id
            )
        )
        return super(SaleOrderLine, self - kept)._compute_discount()
