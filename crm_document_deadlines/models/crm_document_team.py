from odoo import fields, models


class CrmDocumentTeam(models.Model):
    _name = "crm.document.team"
    _description = "Team or department responsible for documents and correspondence"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    member_ids = fields.Many2many(
        "res.users",
        "crm_document_team_user_rel",
        "team_id",
        "user_id",
        string="Members",
        domain=[("share", "=", False)],
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
