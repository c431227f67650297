from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.misc import hash_sign

from .crm_call import CONSENT_DISPLAY


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_consent_ids = fields.One2many(
        "crm.consent", "partner_id", string="Consent History", readonly=True
    )
    crm_consent_status_ids = fields.One2many(
        "crm.consent.status", "partner_id", string="Consents", readonly=True
    )
    crm_consent_email_marketing = fields.Boolean(
        string="May be e-mailed for marketing",
        compute="_compute_crm_consent_marketing",
        search="_search_crm_consent_email_marketing",
    )
    crm_consent_phone_marketing = fields.Boolean(
        string="May be called for marketing",
        compute="_compute_crm_consent_marketing",
        search="_search_crm_consent_phone_marketing",
    )
    crm_consent_phone_state = fields.Selection(
        CONSENT_DISPLAY,
        string="Phone Marketing Consent",
        compute="_compute_crm_consent_marketing",
    )

    def _compute_crm_consent_marketing(self):
        ids = [pid for pid in self.ids if pid]
        email = self._crm_consent_state_map(ids, "email")
        phone = self._crm_consent_state_map(ids, "phone")
        for partner in self:
            partner.crm_consent_email_marketing = email.get(partner.id) == "given"
            partner.crm_consent_phone_marketing = phone.get(partner.id) == "given"
            partner.crm_consent_phone_state = phone.get(partner.id, "none")

    @api.model
    def _crm_consent_state_map(self, partner_ids, channel_code, purpose=None):
        Consent = self.env["crm.consent"]
        channel = Consent._crm_channel(channel_code)
        purpose = purpose or Consent._crm_marketing_purpose()
        if not channel or not purpose:
            return {}
        return Consent.sudo()._crm_consent_states(partner_ids, channel, purpose)

    def _crm_search_marketing(self, channel_code, operator, value):
        if operator in ("=", "!="):
            values, negate = {bool(value)}, operator == "!="
        elif operator in ("in", "not in"):
            values, negate = {bool(v) for v in value}, operator == "not in"
        else:
            return NotImplemented
        Consent = self.env["crm.consent"].sudo()
        channel = Consent._crm_channel(channel_code)
        purpose = Consent._crm_marketing_purpose()
        if not channel or not purpose:
            return [("id", "=", 0)]
        allowed = Consent._crm_allowed_partner_sql(
            SQL("SELECT partner_id FROM crm_consent"), channel, purpose
        )
        if len(values) == 2:
            return [("id", "=", 0)] if negate else []
        positive = (True in values) != negate
        return [("id", "in" if positive else "not in", allowed)]

    def _search_crm_consent_email_marketing(self, operator, value):
        return self._crm_search_marketing("email", operator, value)

    def _search_crm_consent_phone_marketing(self, operator, value):
        return self._crm_search_marketing("phone", operator, value)

    def _crm_consent_address(self, channel):
        """The address a consent by this channel is given for, as proof."""
        self.ensure_one()
        if channel.code == "email":
            return self.email or False
        if channel.code in ("phone", "sms"):
            return self.phone or False
        if channel.code == "letter":
            return self._display_address(without_company=True).replace("\n", ", ")
        return False

    def _crm_caller_cards(self, company):
        cards = super()._crm_caller_cards(company)
        states = self._crm_consent_state_map([card["id"] for card in cards], "phone")
        for card in cards:
            card["phone_marketing_consent"] = states.get(card["id"], "none")
        return cards

    def unlink(self):
        """Erasing a contact (GDPR) keeps the proof of its consents: the lines
        stay, without the contact, its address, IP address and scan."""
        lines = (
            self.env["crm.consent"]
            .sudo()
            .search([("partner_id", "in", self.ids), ("anonymised", "=", False)])
        )
        if lines:
            lines.with_context(crm_consent_anonymise=True).write(
                {
                    "address": False,
                    "ip_address": False,
                    "scan": False,
                    "scan_name": False,
                    "note": False,
                    "anonymised": True,
                    "erased_date": fields.Datetime.now(),
                }
            )
        return super().unlink()

    def action_crm_record_consent(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record a Consent"),
            "res_model": "crm.consent.record.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    def action_crm_marketing_call(self):
        return self._crm_open_contact_wizard("phone")

    def action_crm_marketing_sms(self):
        return self._crm_open_contact_wizard("sms")

    def _crm_open_contact_wizard(self, channel_code):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Marketing Contact"),
            "res_model": "crm.consent.contact.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_partner_id": self.id,
                "default_channel_id": self.env["crm.consent"]
                ._crm_channel(channel_code)
                .id,
            },
        }

    def action_crm_consent_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_contacts_consent.crm_consent_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {}
        return action

    def _crm_consent_portal_token(self, hours=24 * 60):
        """A signed link token to this contact's consent page (no account)."""
        self.ensure_one()
        return hash_sign(
            self.env(su=True),
            "crm_contacts_consent",
            {"partner_id": self.id},
            expiration_hours=hours,
        )

    def _crm_consent_portal_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/consent/{self._crm_consent_portal_token()}"
