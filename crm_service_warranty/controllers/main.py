from werkzeug.exceptions import Forbidden

from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController


class ServiceTicketController(HelpdeskTicketController):
    """A ticket opened from the portal for one of the customer's devices."""

    def _own_device(self, lot_id):
        try:
            lot_id = int(lot_id or 0)
        except ValueError:
            lot_id = 0
        if not lot_id:
            return request.env["stock.lot"]
        partner = request.env.user.partner_id.commercial_partner_id
        device = (
            request.env["stock.lot"]
            .sudo()
            .search([("id", "=", lot_id), ("customer_id", "=", partner.id)], limit=1)
        )
        if not device:
            raise Forbidden()
        return device

    def _get_create_new_ticket_values(self, **kw):
        values = super()._get_create_new_ticket_values(**kw)
        values["service_device"] = self._own_device(kw.get("lot_id"))
        return values

    def _prepare_submit_ticket_vals(self, **kw):
        vals = super()._prepare_submit_ticket_vals(**kw)
        device = self._own_device(kw.get("lot_id"))
        if device:
            vals["lot_id"] = device.id
        return vals
