from odoo import fields, models


class CrmSatisfactionLevel(models.Model):
    """One step of the customer satisfaction scale (e.g. 1 to 5)."""

    _name = "crm.satisfaction.level"
    _description = "Satisfaction Level"
    _order = "value, id"

    name = fields.Char(required=True, translate=True)
    value = fields.Integer(
        required=True, help="Position on the scale: a higher value is happier."
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _value_unique = models.Constraint(
        "UNIQUE (value)", "Two satisfaction levels cannot have the same value."
    )
