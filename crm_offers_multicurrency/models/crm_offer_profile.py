from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmOfferProfile(models.Model):
    _name = "crm.offer.profile"
    _description = "Offer Profile"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_ids = fields.Many2many(
        "res.currency",
        string="Currencies",
        required=True,
        help="Every variant of an offer is priced in each of these currencies.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        check_company=True,
        help="Pricelist of the quotations in its currency; quotations in other "
        "currencies get a pricelist of their own currency.",
    )
    payment_term_id = fields.Many2one(
        "account.payment.term", string="Payment Terms", check_company=True
    )
    validity_days = fields.Integer(string="Validity (days)", default=30)
    lang = fields.Selection(
        "_lang_get",
        string="Language",
        help="Language of the printed offer; empty: the customer's language.",
    )
    intro_text = fields.Html(string="Introduction", translate=True)
    closing_text = fields.Html(translate=True)
    max_discount = fields.Float(
        string="Max Discount without Approval (%)",
        default=10.0,
        help="A quotation of an offer with a larger discount on any line can only "
        "be confirmed after a sales manager approves the offer.",
    )
    sale_order_template_id = fields.Many2one(
        "sale.order.template", string="Quotation Template", check_company=True
    )
    rate_rule = fields.Selection(
        [
            ("date", "Rate of the chosen date"),
            ("business_day_before", "Last business day before the date"),
        ],
        string="Exchange Rate Rule",
        required=True,
        default="date",
        help="Last business day before the date: the Polish practice for invoices "
        "and tax (weekends and Polish public holidays are skipped).",
    )
    user_ids = fields.Many2many(
        "res.users",
        string="Default for Salespeople",
        domain="[('share', '=', False)]",
    )
    team_ids = fields.Many2many(
        "crm.team", string="Default for Sales Teams", check_company=True
    )

    _max_discount_range = models.Constraint(
        "CHECK(max_discount >= 0 AND max_discount <= 100)",
        "The maximum discount of an offer profile must be between 0 and 100%.",
    )
    _validity_days_positive = models.Constraint(
        "CHECK(validity_days >= 0)",
        "The validity of an offer profile cannot be negative.",
    )

    @api.constrains("currency_ids")
    def _check_currencies(self):
        # the form marks the field required and offers active currencies only;
        # an import or RPC call must not save what the pricing cannot use
        for profile in self.with_context(active_test=False):
            if not profile.currency_ids:
                raise ValidationError(
                    self.env._(
                        "Offer profile %(profile)s needs at least one currency "
                        "(field Currencies).",
                        profile=profile.name,
                    )
                )
            archived = profile.currency_ids.filtered(lambda c: not c.active)
            if archived:
                raise ValidationError(
                    self.env._(
                        "Offer profile %(profile)s: currency %(currency)s is "
                        "inactive and no quotation can be priced in it. Activate "
                        "it (Accounting, Configuration, Currencies) or remove it "
                        "from the profile.",
                        profile=profile.name,
                        currency=", ".join(archived.mapped("name")),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        profiles = super().create(vals_list)
        # constraints run only for the fields given: a profile created without
        # currencies would not be checked
        profiles._check_currencies()
        return profiles

    @api.constrains("user_ids")
    def _check_internal_users(self):
        for profile in self:
            portal = profile.user_ids.filtered("share")
            if portal:
                raise ValidationError(
                    self.env._(
                        "Offer profile %(profile)s can be the default only of "
                        "internal users, not of %(users)s.",
                        profile=profile.name,
                        users=", ".join(portal.mapped("name")),
                    )
                )

    @api.model
    def _lang_get(self):
        return self.env["res.lang"].get_installed()

    @api.constrains("user_ids", "team_ids", "company_id", "active")
    def _check_single_default(self):
        for profile in self.filtered("active"):
            others = self.search(
                [
                    ("id", "!=", profile.id),
                    ("company_id", "=", profile.company_id.id),
                    "|",
                    ("user_ids", "in", profile.user_ids.ids),
                    ("team_ids", "in", profile.team_ids.ids),
                ]
            )
            for other in others:
                shared = (other.user_ids & profile.user_ids).mapped("name") + (
                    other.team_ids & profile.team_ids
                ).mapped("name")
                if shared:
                    raise ValidationError(
                        self.env._(
                            "%(names)s already has the default offer profile "
                            "%(other)s; a salesperson or team can have one default "
                            "profile per company.",
                            names=", ".join(shared),
                            other=other.name,
                        )
                    )

    @api.model
    def _default_for(self, user, team, company):
        """The profile a new offer of this salesperson starts from."""
        domain = [("company_id", "=", company.id)]
        return (
            self.search(domain + [("user_ids", "in", user.ids)], limit=1)
            or (team and self.search(domain + [("team_ids", "in", team.ids)], limit=1))
            or self.search(domain, limit=1)
        )
