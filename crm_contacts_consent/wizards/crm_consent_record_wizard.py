from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.crm_consent import METHODS


class CrmConsentRecordWizard(models.TransientModel):
    """Record a consent given or withdrawn (on the phone, on paper...), or
    send the contact a request to confirm it by e-mail (double opt-in)."""

    _name = "crm.consent.record.wizard"
    _description = "Record a Consent"

    partner_id = fields.Many2one("res.partner", string="Contact", required=True)
    channel_id = fields.Many2one("crm.consent.channel", required=True)
    purpose_id = fields.Many2one(
        "crm.consent.purpose",
        required=True,
        default=lambda self: self.env["crm.consent"]._crm_marketing_purpose(),
    )
    action = fields.Selection(
        [
            ("given", "Consent given"),
            ("withdrawn", "Consent withdrawn"),
            ("request", "Ask for confirmation by e-mail"),
        ],
        required=True,
        default="given",
    )
    text_id = fields.Many2one(
        "crm.consent.text",
        string="Text Version",
        compute="_compute_text_id",
        store=True,
        readonly=False,
        domain="[('purpose_id', '=', purpose_id)]",
    )
    method = fields.Selection(
        [m for m in METHODS if m[0] in ("phone", "paper", "web", "email")],
        string="How",
        default="phone",
    )
    date = fields.Datetime(default=fields.Datetime.now)
    scan = fields.Binary()
    scan_name = fields.Char()
    call_id = fields.Many2one(
        "crm.call",
        string="Phone Call",
        domain="[('partner_id', '=', partner_id)]",
    )
    note = fields.Text()

    @api.depends("purpose_id")
    def _compute_text_id(self):
        for wizard in self:
            wizard.text_id = wizard.purpose_id.current_text_id

    def action_record(self):
        self.ensure_one()
        if self.action == "request":
            return self._crm_send_request()
        self.env["crm.consent"].create(
            {
                "partner_id": self.partner_id.id,
                "channel_id": self.channel_id.id,
                "purpose_id": self.purpose_id.id,
                "text_id": self.text_id.id,
                "state": self.action,
                "method": self.method or "phone",
                "date": self.date,
                "scan": self.scan,
                "scan_name": self.scan_name,
                "call_id": self.call_id.id,
                "note": self.note,
            }
        )
        return {"type": "ir.actions.act_window_close"}

    def _crm_send_request(self):
        """A pending line and an e-mail with a signed link to confirm it."""
        if not self.partner_id.email:
            raise UserError(
                self.env._(
                    "%(contact)s has no e-mail address to send the request to.",
                    contact=self.partner_id.display_name,
                )
            )
        pending = self.env["crm.consent"].create(
            {
                "partner_id": self.partner_id.id,
                "channel_id": self.channel_id.id,
                "purpose_id": self.purpose_id.id,
                "text_id": self.text_id.id,
                "state": "pending",
                "method": "email",
                "note": self.note,
            }
        )
        template = self.env.ref("crm_contacts_consent.mail_template_consent_request")
        template.sudo().with_context(
            crm_consent_url=self.partner_id._crm_consent_portal_url(),
            crm_consent_text=pending.text_id.body,
            crm_consent_what=pending.display_name,
        ).send_mail(
            self.partner_id.id, email_layout_xmlid="mail.mail_notification_light"
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "A request to confirm the consent was sent to %(email)s.",
                    email=self.partner_id.email,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
