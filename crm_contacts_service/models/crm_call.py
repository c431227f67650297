from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html


class CrmCall(models.Model):
    _inherit = "crm.call"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        copy=False,
        index="btree_not_null",
        help="The helpdesk ticket created from this call.",
    )

    def action_create_ticket(self):
        """Turn the call's note into a helpdesk ticket of the customer."""
        self.ensure_one()
        if self.ticket_id:
            raise UserError(self.env._("This call already has a ticket."))
        if not self.partner_id:
            raise UserError(
                self.env._("The caller is not identified: set the customer first.")
            )
        # a note of blanks only is no note (it ended in an IndexError)
        note = (self.note or "").strip()
        if not note:
            raise UserError(self.env._("Write a note first."))
        title = note.splitlines()[0][:80]
        ticket = (
            self.env["helpdesk.ticket"]
            .with_company(self.company_id)
            .create(
                {
                    "name": title,
                    "description": plaintext2html(note),
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "call_id": self.id,
                    "source_ref": f"crm.call,{self.id}",
                }
            )
        )
        self.ticket_id = ticket
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
