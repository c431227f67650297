from odoo import api, fields, models

from .mailing_trace import CONSENT_FAILURES


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    crm_consent_purpose_id = fields.Many2one(
        "crm.consent.purpose",
        string="Consent Purpose",
        default=lambda self: self.env["crm.consent"]._crm_marketing_purpose(),
        help="Recipients without a valid consent for this purpose by e-mail are "
        "skipped when the mailing is sent. Empty: the mailing is no marketing "
        "(e.g. a service notice) and no consent is checked.",
    )
    crm_consent_skipped = fields.Integer(
        string="Skipped for lack of consent", compute="_compute_crm_consent_skipped"
    )
    crm_consent_missing = fields.Integer(
        string="Without consent", compute="_compute_crm_consent_skipped"
    )
    crm_consent_withdrawn = fields.Integer(
        string="Consent withdrawn", compute="_compute_crm_consent_skipped"
    )
    crm_consent_expired = fields.Integer(
        string="Consent expired", compute="_compute_crm_consent_skipped"
    )

    @api.depends("mailing_trace_ids.failure_type")
    def _compute_crm_consent_skipped(self):
        counts = {
            (mailing.id, failure): count
            for mailing, failure, count in self.env["mailing.trace"]._read_group(
                [
                    ("mass_mailing_id", "in", self.ids),
                    ("failure_type", "in", [code for code, _label in CONSENT_FAILURES]),
                ],
                ["mass_mailing_id", "failure_type"],
                ["__count"],
            )
        }
        for mailing in self:
            mailing.crm_consent_missing = counts.get(
                (mailing.id, "crm_consent_missing"), 0
            )
            mailing.crm_consent_withdrawn = counts.get(
                (mailing.id, "crm_consent_withdrawn"), 0
            )
            mailing.crm_consent_expired = counts.get(
                (mailing.id, "crm_consent_expired"), 0
            )
            mailing.crm_consent_skipped = (
                mailing.crm_consent_missing
                + mailing.crm_consent_withdrawn
                + mailing.crm_consent_expired
            )

    def action_view_traces_crm_consent(self):
        self.ensure_one()
        action = self._action_view_traces_filtered("canceled")
        action["name"] = self.env._("Skipped for lack of consent")
        action["domain"] = [
            ("mass_mailing_id", "=", self.id),
            ("failure_type", "in", [code for code, _label in CONSENT_FAILURES]),
        ]
        return action
