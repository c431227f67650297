from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    crm_visit_ids = fields.One2many("crm.visit", "sale_order_id", string="Visits")

    def action_crm_plan_visit(self):
        """A visit to the offer's customer, about this offer."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        person = (
            self.partner_id if self.partner_id != customer else self.partner_id.browse()
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan a visit"),
            "res_model": "crm.visit",
            "view_mode": "form",
            "views": [
                (self.env.ref("crm_contacts_visits.crm_visit_view_form").id, "form")
            ],
            "context": {
                "default_customer_id": customer.id,
                "default_contact_ids": person.ids,
                "default_origin": "offer",
                "default_sale_order_id": self.id,
                "default_company_id": self.company_id.id,
                "default_purpose": self.env._("Offer %(offer)s", offer=self.name),
            },
        }
