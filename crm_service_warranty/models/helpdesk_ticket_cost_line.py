from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import formatLang

from ..tools import check_not_written


class HelpdeskTicketCostLine(models.Model):
    _name = "helpdesk.ticket.cost.line"
    _description = "Service cost line"
    _order = "ticket_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    ticket_id = fields.Many2one(
        "helpdesk.ticket", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    lot_id = fields.Many2one(
        related="ticket_id.lot_id", store=True, index="btree_not_null"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        precompute=True,
        index="btree_not_null",
    )
    date = fields.Date(related="ticket_id.reported_date", store=True)
    cost_type = fields.Selection(
        [("part", "Part"), ("labour", "Labour"), ("travel", "Travel")],
        string="Type",
        required=True,
        default="part",
    )
    product_id = fields.Many2one(
        "product.product", required=True, check_company=True, index=True
    )
    name = fields.Char(
        string="Description",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
    )
    quantity = fields.Float(default=1.0, digits="Product Unit", required=True)
    unit_cost = fields.Monetary(
        string="Our unit cost",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
    )
    unit_price = fields.Monetary(
        string="Customer unit price",
        compute="_compute_from_product",
        store=True,
        readonly=False,
        precompute=True,
    )
    billing = fields.Selection(
        [("warranty", "Warranty"), ("billable", "Billable")],
        compute="_compute_billing",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    cost_total = fields.Monetary(
        string="Our cost", compute="_compute_totals", store=True
    )
    price_total = fields.Monetary(
        string="Customer price", compute="_compute_totals", store=True
    )
    billable_total = fields.Monetary(
        string="Customer pays",
        compute="_compute_totals",
        store=True,
        help="The customer price when the line is billable, nothing under warranty.",
    )
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Quotation line",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    sale_order_id = fields.Many2one(related="sale_line_id.order_id", string="Quotation")

    @api.constrains("quantity", "unit_cost", "unit_price")
    def _check_amounts(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "Service cost %(line)s: the quantity must be positive, "
                        "not %(quantity)s.",
                        line=line.name or line.product_id.display_name,
                        quantity=formatLang(self.env, line.quantity, dp="Product Unit"),
                    )
                )
            if line.unit_cost < 0 or line.unit_price < 0:
                raise ValidationError(
                    self.env._(
                        "Service cost %(line)s: cost and sale price cannot be "
                        "negative.",
                        line=line.name or line.product_id.display_name,
                    )
                )

    # the ticket's customer only: a contact who later moves to another company
    # does not take the costs of their old company with them; a billed line
    # stays with the customer it was billed to
    @api.depends("ticket_id.partner_id")
    def _compute_partner_id(self):
        for line in self:
            if line.sale_line_id:
                line.partner_id = line.partner_id
            else:
                line.partner_id = line.ticket_id.partner_id.commercial_partner_id

    @api.depends("product_id")
    def _compute_from_product(self):
        for line in self:
            product = line.product_id
            if product:
                line.name = product.display_name
                line.unit_cost = product.standard_price
                line.unit_price = product.lst_price

    @api.depends("ticket_id.under_warranty")
    def _compute_billing(self):
        for line in self:
            if line.sale_line_id:  # billed: stays as it was billed
                line.billing = line.billing
            else:
                line.billing = (
                    "warranty" if line.ticket_id.under_warranty else "billable"
                )

    @api.depends("quantity", "unit_cost", "unit_price", "billing")
    def _compute_totals(self):
        for line in self:
            line.cost_total = line.quantity * line.unit_cost
            line.price_total = line.quantity * line.unit_price
            line.billable_total = line.price_total if line.billing == "billable" else 0

    def _check_not_billed(self):
        billed = self.filtered("sale_line_id")
        if billed:
            raise UserError(
                self.env._(
                    "Cost line(s) %(lines)s are already on quotation %(orders)s: "
                    "change them there.",
                    lines=", ".join(billed.mapped("name")),
                    orders=", ".join(billed.sale_line_id.order_id.mapped("name")),
                )
            )

    # read-only in the forms: computed, or set by the quotation
    _SET_BY_BILLING = ("cost_total", "price_total", "billable_total", "sale_line_id")

    @api.model_create_multi
    def create(self, vals_list):
        check_not_written(self, vals_list, self._SET_BY_BILLING)
        return super().create(vals_list)

    def write(self, vals):
        check_not_written(self, [vals], self._SET_BY_BILLING)
        if "ticket_id" in vals and self.filtered(
            lambda line: line.ticket_id.id != vals["ticket_id"]
        ):
            raise UserError(
                self.env._(
                    "Service cost %s belongs to its ticket: add a new line on the "
                    "other ticket instead.",
                    ", ".join(self.mapped("name")),
                )
            )
        if set(vals) - {"sale_line_id", "sequence"}:
            self._check_not_billed()
        return super().write(vals)

    def unlink(self):
        self._check_not_billed()
        return super().unlink()

    def _prepare_sale_line_vals(self, order):
        """Values of the quotation line of this cost line on `order`, its sale
        price converted from the company's currency into the order's."""
        self.ensure_one()
        price = self.currency_id._convert(
            self.unit_price,
            order.currency_id,
            order.company_id,
            fields.Date.to_date(order.date_order) or fields.Date.context_today(self),
            round=False,
        )
        return {
            "product_id": self.product_id.id,
            # the product's own name, in the technician's language: left to
            # Odoo, which describes the product in the customer's; a typed
            # description is kept as it is
            **({} if self._has_default_name() else {"name": self.name}),
            "product_uom_qty": self.quantity,
            "price_unit": price,
            "service_cost_line_id": self.id,
        }

    def _has_default_name(self):
        """The description is the product's name in one of the installed
        languages, not typed."""
        self.ensure_one()
        return any(
            self.name == self.product_id.with_context(lang=code).display_name
            for code, _name in self.env["res.lang"].get_installed()
        )
