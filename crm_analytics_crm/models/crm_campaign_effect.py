from odoo import fields, models
from odoo.tools import SQL


class CrmCampaignEffect(models.Model):
    """One row more per lead (and opportunity, lost ones included): the
    campaign, medium and source that brought it, on the day it came in."""

    _inherit = "crm.campaign.effect"

    kind = fields.Selection(selection_add=[("lead", "Lead")])
    lead_id = fields.Many2one("crm.lead", readonly=True)
    lead_count = fields.Integer(string="Leads", readonly=True)
    won_lead_count = fields.Integer(
        string="Won leads", readonly=True, help="Leads of the group won since."
    )
    lead_conversion = fields.Float(
        string="Lead conversion (%)",
        readonly=True,
        digits=(16, 1),
        help="Won leads / leads x 100 over the group.",
    )

    def _crm_effect_rows(self):
        return [
            *super()._crm_effect_rows(),
            SQL(
                """
            SELECT 4 * l.id + 2, 'lead', l.company_id, l.create_date::date,
                   l.campaign_id, l.medium_id, l.source_id, NULL,
                   p.commercial_partner_id, l.user_id, 0, 0, 0, FALSE, 0, 0, 0,
                   NULL, NULL %s
              FROM crm_lead l
              LEFT JOIN res_partner p ON p.id = l.partner_id""",
                self._crm_effect_columns("lead"),
            ),
        ]

    def _crm_effect_columns(self, kind):
        if kind == "lead":
            return SQL(
                """%s, l.id AS lead_id, 1 AS lead_count,
                   (l.won_status = 'won')::int AS won_lead_count,
                   NULL::float8 AS lead_conversion""",
                super()._crm_effect_columns(kind),
            )
        return SQL(
            """%s, NULL::int AS lead_id, 0 AS lead_count, 0 AS won_lead_count,
               NULL::float8 AS lead_conversion""",
            super()._crm_effect_columns(kind),
        )

    def _read_group_select(self, aggregate_spec, query):
        """The conversion of a group from its sums."""
        if aggregate_spec.split(":")[0] == "lead_conversion":
            return SQL(
                "ROUND((100.0 * SUM(%s) / NULLIF(SUM(%s), 0))::numeric, 1)",
                self._field_to_sql(self._table, "won_lead_count", query),
                self._field_to_sql(self._table, "lead_count", query),
            )
        return super()._read_group_select(aggregate_spec, query)

    def action_crm_open_leads(self):
        """The leads of the selected rows."""
        action = self.env["ir.actions.act_window"]._for_xml_id("crm.crm_lead_all_leads")
        action.update(
            domain=[("id", "in", self.lead_id.ids)],
            context={"active_test": False},
        )
        return action
