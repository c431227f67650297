from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_visit_count = fields.Integer(
        string="Visits", compute="_compute_crm_visit_count", groups="base.group_user"
    )

    def _compute_crm_visit_count(self):
        commercial = self.commercial_partner_id
        counts = dict(
            self.env["crm.visit"]._read_group(
                [("customer_id", "in", commercial.ids)], ["customer_id"], ["__count"]
            )
        )
        for partner in self:
            partner.crm_visit_count = counts.get(partner.commercial_partner_id, 0)

    def action_crm_plan_visit(self):
        """A new visit to this company, or to this person's company with the
        person invited."""
        self.ensure_one()
        customer = self.commercial_partner_id
        person = self if self != customer else self.browse()
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
                "default_origin": "person" if person else "company",
            },
        }

    def action_crm_open_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_contacts_visits.crm_visit_action"
        )
        action["domain"] = [("customer_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_customer_id": self.commercial_partner_id.id}
        return action
