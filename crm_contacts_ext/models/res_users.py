from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    crm_pbx_extension = fields.Char(
        string="Phone Extension",
        index="btree_not_null",
        help="The user's extension on the company's phone system: calls "
        "ringing there notify the user with the caller.",
    )
