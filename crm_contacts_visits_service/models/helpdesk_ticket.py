from odoo import fields, models


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    crm_visit_ids = fields.One2many("crm.visit", "ticket_id", string="Service visits")
    crm_visit_count = fields.Integer(
        string="Visits", compute="_compute_crm_visit_count"
    )

    def _compute_crm_visit_count(self):
        counts = dict(
            self.env["crm.visit"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.crm_visit_count = counts.get(ticket, 0)

    def action_crm_plan_visit(self):
        """A service visit to the ticket's customer."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        person = (
            self.partner_id if self.partner_id != customer else self.partner_id.browse()
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan a service visit"),
            "res_model": "crm.visit",
            "view_mode": "form",
            "views": [
                (self.env.ref("crm_contacts_visits.crm_visit_view_form").id, "form")
            ],
            "context": {
                "default_customer_id": customer.id,
                "default_contact_ids": person.ids,
                "default_origin": "ticket",
                "default_ticket_id": self.id,
                "default_company_id": self.company_id.id,
                "default_name": self.env._(
                    "Service visit: %(ticket)s", ticket=self.display_name
                ),
                "default_purpose": self.name,
            },
        }

    def action_crm_open_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_contacts_visits.crm_visit_action"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        return action
