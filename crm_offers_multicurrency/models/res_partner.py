from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    offer_count = fields.Integer(
        compute="_compute_offer_count", groups="sales_team.group_sale_salesman"
    )

    def _compute_offer_count(self):
        partners = self.with_context(active_test=False).search_fetch(
            [("id", "child_of", self.ids)], ["parent_id"]
        )
        groups = self.env["crm.offer"]._read_group(
            [("partner_id", "in", partners.ids)], ["partner_id"], ["__count"]
        )
        self.offer_count = 0
        for partner, count in groups:
            while partner:
                if partner in self:
                    partner.offer_count += count
                partner = partner.parent_id

    @api.readonly
    def action_view_offers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_offers_multicurrency.action_crm_offer"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
