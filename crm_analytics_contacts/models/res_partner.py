from odoo import api, models
from odoo.tools import SQL


class ResPartner(models.Model):
    """The holding groups of crm_contacts_ext in crm_analytics: the top of a
    customer's group is its stored ``crm_group_root_id`` (the one definition
    of a group, kept by crm_contacts_ext), read through crm_analytics' hooks
    by the receivables by age, the payment figures and the history."""

    _inherit = "res.partner"

    def _crm_holding(self):
        self.ensure_one()
        partner = self.commercial_partner_id
        return partner.crm_group_root_id or partner

    def _crm_holding_members(self):
        self.ensure_one()
        holding = self._crm_holding()
        return holding | self.with_context(active_test=False).search(
            [("crm_group_root_id", "=", holding.id)]
        )

    def _crm_group_root_sql(self, alias):
        return SQL.identifier(
            alias, "crm_group_root_id", to_flush=self._fields["crm_group_root_id"]
        )

    @api.model
    def _crm_holding_root_sql(self, alias):
        # rows inserted by SQL may not have their root computed yet
        return SQL(
            "COALESCE(%s, %s)",
            self._crm_group_root_sql(alias),
            SQL.identifier(alias, "id"),
        )

    @api.model
    def _crm_holding_member_sql(self, alias, root):
        # the root's own index, and the top by its id
        return SQL(
            "(%s = %s OR %s = %s)",
            self._crm_group_root_sql(alias),
            root,
            SQL.identifier(alias, "id"),
            root,
        )
