from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    warranty_months = fields.Integer(
        string="Warranty (months)",
        help="Warranty period of each serial number of this product, counted from "
        "its delivery to the customer (or its invoice date).",
    )

    _warranty_months_positive = models.Constraint(
        "CHECK(warranty_months >= 0)",
        "The warranty period in months cannot be negative.",
    )
