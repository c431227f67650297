from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class OfferPortal(CustomerPortal):
    def _offer_domain(self):
        partner = request.env.user.partner_id
        return [
            ("partner_id", "child_of", partner.commercial_partner_id.id),
            ("state", "in", ("sent", "won", "lost")),
        ]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "offer_count" in counters:
            Offer = request.env["crm.offer"]
            values["offer_count"] = (
                Offer.search_count(self._offer_domain())
                if Offer.has_access("read")
                else 0
            )
        return values

    # read/write: the page gives each offer its portal access token on first view
    @http.route(["/my/offers"], type="http", auth="user", website=True)
    def portal_my_offers(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "offers": request.env["crm.offer"].search(self._offer_domain()),
                "page_name": "offer",
            }
        )
        return request.render("crm_offers_multicurrency.portal_my_offers", values)

    @http.route(
        ["/my/offers/<int:offer_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_offer_page(self, offer_id, access_token=None, **kw):
        try:
            offer_sudo = self._document_check_access(
                "crm.offer", offer_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._get_page_view_values(
            offer_sudo,
            access_token,
            {"offer": offer_sudo, "page_name": "offer"},
            "my_offers_history",
            False,
        )
        return request.render("crm_offers_multicurrency.portal_offer_page", values)
