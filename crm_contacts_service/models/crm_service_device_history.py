from odoo import fields, models


class CrmServiceDeviceHistory(models.Model):
    """Calls that tickets of a device came from (row id: minus the ticket id)."""

    _inherit = "crm.service.device.history"
    _depends = {  # noqa: RUF012 (Odoo reads this class attribute)
        "helpdesk.ticket": ["call_id"],
        "crm.call": ["ring_date", "note", "customer_number"],
    }

    kind = fields.Selection(selection_add=[("call", "Phone call")])

    @property
    def _table_query(self):
        return (
            super()._table_query
            + """
        UNION ALL
        SELECT -t.id, t.lot_id, COALESCE(c.ring_date, c.create_date), 'call',
               concat_ws(' – ', c.customer_number, left(c.note, 150)), t.id,
               t.partner_id, t.company_id, NULL, NULL, 'crm.call', c.id
          FROM helpdesk_ticket t
          JOIN crm_call c ON c.id = t.call_id
         WHERE t.lot_id IS NOT NULL
        """
        )

    def _document(self):
        self.ensure_one()
        if self.id < 0:
            return self.env["helpdesk.ticket"].browse(-self.id).exists().call_id
        return super()._document()
