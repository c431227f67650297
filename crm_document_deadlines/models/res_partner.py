from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # counts of registers the user may read: hidden from the others
    crm_document_count = fields.Integer(
        string="Documents",
        compute="_compute_crm_document_counts",
        groups="crm_document_deadlines.group_document_user",
    )
    crm_correspondence_count = fields.Integer(
        string="Correspondence entries",
        compute="_compute_crm_document_counts",
        groups="crm_document_deadlines.group_document_user",
    )

    def _compute_crm_document_counts(self):
        domain = [("partner_id", "child_of", self.ids)]
        documents = dict(
            self.env["crm.document"]._read_group(domain, ["partner_id"], ["__count"])
        )
        letters = dict(
            self.env["crm.correspondence"]._read_group(
                domain, ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            family = self.browse(partner._origin.id)
            family = self.search([("id", "child_of", family.ids)]) if family else family
            partner.crm_document_count = sum(documents.get(p, 0) for p in family)
            partner.crm_correspondence_count = sum(letters.get(p, 0) for p in family)

    def _crm_action(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("partner_id", "child_of", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    @api.readonly
    def action_view_crm_documents(self):
        return self._crm_action("crm_document_deadlines.crm_document_action")

    @api.readonly
    def action_view_crm_correspondence(self):
        return self._crm_action("crm_document_deadlines.crm_correspondence_action")
