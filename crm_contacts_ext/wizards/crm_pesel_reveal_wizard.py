from odoo import fields, models

PERSONAL_DATA_GROUP = "crm_contacts_ext.group_crm_personal_data"


class CrmPeselRevealWizard(models.TransientModel):
    """The full PESEL of a person, shown on request (the request is logged)."""

    _name = "crm.pesel.reveal.wizard"
    _description = "Show PESEL"

    partner_id = fields.Many2one("res.partner", string="Person", required=True)
    pesel = fields.Char(string="PESEL", groups=PERSONAL_DATA_GROUP)

    def action_save(self):
        """Correct the PESEL shown (validated like any PESEL)."""
        self.ensure_one()
        if self.pesel != self.partner_id.sudo().pesel:
            self.partner_id.pesel = self.pesel
        # the dialog's record is saved before this runs: do not leave the
        # number in the wizard's table until the hourly vacuum
        self.pesel = False
        return {"type": "ir.actions.act_window_close"}
