from odoo import api, fields, models
from odoo.exceptions import UserError


class ResUsers(models.Model):
    _inherit = "res.users"

    crm_pbx_extension = fields.Char(
        string="Phone Extension",
        index="btree_not_null",
        help="The user's extension on the company's phone system: calls "
        "ringing there notify the user with the caller.",
    )

    def _has_field_access(self, field, operation):
        # the user's own PESEL is its partner's: read by no one (see
        # res.partner), not even offered in the users' exports
        if field.name == "pesel" and operation == "read" and not self.env.su:
            return False
        return super()._has_field_access(field, operation)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_pesel_viewers(self):
        viewers = (
            self.env["crm.pesel.reveal.log"]
            .sudo()
            .search([("user_id", "in", self.ids)])
            .user_id
        )
        if viewers:
            raise UserError(
                self.env._(
                    "%(users)s displayed PESEL numbers: the PESEL reveal log must "
                    "keep who looked. Archive the user instead of deleting it.",
                    users=", ".join(viewers.mapped("name")),
                )
            )
