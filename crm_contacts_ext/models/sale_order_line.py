from odoo import api, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.depends(
        "product_id",
        "product_uom_id",
        "product_uom_qty",
        "order_id.crm_discount_level_id",
    )
    def _compute_discount(self):
        """The customer's discount level, where the pricelist gives no discount."""
        res = super()._compute_discount()
        for line in self:
            level = line.order_id.crm_discount_level_id
            if (
                level
                and line.product_id
                and not line.display_type
                and not line.combo_item_id
                and not (
                    line.order_id.pricelist_id
                    and line.pricelist_item_id._show_discount()
                    and line.discount
                )
                and level._applies_to(line.product_id)
            ):
                line.discount = level.discount
        return res
