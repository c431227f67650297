from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import formatLang


class CrmDiscountLevel(models.Model):
    """A customer's discount level: quotation lines get its discount by themselves."""

    _name = "crm.discount.level"
    _description = "Discount Level"
    _order = "discount, id"

    name = fields.Char(required=True, translate=True)
    discount = fields.Float(
        string="Discount (%)", digits="Discount", required=True, default=0.0
    )
    categ_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="The discount applies to products of these categories and their "
        "subcategories. Empty: to every product.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True)
    partner_count = fields.Integer(string="Customers", compute="_compute_partner_count")

    @api.constrains("discount")
    def _check_discount(self):
        for level in self:
            if not 0 <= level.discount <= 100:
                raise ValidationError(
                    self.env._(
                        "The discount of %(level)s is %(discount)s%%: "
                        "it must be between 0 and 100%%.",
                        level=level.name,
                        discount=formatLang(self.env, level.discount),
                    )
                )

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("crm_discount_level_id", "in", self.ids)],
                ["crm_discount_level_id"],
                ["__count"],
            )
        )
        for level in self:
            level.partner_count = counts.get(level, 0)

    def _applies_to(self, product):
        """Whether the level's discount applies to this product."""
        self.ensure_one()
        if not self.categ_ids:
            return True
        path = product.categ_id.parent_path or ""
        return any(path.startswith(categ.parent_path) for categ in self.categ_ids)

    @api.readonly
    def action_open_partners(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customers of %(level)s", level=self.display_name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("crm_discount_level_id", "=", self.id)],
        }
