from odoo import api, fields, models


class CrmDocumentType(models.Model):
    _name = "crm.document.type"
    _description = "Document type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    reminder_days = fields.Integer(
        string="Reminder lead time (days)",
        default=30,
        help="How many days before expiry (and before the notice deadline) "
        "the responsible person is reminded.",
    )
    notice_days = fields.Integer(
        string="Notice period (days)",
        help="Days before the end of validity by which the document must be "
        "terminated, or it renews / stays binding.",
    )
    renewal_months = fields.Integer(
        string="Renewal period (months)",
        default=12,
        help="Length of the next version when a document of this type is renewed.",
    )
    team_id = fields.Many2one("crm.document.team", string="Responsible team")
    user_ids = fields.Many2many(
        "res.users",
        string="Responsible users",
        domain=[("share", "=", False)],
        help="The first one becomes the responsible person of new documents.",
    )
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    document_count = fields.Integer(compute="_compute_document_count")

    _reminder_days_positive = models.Constraint(
        "CHECK(reminder_days >= 0 AND notice_days >= 0 AND renewal_months >= 0)",
        "Lead time, notice period and renewal period cannot be negative.",
    )

    @api.depends()
    def _compute_document_count(self):
        counts = dict(
            self.env["crm.document"]._read_group(
                [("type_id", "in", self.ids)], ["type_id"], ["__count"]
            )
        )
        for doc_type in self:
            doc_type.document_count = counts.get(doc_type, 0)
