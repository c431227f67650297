from odoo import fields, models


class CrmCompanyDayOff(models.Model):
    _name = "crm.company.day.off"
    _description = "Company day off (not a business day for reply deadlines)"
    _order = "date desc"

    name = fields.Char(string="Reason", required=True, translate=True)
    date = fields.Date(required=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _date_company_unique = models.Constraint(
        "UNIQUE(company_id, date)",
        "This day is already a day off of the company.",
    )
