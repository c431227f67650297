from markupsafe import Markup

from odoo import fields, models, tools

from .mailing_trace import CONSENT_FAILURES


class MailMail(models.Model):
    _inherit = "mail.mail"

    failure_type = fields.Selection(
        selection_add=CONSENT_FAILURES,
        ondelete={code: "set null" for code, _label in CONSENT_FAILURES},
    )

    def _prepare_outgoing_body(self):
        """A marketing mailing's footer links to the recipient's consent page
        (a signed link, no account needed): withdrawing is one click away
        from every mail that relied on the consent."""
        body = super()._prepare_outgoing_body()
        purpose = self.mailing_id.crm_consent_purpose_id
        if not (body and purpose and self.res_id) or self.env.context.get(
            "mailing_test_mail"
        ):
            return body
        partner = self._crm_consent_partner(purpose)
        if not partner:
            return body
        lang = partner.lang or self.env.lang
        env = self.with_context(lang=lang).env
        footer = Markup(
            '<p style="font-size:12px;text-align:center;color:#6c757d">'
            '%s <a href="%s">%s</a></p>'
        ) % (
            env._(
                "You receive this e-mail because you agreed to it (%s).",
                purpose.with_context(lang=lang).name,
            ),
            partner._crm_consent_portal_url(),
            env._("Manage or withdraw your consents"),
        )
        return tools.mail.append_content_to_html(body, footer, plaintext=False)

    def _crm_consent_partner(self, purpose):
        """The contact whose consents the footer manages: the recipient of a
        mailing to contacts, else the contact with the recipient's address
        whose consent let the mail go (the rule of the send-time check)."""
        Partner = self.env["res.partner"].sudo()
        if self.model == "res.partner":
            return Partner.browse(self.res_id).exists()
        email = tools.email_normalize(self.email_to or "", strict=False)
        partners = (
            Partner.search([("email_normalized", "=", email)]) if email else Partner
        )
        if len(partners) < 2:
            return partners
        Consent = self.env["crm.consent"].sudo()
        channel = Consent._crm_channel("email")
        if not channel:
            return partners[:1]
        states = Consent._crm_consent_states(partners.ids, channel, purpose)
        agreed = partners.filtered(lambda p: states.get(p.id) == "given")
        return (agreed or partners)[:1]
