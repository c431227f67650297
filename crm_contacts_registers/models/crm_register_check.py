from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmRegisterCheck(models.Model):
    """One answer of a public register about a partner: the proof.

    Append-only, like the PESEL reveal log: written by the code (as
    superuser), read by every internal user, edited or deleted by nobody.
    """

    _name = "crm.register.check"
    _description = "Register Check"
    _order = "date desc, id desc"
    _rec_name = "register"

    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    company_id = fields.Many2one("res.company", index=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Checked By",
        readonly=True,
        ondelete="set null",
        help="Empty for the nightly re-check.",
    )
    date = fields.Datetime(
        required=True, default=fields.Datetime.now, index=True, readonly=True
    )
    register = fields.Selection(
        [
            ("gus", "GUS REGON"),
            ("krs", "KRS"),
            ("whitelist", "VAT white list"),
            ("vies", "VIES"),
        ],
        required=True,
        readonly=True,
    )
    trigger = fields.Selection(
        [("manual", "By a user"), ("nightly", "Nightly re-check")],
        required=True,
        default="manual",
        readonly=True,
    )
    number = fields.Char(string="Number Asked", readonly=True)
    request_id = fields.Char(
        string="Request ID",
        readonly=True,
        help="The register's identifier of the answer (the white list's "
        "requestId is the legal proof of the check).",
    )
    vat_status = fields.Selection(
        selection=lambda self: (
            self.env["res.partner"]
            ._fields["crm_vat_status"]
            ._description_selection(self.env)
        ),
        string="VAT Status",
        readonly=True,
    )
    accounts = fields.Text(string="Bank Accounts on the List", readonly=True)
    changes = fields.Text(
        readonly=True, help="What the register said differently from the card."
    )
    significant = fields.Boolean(
        string="Change That Matters",
        readonly=True,
        help="Struck off, in liquidation, VAT status changed or a bank "
        "account removed from the list.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._("The register checks are written by the checks only.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self:
            return super().write(vals)
        raise UserError(
            self.env._("A register check is a proof: it cannot be changed.")
        )

    def unlink(self):
        # the partner's deletion cascades in SQL, not through here
        if not self:
            return super().unlink()
        raise UserError(
            self.env._("A register check is a proof: it cannot be deleted.")
        )
