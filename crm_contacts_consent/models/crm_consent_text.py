from odoo import api, fields, models
from odoo.exceptions import UserError

# what people agreed to: fixed once the version is used
FROZEN_FIELDS = {"body", "purpose_id", "version"}


class CrmConsentText(models.Model):
    """One version of the text people agree to for a purpose. A new wording is
    a new version: the consents given keep the version they were given to."""

    _name = "crm.consent.text"
    _description = "Consent Text Version"
    _order = "purpose_id, version desc"

    purpose_id = fields.Many2one(
        "crm.consent.purpose", required=True, index=True, ondelete="restrict"
    )
    version = fields.Integer(readonly=True, copy=False)
    body = fields.Html(string="Text", required=True, sanitize_attributes=True)
    date_from = fields.Date(string="In Use From", default=fields.Date.context_today)
    active = fields.Boolean(default=True)
    consent_count = fields.Integer(string="Consents", compute="_compute_consent_count")

    _version_unique = models.Constraint(
        "UNIQUE(purpose_id, version)", "Each version of a purpose's text is unique."
    )

    @api.depends("purpose_id", "version")
    def _compute_display_name(self):
        for text in self:
            text.display_name = self.env._(
                "%(purpose)s, version %(version)s",
                purpose=text.purpose_id.name or "",
                version=text.version,
            )

    def _compute_consent_count(self):
        counts = dict(
            self.env["crm.consent"]
            .sudo()
            ._read_group([("text_id", "in", self.ids)], ["text_id"], ["__count"])
        )
        for text in self:
            text.consent_count = counts.get(text, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("purpose_id"):
                self.flush_model(["purpose_id", "version"])
                self.env.cr.execute(
                    "SELECT COALESCE(MAX(version), 0) + 1 FROM crm_consent_text "
                    "WHERE purpose_id = %s",
                    [vals["purpose_id"]],
                )
                vals["version"] = self.env.cr.fetchone()[0]
        # one at a time: the next version of the same purpose sees the previous
        return self.browse(
            [super(CrmConsentText, self).create([vals]).id for vals in vals_list]
        )

    def write(self, vals):
        if FROZEN_FIELDS & set(vals):
            used = self.filtered(
                lambda t: (
                    self.env["crm.consent"]
                    .sudo()
                    .search_count([("text_id", "=", t.id)], limit=1)
                )
            )
            if used:
                raise UserError(
                    self.env._(
                        "People agreed to %(text)s: its wording cannot change. "
                        "Create a new version instead.",
                        text=", ".join(used.mapped("display_name")),
                    )
                )
        return super().write(vals)

    def action_new_version(self):
        """A copy of the text as the next version, to be reworded."""
        self.ensure_one()
        new = self.copy({"date_from": fields.Date.context_today(self)})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
