from odoo import fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    source_ref = fields.Reference(selection_add=[("crm.call", "Phone call")])
    call_id = fields.Many2one(
        "crm.call",
        string="Phone call",
        index="btree_not_null",
        copy=False,
        help="The phone call this ticket was created from.",
    )
