from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _crm_caller_cards(self, company):
        # the PBX screen also says how many tickets of the caller's company are open
        cards = super()._crm_caller_cards(company)
        tickets = dict(
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "in", self.commercial_partner_id.ids),
                    ("stage_id.closed", "=", False),
                    ("company_id", "=", company.id),
                ],
                ["commercial_partner_id"],
                ["__count"],
            )
        )
        commercial_of = {p.id: p.commercial_partner_id for p in self}
        for card in cards:
            card["open_tickets"] = tickets.get(commercial_of[card["id"]], 0)
        return cards
