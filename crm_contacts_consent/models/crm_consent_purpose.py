from odoo import api, fields, models


class CrmConsentPurpose(models.Model):
    """What we contact people for: marketing, newsletter, partners' offers..."""

    _name = "crm.consent.purpose"
    _description = "Consent Purpose"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Technical code, used in CSV imports (e.g. marketing)."
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    channel_ids = fields.Many2many(
        "crm.consent.channel",
        string="Channels",
        help="The channels people can agree to for this purpose (all when empty).",
    )
    validity_months = fields.Integer(
        string="Valid for (months)",
        default=24,
        help="After how many months a consent must be confirmed again; 0: it does "
        "not expire.",
    )
    text_ids = fields.One2many("crm.consent.text", "purpose_id", string="Texts")
    current_text_id = fields.Many2one(
        "crm.consent.text",
        compute="_compute_current_text_id",
        help="The latest active version of the consent text: what people agree to "
        "from now on.",
    )

    _code_unique = models.Constraint("UNIQUE(code)", "The purpose code must be unique.")
    _validity_positive = models.Constraint(
        "CHECK(validity_months >= 0)", "The validity cannot be negative."
    )

    @api.depends("text_ids.version", "text_ids.active")
    def _compute_current_text_id(self):
        for purpose in self:
            texts = purpose.text_ids.filtered("active").sorted("version", reverse=True)
            purpose.current_text_id = texts[:1]

    def _crm_allows_channel(self, channel):
        self.ensure_one()
        return not self.channel_ids or channel in self.channel_ids
