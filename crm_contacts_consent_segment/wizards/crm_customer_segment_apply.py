from odoo import api, fields, models


class CrmCustomerSegmentApply(models.TransientModel):
    _inherit = "crm.customer.segment.apply"

    crm_consent_purpose_id = fields.Many2one(
        "crm.consent.purpose",
        string="Consent Purpose",
        default=lambda self: self.env["crm.consent"]._crm_marketing_purpose(),
        help="The purpose the list is mailed for: who has no valid consent for it "
        "by e-mail will be skipped by the mailings.",
    )
    crm_consent_blocked_count = fields.Integer(
        string="Cannot be mailed", compute="_compute_crm_consent_warning"
    )
    crm_consent_warning = fields.Char(compute="_compute_crm_consent_warning")

    @api.depends("partner_ids", "action_type", "crm_consent_purpose_id")
    def _compute_crm_consent_warning(self):
        Consent = self.env["crm.consent"].sudo()
        channel = Consent._crm_channel("email")
        for wizard in self:
            wizard.crm_consent_blocked_count = 0
            wizard.crm_consent_warning = False
            purpose = wizard.crm_consent_purpose_id
            partners = wizard.partner_ids._origin.filtered("email")
            if wizard.action_type != "mailing_list" or not purpose or not partners:
                continue
            states = Consent._crm_consent_states(partners.ids, channel, purpose)
            missing = sum(1 for p in partners.ids if p not in states)
            pending = sum(1 for s in states.values() if s == "pending")
            withdrawn = sum(1 for s in states.values() if s == "withdrawn")
            expired = sum(1 for s in states.values() if s == "expired")
            blocked = missing + pending + withdrawn + expired
            wizard.crm_consent_blocked_count = blocked
            if blocked:
                wizard.crm_consent_warning = self.env._(
                    "%(blocked)s of the %(total)s customers with an e-mail cannot be "
                    "mailed for %(purpose)s: %(missing)s never agreed, %(withdrawn)s "
                    "withdrew, %(expired)s expired. The mailings will skip them.",
                    blocked=blocked,
                    total=len(partners),
                    purpose=purpose.name,
                    missing=missing + pending,
                    withdrawn=withdrawn,
                    expired=expired,
                )

    def _apply_mailing_list(self):
        result = super()._apply_mailing_list()
        if self.crm_consent_warning:
            result["params"]["type"] = "warning"
            result["params"]["message"] += " " + self.crm_consent_warning
        return result
