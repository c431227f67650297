from odoo import fields, models


class CrmRegisterWizardLine(models.TransientModel):
    _name = "crm.register.wizard.line"
    _description = "Register vs Card"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "crm.register.wizard", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer()
    field_name = fields.Char(required=True)
    label = fields.Char(string="Field", required=True)
    card_value = fields.Char(string="On the Card")
    register_value = fields.Char(string="In the Register")
    register_name = fields.Char(string="Register")
    # what is written: JSON of the value (a date as text, a state as its id)
    value_json = fields.Char()
    differs = fields.Boolean()
    use = fields.Boolean(
        string="Take the Register's",
        help="Write the register's value on the card; left unticked where the "
        "card already says something else.",
    )
