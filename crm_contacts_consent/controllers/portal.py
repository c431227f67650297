import binascii

from werkzeug.exceptions import Forbidden

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request
from odoo.tools.misc import verify_hash_signed

from odoo.addons.portal.controllers.portal import CustomerPortal

SCOPE = "crm_contacts_consent"


class ConsentPortal(CustomerPortal):
    """A person's consents in the portal (/my/consents) and, for people
    without an account, on a page reached by a signed link (/consent/<token>,
    the link of a mailing's footer or of a confirmation request)."""

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _crm_consent_rows(self, partner):
        """Each purpose and channel a person can agree to, with its state."""
        env = request.env
        Consent = env["crm.consent"].sudo()
        channels = env["crm.consent.channel"].sudo().search([])
        rows = []
        for purpose in env["crm.consent.purpose"].sudo().search([]):
            text = purpose.current_text_id
            if not text:
                continue
            for channel in channels:
                if not purpose._crm_allows_channel(channel):
                    continue
                states = Consent._crm_consent_states(partner.ids, channel, purpose)
                rows.append(
                    {
                        "purpose": purpose,
                        "channel": channel,
                        "text": text,
                        "state": states.get(partner.id, "none"),
                    }
                )
        return rows

    def _crm_consent_apply(self, partner, post, method, address=None):
        """Give or withdraw one consent; return an error message or None."""
        env = request.env
        try:
            channel = (
                env["crm.consent.channel"].sudo().browse(int(post.get("channel_id")))
            )
            purpose = (
                env["crm.consent.purpose"].sudo().browse(int(post.get("purpose_id")))
            )
        except (TypeError, ValueError):
            raise Forbidden() from None
        if not channel.exists() or not purpose.exists():
            raise Forbidden()
        action = post.get("consent_action")
        if action not in ("give", "withdraw"):
            raise Forbidden()
        Consent = env["crm.consent"].sudo()
        pending = Consent.search(
            [
                ("partner_id", "=", partner.id),
                ("channel_id", "=", channel.id),
                ("purpose_id", "=", purpose.id),
                ("state", "=", "pending"),
            ],
            limit=1,
        )
        vals = {
            "partner_id": partner.id,
            "channel_id": channel.id,
            "purpose_id": purpose.id,
            "state": "given" if action == "give" else "withdrawn",
            "method": method,
            "user_id": env.user.id,
            "ip_address": request.httprequest.remote_addr,
            "company_id": partner.company_id.id or env.company.id,
        }
        if address:
            vals["address"] = address
        if action == "give":
            vals["text_id"] = purpose.current_text_id.id
            if pending and pending.text_id == purpose.current_text_id:
                # the e-mail request confirmed: double opt-in
                vals["confirmation_of_id"] = pending.id
                vals["method"] = "email"
        try:
            with env.cr.savepoint():
                Consent.create([vals])
        except ValidationError as error:
            return str(error)
        return None

    def _crm_consent_redirect(self, url, error):
        request.session["crm_consent_feedback"] = error or ""
        return request.redirect(url)

    def _crm_consent_feedback(self):
        feedback = request.session.pop("crm_consent_feedback", None)
        return {
            "crm_message": feedback == "",
            "crm_error": feedback or False,
        }

    def _crm_consent_partner_from_token(self, token):
        """The contact of a signed link, or a 403: tampered, expired, or
        opened by someone logged in as another person."""
        try:
            payload = verify_hash_signed(request.env(su=True), SCOPE, token)
        except (ValueError, TypeError, UnicodeDecodeError, binascii.Error):
            payload = None
        partner = None
        if isinstance(payload, dict) and isinstance(payload.get("partner_id"), int):
            partner = (
                request.env["res.partner"].sudo().browse(payload["partner_id"]).exists()
            )
        if not partner:
            raise Forbidden()
        user = request.env.user
        if not user._is_public() and user.partner_id != partner:
            raise Forbidden()
        return partner

    # ------------------------------------------------------------------
    # the portal
    # ------------------------------------------------------------------

    @http.route("/my/consents", type="http", auth="user", website=True, readonly=True)
    def portal_my_consents(self, **kw):
        partner = request.env.user.partner_id
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "crm_consents",
                "crm_partner": partner,
                "crm_rows": self._crm_consent_rows(partner),
                "crm_action_url": "/my/consents/update",
                **self._crm_consent_feedback(),
            }
        )
        return request.render("crm_contacts_consent.portal_my_consents", values)

    @http.route(
        "/my/consents/update", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_my_consents_update(self, **post):
        partner = request.env.user.partner_id
        error = self._crm_consent_apply(partner, post, "portal")
        return self._crm_consent_redirect("/my/consents", error)

    # ------------------------------------------------------------------
    # the signed link
    # ------------------------------------------------------------------

    @http.route(
        "/consent/<string:token>",
        type="http",
        auth="public",
        website=True,
        readonly=True,
    )
    def crm_consent_public(self, token, **kw):
        partner = self._crm_consent_partner_from_token(token)
        values = {
            "page_name": "crm_consents",
            "crm_partner": partner,
            "crm_rows": self._crm_consent_rows(partner),
            "crm_action_url": f"/consent/{token}/update",
            **self._crm_consent_feedback(),
            "crm_public": True,
        }
        return request.render("crm_contacts_consent.portal_public_consents", values)

    @http.route(
        "/consent/<string:token>/update",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
    )
    def crm_consent_public_update(self, token, **post):
        partner = self._crm_consent_partner_from_token(token)
        error = self._crm_consent_apply(partner, post, "web", address=partner.email)
        return self._crm_consent_redirect(f"/consent/{token}", error)
