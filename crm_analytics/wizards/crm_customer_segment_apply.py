from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang


class CrmCustomerSegmentApply(models.TransientModel):
    """Do something with a group of customers: add a tag (other addons add
    choices, e.g. a mailing list, with ``selection_add`` and an
    ``_apply_<choice>`` method)."""

    _name = "crm.customer.segment.apply"
    _description = "Act on Customers"

    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    partner_count = fields.Integer(compute="_compute_partner_count")
    action_type = fields.Selection(
        [("tag", "Add a tag")], string="Action", required=True, default="tag"
    )
    category_id = fields.Many2one("res.partner.category", string="Tag")

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        for wizard in self:
            wizard.partner_count = len(wizard.partner_ids)

    def action_apply(self):
        self.ensure_one()
        if not self.partner_ids:
            raise UserError(self.env._("Select at least one customer."))
        result = getattr(self, f"_apply_{self.action_type}")()
        return result or {"type": "ir.actions.act_window_close"}

    def _apply_tag(self):
        if not self.category_id:
            raise UserError(self.env._("Choose the tag to add."))
        self.partner_ids.write(
            {"category_id": [fields.Command.link(self.category_id.id)]}
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Tag %(tag)s added to %(count)s customers.",
                    tag=self.category_id.display_name,
                    count=formatLang(self.env, len(self.partner_ids), digits=0),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
