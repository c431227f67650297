from collections import defaultdict

from odoo import api, fields, models

COST_GROUPS = "helpdesk_mgmt.group_helpdesk_user_own,sales_team.group_sale_salesman"


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_device_count = fields.Integer(
        string="Devices", compute="_compute_service_device_count"
    )
    # what the cost lines say, for those who may read them
    service_currency_id = fields.Many2one(
        "res.currency", compute="_compute_service_figures", groups=COST_GROUPS
    )
    service_cost_total = fields.Monetary(
        string="Our service cost",
        currency_field="service_currency_id",
        compute="_compute_service_figures",
        groups=COST_GROUPS,
    )
    service_billable_total = fields.Monetary(
        string="Service the customer pays",
        currency_field="service_currency_id",
        compute="_compute_service_figures",
        groups=COST_GROUPS,
    )

    def _compute_service_device_count(self):
        # a count only: salespeople without stock rights see it on the card too
        devices = dict(
            self.env["stock.lot"]
            .sudo()
            ._read_group(
                [
                    ("customer_id", "in", self.commercial_partner_id.ids),
                    ("company_id", "in", [*self.env.companies.ids, False]),
                ],
                ["customer_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.service_device_count = devices.get(partner.commercial_partner_id, 0)

    def _compute_service_figures(self):
        """Figures of the customer's company: one grouped query for all partners,
        each company's costs converted into the current company's currency."""
        commercial = self.commercial_partner_id
        currency = self.env.company.currency_id
        today = fields.Date.context_today(self)
        costs = defaultdict(lambda: [0.0, 0.0])
        for partner, company, cost, billable in self.env[
            "helpdesk.ticket.cost.line"
        ]._read_group(
            [("partner_id", "in", commercial.ids)],
            ["partner_id", "company_id"],
            ["cost_total:sum", "billable_total:sum"],
        ):
            source = company.currency_id or currency
            costs[partner][0] += source._convert(
                cost, currency, self.env.company, today
            )
            costs[partner][1] += source._convert(
                billable, currency, self.env.company, today
            )
        for partner in self:
            partner.service_currency_id = currency
            partner.service_cost_total, partner.service_billable_total = costs.get(
                partner.commercial_partner_id, (0.0, 0.0)
            )

    @api.readonly
    def action_open_service_devices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_warranty.stock_lot_action_device"
        )
        action["domain"] = [("customer_id", "=", self.commercial_partner_id.id)]
        action["context"] = {}
        return action

    @api.readonly
    def action_open_service_costs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_service_warranty.helpdesk_ticket_cost_line_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        return action
