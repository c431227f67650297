from odoo import fields, models


class CrmPbxKeyWizard(models.TransientModel):
    """Shows a new PBX key once; the key itself is never saved."""

    _name = "crm.pbx.key.wizard"
    _description = "New PBX Key"

    pbx_id = fields.Many2one("crm.pbx", string="PBX", readonly=True)
    key = fields.Char(readonly=True)
