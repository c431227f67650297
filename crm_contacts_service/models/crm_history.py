from odoo import api, models


class CrmHistory(models.Model):
    _inherit = "crm.history"

    @api.model
    def _crm_history_sources(self):
        sources = super()._crm_history_sources()
        sources["ticket"] = {
            "label": self.env._("Ticket"),
            "model": "helpdesk.ticket",
            "query": "SELECT t.id, t.create_date, t.partner_id, "
            "concat_ws(' – ', t.number, t.name, s.name->>'en_US', "
            "nullif(concat_ws(' ', pt.name->>'en_US', l.name), '')), "
            "t.user_id, t.company_id, 'helpdesk.ticket', t.id, NULL, NULL, NULL "
            "FROM helpdesk_ticket t "
            "LEFT JOIN helpdesk_ticket_stage s ON s.id = t.stage_id "
            "LEFT JOIN stock_lot l ON l.id = t.lot_id "
            "LEFT JOIN product_product pp ON pp.id = t.product_id "
            "LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id "
            "WHERE t.partner_id IS NOT NULL",
        }
        return sources

    def _crm_history_summaries(self):
        """A ticket's stage and device in the reader's language (the SQL takes
        the English names)."""
        summaries = super()._crm_history_summaries()
        lines = self.filtered(lambda line: line.kind == "ticket")
        if not lines:
            return summaries
        tickets = self.env["helpdesk.ticket"].browse(set(lines.mapped("res_id")))
        by_id = {ticket.id: ticket for ticket in tickets}
        for line in lines:
            ticket = by_id[line.res_id]
            # the device, as the SQL shows it to every reader of the ticket
            device = ticket.sudo()
            summaries[line] = " – ".join(
                filter(
                    None,
                    [
                        ticket.number,
                        ticket.name,
                        ticket.stage_id.name,
                        " ".join(
                            filter(None, [device.product_id.name, device.lot_id.name])
                        ),
                    ],
                )
            )
        return summaries
