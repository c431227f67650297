from odoo import api, fields, models


class CrmCustomerValueMoved(models.Model):
    """Customers that gained or lost a contact (written when a contact moves
    to another company or becomes a company): the contact's orders now count
    for another customer, although no order was written, so the next refresh
    of every company recomputes both customers."""

    _name = "crm.customer.value.moved"
    _description = "Customer analysis: customers whose contacts moved"
    _log_access = False

    partner_id = fields.Many2one(
        "res.partner", required=True, readonly=True, ondelete="cascade"
    )
    # the start of the moving transaction, as an order's write date
    moved_at = fields.Datetime(required=True, readonly=True, index=True)

    @api.model
    def _crm_record(self, partners):
        if partners:
            self.env.cr.execute(
                """INSERT INTO crm_customer_value_moved (partner_id, moved_at)
                   SELECT id, now() AT TIME ZONE 'UTC' FROM unnest(%s) AS id""",
                [partners.ids],
            )

    @api.model
    def _crm_forget_seen(self):
        """Remove the moves that every company's refresh has looked past."""
        self.env["crm.analysis.refresh"].flush_model(["changes_from"])
        self.env.cr.execute(
            """DELETE FROM crm_customer_value_moved
                WHERE moved_at < (SELECT MIN(changes_from)
                                    FROM crm_analysis_refresh
                                   WHERE analysis = 'customers')"""
        )
