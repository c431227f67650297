from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmOfferVariantLine(models.Model):
    _name = "crm.offer.variant.line"
    _description = "Offer Variant Line"
    _order = "sequence, id"
    _check_company_auto = True

    variant_id = fields.Many2one(
        "crm.offer.variant", required=True, index=True, ondelete="cascade"
    )
    offer_id = fields.Many2one(related="variant_id.offer_id", store=True, index=True)
    company_id = fields.Many2one(related="variant_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product",
        required=True,
        domain="[('sale_ok', '=', True)]",
        check_company=True,
    )
    name = fields.Text(
        string="Description", compute="_compute_name", store=True, readonly=False
    )
    product_uom_qty = fields.Float(
        string="Quantity", digits="Product Unit", default=1.0, required=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    price_unit = fields.Monetary(
        string="Unit Price",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        help="In the company's currency; each quotation converts it to its own "
        "currency at the offer's rate.",
    )
    discount = fields.Float(string="Discount (%)", digits="Discount")

    _quantity_positive = models.Constraint(
        "CHECK(product_uom_qty > 0)",
        "The quantity of an offer line must be positive.",
    )
    _discount_range = models.Constraint(
        "CHECK(discount >= 0 AND discount <= 100)",
        "The discount of an offer line must be between 0 and 100%.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.offer_id._check_variants_editable()
        return lines

    def write(self, vals):
        self.offer_id._check_variants_editable()
        return super().write(vals)

    def unlink(self):
        self.offer_id._check_variants_editable()
        return super().unlink()

    @api.constrains("product_id")
    def _check_product_sale_ok(self):
        for line in self.filtered(lambda line: not line.product_id.sale_ok):
            raise ValidationError(
                self.env._(
                    "Product %(product)s of variant %(variant)s cannot be sold "
                    "(Sales, Can be Sold): it cannot be offered.",
                    product=line.product_id.display_name,
                    variant=line.variant_id.name,
                )
            )

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id and not line.name:
                line.name = line.product_id.get_product_multiline_description_sale()

    def _has_default_name(self):
        """The description is the product's own, in one of the installed
        languages (that of the salesperson who made the line), not typed."""
        self.ensure_one()
        product = self.product_id
        return any(
            self.name
            == product.with_context(lang=code).get_product_multiline_description_sale()
            for code, _name in self.env["res.lang"].get_installed()
        )

    @api.depends("product_id", "product_uom_qty")
    def _compute_price_unit(self):
        for line in self:
            offer = line.variant_id.offer_id
            if line.product_id:
                line.price_unit = (
                    offer._company_price(line.product_id, line.product_uom_qty)
                    if offer
                    else line.product_id.lst_price
                )
