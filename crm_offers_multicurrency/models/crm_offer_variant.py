from odoo import Command, api, fields, models


class CrmOfferVariant(models.Model):
    _name = "crm.offer.variant"
    _description = "Offer Variant"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    offer_id = fields.Many2one(
        "crm.offer", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="offer_id.company_id", store=True)
    line_ids = fields.One2many(
        "crm.offer.variant.line", "variant_id", string="Lines", copy=True
    )
    order_ids = fields.One2many("sale.order", "offer_variant_id", readonly=True)
    currency_id = fields.Many2one(related="offer_id.currency_id")
    amount_total = fields.Monetary(
        string="Total",
        compute="_compute_amount_total",
        help="Total of the variant's quotation in the offer's currency.",
    )

    @api.depends("order_ids.amount_total", "offer_id.currency_id")
    def _compute_amount_total(self):
        for variant in self:
            order = variant.order_ids.filtered(
                lambda o, v=variant: o.currency_id == v.offer_id.currency_id
            )[:1]
            variant.amount_total = order.amount_total

    @api.model
    def _template_line_commands(self, template):
        commands = []
        for line in template.sale_order_template_line_ids:
            if not line.product_id or line.display_type or line.is_optional:
                continue
            values = {
                "sequence": line.sequence,
                "product_id": line.product_id.id,
                "product_uom_qty": line.product_uom_qty or 1.0,
            }
            if line.name:
                values["name"] = line.name
            commands.append(Command.create(values))
        return commands

    @api.model
    def default_get(self, fields):
        result = super().default_get(fields)
        template_id = self.env.context.get("offer_template_id")
        if "line_ids" in fields and not result.get("line_ids") and template_id:
            template = self.env["sale.order.template"].browse(template_id)
            result["line_ids"] = self._template_line_commands(template)
        return result

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("line_ids") and vals.get("offer_id"):
                template = (
                    self.env["crm.offer"]
                    .browse(vals["offer_id"])
                    .sale_order_template_id
                )
                vals["line_ids"] = self._template_line_commands(template)
        variants = super().create(vals_list)
        variants.offer_id._check_variants_editable()
        return variants

    def write(self, vals):
        self.offer_id._check_variants_editable()
        return super().write(vals)

    def unlink(self):
        self.offer_id._check_variants_editable()
        return super().unlink()

    def _prepare_order_values(self, rate):
        """Values of the quotation of this variant in the currency of `rate`."""
        self.ensure_one()
        offer = self.offer_id
        profile = offer.profile_id
        values = {
            "partner_id": offer.partner_id.id,
            "company_id": offer.company_id.id,
            "user_id": offer.user_id.id,
            "team_id": offer.team_id.id,
            "offer_id": offer.id,
            "offer_variant_id": self.id,
            "pricelist_id": offer._currency_pricelist(rate.currency_id).id,
            "validity_date": offer.validity_date,
            "origin": f"{offer.name} - {self.name}",
            "order_line": [
                Command.create(
                    {
                        "sequence": line.sequence,
                        "product_id": line.product_id.id,
                        # the product's own description: Odoo writes it in the
                        # customer's language; a typed one is kept as it is
                        **({} if line._has_default_name() else {"name": line.name}),
                        "product_uom_qty": line.product_uom_qty,
                        "price_unit": rate._convert_price(line.price_unit),
                        "discount": line.discount,
                        "offer_line_id": line.id,
                    }
                )
                for line in self.line_ids
            ],
        }
        if offer.sale_order_template_id:
            values["sale_order_template_id"] = offer.sale_order_template_id.id
        if profile.payment_term_id:
            values["payment_term_id"] = profile.payment_term_id.id
        return values
