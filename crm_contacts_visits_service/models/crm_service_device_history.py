from odoo import models

# visits' row ids: below every id of the other lines (calls use minus the ticket id)
VISIT_OFFSET = 1 << 30


class CrmServiceDeviceHistory(models.Model):
    """Service visits of a device's tickets in the device's history."""

    _inherit = "crm.service.device.history"
    _depends = {  # noqa: RUF012 (Odoo reads this class attribute)
        "crm.visit": ["ticket_id", "event_id", "visit_state", "outcome"],
        "calendar.event": ["name", "start", "active"],
    }

    @property
    def _table_query(self):
        return (
            super()._table_query
            + f"""
        UNION ALL
        SELECT -({VISIT_OFFSET} + v.id), t.lot_id, e.start, 'event',
               concat_ws(' – ', e.name, v.outcome), t.id, t.partner_id,
               t.company_id, NULL, NULL, 'crm.visit', v.id
          FROM crm_visit v
          JOIN calendar_event e ON e.id = v.event_id
          JOIN helpdesk_ticket t ON t.id = v.ticket_id
         WHERE t.lot_id IS NOT NULL AND e.active AND v.visit_state != 'cancelled'
        """
        )

    def _document(self):
        self.ensure_one()
        if self.id <= -VISIT_OFFSET:
            return self.env["crm.visit"].browse(-self.id - VISIT_OFFSET).exists()
        return super()._document()
