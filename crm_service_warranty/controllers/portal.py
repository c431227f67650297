from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class ServiceWarrantyPortal(CustomerPortal):
    """The customer's devices (serials delivered to them) in the portal."""

    def _device_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("customer_id", "=", partner.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "device_count" in counters:
            values["device_count"] = (
                request.env["stock.lot"].sudo().search_count(self._device_domain())
            )
        return values

    @http.route(["/my/devices"], type="http", auth="user", website=True, readonly=True)
    def portal_my_devices(self, **kw):
        devices = (
            request.env["stock.lot"]
            .sudo()
            .search(self._device_domain(), order="warranty_effective_end desc, id desc")
        )
        values = self._prepare_portal_layout_values()
        values.update({"devices": devices, "page_name": "device"})
        return request.render("crm_service_warranty.portal_my_devices", values)

    @http.route(
        ["/my/devices/<int:lot_id>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def portal_my_device(self, lot_id, **kw):
        device = (
            request.env["stock.lot"]
            .sudo()
            .search([("id", "=", lot_id), *self._device_domain()], limit=1)
        )
        if not device:
            return request.redirect("/my")
        partner = request.env.user.partner_id.commercial_partner_id
        tickets = (
            request.env["helpdesk.ticket"]
            .sudo()
            .search(
                [
                    ("lot_id", "=", device.id),
                    ("partner_id", "child_of", partner.id),
                ],
                order="reported_date desc, id desc",
            )
        )
        values = self._prepare_portal_layout_values()
        values.update({"device": device, "tickets": tickets, "page_name": "device"})
        return request.render("crm_service_warranty.portal_my_device", values)
