from datetime import timedelta

import holidays

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date


class CrmOffer(models.Model):
    _name = "crm.offer"
    _description = "Variant Offer"
    _inherit = ("portal.mixin", "mail.thread", "mail.activity.mixin")
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
    )
    profile_id = fields.Many2one(
        "crm.offer.profile",
        string="Offer Profile",
        required=True,
        compute="_compute_profile_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
    )
    sale_order_template_id = fields.Many2one(
        "sale.order.template",
        string="Quotation Template",
        compute="_compute_from_profile",
        store=True,
        readonly=False,
        check_company=True,
    )
    currency_ids = fields.Many2many(
        "res.currency",
        string="Currencies",
        compute="_compute_from_profile",
        store=True,
        readonly=False,
    )
    currency_id = fields.Many2one(
        "res.currency",
        string="Offer Currency",
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        help="Currency in which the printed offer shows the variants side by side.",
    )
    validity_date = fields.Date(
        string="Valid Until",
        compute="_compute_from_profile",
        store=True,
        readonly=False,
    )
    lang = fields.Selection(
        related="profile_id.lang", string="Profile Language", readonly=True
    )
    rate_date = fields.Date(
        string="Exchange Rate Date",
        required=True,
        # the user's day, else the company's (not UTC's)
        default=lambda self: fields.Date.context_today(
            self.with_context(
                tz=self.env.context.get("tz")
                or self.env.user.tz
                or self.env.company.partner_id.tz
            )
        ),
        tracking=True,
    )
    rate_rule = fields.Selection(related="profile_id.rate_rule")
    rate_ids = fields.One2many(
        "crm.offer.rate", "offer_id", string="Exchange Rates", readonly=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent"), ("won", "Won"), ("lost", "Lost")],
        required=True,
        default="draft",
        index=True,
        tracking=True,
        copy=False,
    )
    lost_reason = fields.Text(copy=False, tracking=True)
    variant_ids = fields.One2many(
        "crm.offer.variant", "offer_id", string="Variants", copy=True
    )
    order_ids = fields.One2many(
        "sale.order", "offer_id", string="Quotations", readonly=True, copy=False
    )
    order_count = fields.Integer(compute="_compute_order_count")
    accepted_order_id = fields.Many2one(
        "sale.order", string="Accepted Quotation", readonly=True, copy=False
    )
    max_discount = fields.Float(
        string="Largest Discount (%)",
        compute="_compute_max_discount",
        store=True,
    )
    approved_discount = fields.Float(
        string="Approved Discount (%)", readonly=True, copy=False, tracking=True
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    needs_approval = fields.Boolean(
        compute="_compute_max_discount",
        store=True,
        help="A discount is above the profile's limit and not yet approved.",
    )
    amount_total = fields.Monetary(
        string="Best Total",
        compute="_compute_amount_total",
        help="Total of the cheapest variant in the offer's currency; of a won "
        "offer, the total of the accepted variant.",
    )

    @api.constrains("currency_ids", "currency_id")
    def _check_currencies(self):
        for offer in self.with_context(active_test=False):
            archived = offer.currency_ids.filtered(lambda c: not c.active)
            if archived:
                raise ValidationError(
                    self.env._(
                        "Offer %(offer)s: currency %(currency)s is inactive and no "
                        "quotation can be priced in it. Activate it or remove it "
                        "from the offer.",
                        offer=offer.name,
                        currency=", ".join(archived.mapped("name")),
                    )
                )
            if offer.currency_id and offer.currency_id not in offer.currency_ids:
                raise ValidationError(
                    self.env._(
                        "The offer currency %(currency)s of offer %(offer)s must be "
                        "one of its currencies (%(currencies)s).",
                        currency=offer.currency_id.name,
                        offer=offer.name,
                        currencies=", ".join(offer.currency_ids.mapped("name")),
                    )
                )

    @api.constrains("user_id")
    def _check_user_internal(self):
        for offer in self.filtered("user_id.share"):
            raise ValidationError(
                self.env._(
                    "The salesperson of offer %(offer)s must be an internal user, "
                    "not %(user)s.",
                    offer=offer.name,
                    user=offer.user_id.name,
                )
            )

    @api.depends("user_id", "company_id")
    def _compute_team_id(self):
        for offer in self:
            offer.team_id = self.env["crm.team"]._get_default_team_id(
                user_id=offer.user_id.id,
                domain=[("company_id", "in", [offer.company_id.id, False])],
            )

    @api.depends("user_id", "team_id", "company_id")
    def _compute_profile_id(self):
        for offer in self:
            if not offer.profile_id or offer.profile_id.company_id != offer.company_id:
                offer.profile_id = self.env["crm.offer.profile"]._default_for(
                    offer.user_id, offer.team_id, offer.company_id
                )

    @api.depends("profile_id")
    def _compute_from_profile(self):
        today = fields.Date.context_today(self)
        for offer in self:
            profile = offer.profile_id
            offer.sale_order_template_id = profile.sale_order_template_id
            offer.currency_ids = profile.currency_ids
            offer.validity_date = today + timedelta(days=profile.validity_days)

    @api.depends("currency_ids", "partner_id")
    def _compute_currency_id(self):
        for offer in self:
            partner_currency = offer.partner_id.property_product_pricelist.currency_id
            if offer.currency_id in offer.currency_ids:
                continue
            offer.currency_id = (
                partner_currency
                if partner_currency in offer.currency_ids
                else offer.currency_ids[:1]
            )

    def _compute_order_count(self):
        counts = dict(
            self.env["sale.order"]._read_group(
                [("offer_id", "in", self.ids)], ["offer_id"], ["__count"]
            )
        )
        for offer in self:
            offer.order_count = counts.get(offer, 0)

    @api.depends(
        "variant_ids.line_ids.discount",
        "order_ids.order_line.discount",
        "profile_id.max_discount",
        "approved_discount",
    )
    def _compute_max_discount(self):
        for offer in self:
            discounts = offer.variant_ids.line_ids.mapped("discount") + (
                offer.order_ids.order_line.mapped("discount")
            )
            offer.max_discount = max(discounts, default=0.0)
            offer.needs_approval = offer.max_discount > max(
                offer.profile_id.max_discount, offer.approved_discount
            )

    @api.depends("order_ids.amount_total", "currency_id", "accepted_order_id")
    def _compute_amount_total(self):
        for offer in self:
            if offer.accepted_order_id:
                # accepted in any currency: the other currencies' quotations of
                # the same variant are cancelled but show what was accepted
                variant = offer.accepted_order_id.offer_variant_id
                offer.amount_total = variant.amount_total
                continue
            orders = offer.order_ids.filtered(
                lambda o, offer=offer: (
                    o.currency_id == offer.currency_id and o.state != "cancel"
                )
            )
            offer.amount_total = min(orders.mapped("amount_total"), default=0.0)

    def _compute_access_url(self):
        for offer in self:
            offer.access_url = f"/my/offers/{offer.id}"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("crm.offer") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if "partner_id" in vals:
            # the quotations are the customer's: they would stay with the
            # previous customer, who would no longer see the offer
            priced = self.filtered(
                lambda o: o.order_ids and o.partner_id.id != vals["partner_id"]
            )
            if priced:
                raise UserError(
                    self.env._(
                        "Offer %(offer)s already has quotations for %(customer)s: "
                        "its customer cannot change. Duplicate the offer for "
                        "another customer.",
                        offer=priced[0].name,
                        customer=priced[0].partner_id.display_name,
                    )
                )
        frozen = {"profile_id", "currency_ids", "rate_date"} & set(vals)
        if frozen and not self.env.context.get("crm_offer_repricing"):
            # the form makes them read-only once priced: the quotations and the
            # recorded rates come from them
            priced = self.filtered("order_ids")
            if priced:
                raise UserError(
                    self.env._(
                        "Offer %(offer)s is priced: its %(fields)s cannot change. "
                        "Use 'Re-price at Today's Rate' or duplicate the offer.",
                        offer=priced[0].name,
                        fields=", ".join(
                            self._fields[name]._description_string(self.env)
                            for name in sorted(frozen)
                        ),
                    )
                )
        return super().write(vals)

    def _check_variants_editable(self):
        """The form makes the variants read-only once priced; so does the ORM
        (an import, RPC): the quotations were made from them."""
        priced = self.filtered("order_ids")
        if priced:
            raise UserError(
                self.env._(
                    "Offer %(offer)s is priced: its variants and their lines "
                    "cannot change. Change its quotations, or duplicate the offer.",
                    offer=priced[0].name,
                )
            )

    # ------------------------------------------------------------------
    # Exchange rates
    # ------------------------------------------------------------------
    def _effective_rate_date(self):
        """The date whose rate the profile's rule asks for."""
        self.ensure_one()
        day = self.rate_date
        if self.rate_rule != "business_day_before":
            return day
        pl_holidays = holidays.country_holidays(
            "PL", years=range(day.year - 1, day.year + 1)
        )
        day -= timedelta(days=1)
        while day.weekday() >= 5 or day in pl_holidays:
            day -= timedelta(days=1)
        return day

    def _find_rate(self, currency, day):
        """Latest rate of `currency` on or before `day` (None when there is none)."""
        return self.env["res.currency.rate"].search(
            [
                ("currency_id", "=", currency.id),
                ("name", "<=", day),
                ("company_id", "in", [False, self.company_id.root_id.id]),
            ],
            order="name desc, company_id",
            limit=1,
        )

    def _prepare_rates(self):
        """Rates of every currency of the offer: a list of crm.offer.rate values.

        The factor is how many units of the currency one unit of the company's
        currency is worth, from Odoo's rates of both currencies. Raises a
        UserError naming the currency and the date when a currency has no rate
        on or before the date (before anything is written).
        """
        self.ensure_one()
        day = self._effective_rate_date()
        company_currency = self.company_id.currency_id
        base = self._find_rate(company_currency, day)
        base_rate = base.rate if base else 1.0
        values = []
        for currency in self.currency_ids:
            if currency == company_currency:
                values.append(
                    {
                        "currency_id": currency.id,
                        "rate": 1.0,
                        "requested_date": day,
                        "rate_date": day,
                    }
                )
                continue
            rate = self._find_rate(currency, day)
            if not rate:
                raise UserError(
                    self.env._(
                        "There is no exchange rate of %(currency)s on or before "
                        "%(date)s. Add the rate (Accounting or Sales configuration, "
                        "Currencies) or import it from NBP, then price the offer "
                        "again.",
                        currency=currency.name,
                        date=format_date(self.env, day),
                    )
                )
            values.append(
                {
                    "currency_id": currency.id,
                    "rate": rate.rate / base_rate,
                    "requested_date": day,
                    "rate_date": rate.name,
                    "table_no": rate.nbp_table_no,
                }
            )
        return values

    # ------------------------------------------------------------------
    # Quotations
    # ------------------------------------------------------------------
    def _check_can_price(self):
        for offer in self:
            if offer.state not in ("draft", "sent"):
                raise UserError(
                    self.env._(
                        "Offer %(offer)s is closed; it cannot be priced again.",
                        offer=offer.name,
                    )
                )
            # a currency archived since it was chosen would be skipped silently
            offer._check_currencies()
            if not offer.currency_ids:
                raise UserError(
                    self.env._(
                        "Offer %(offer)s has no currency: choose at least one.",
                        offer=offer.name,
                    )
                )
            empty = offer.variant_ids.filtered(lambda v: not v.line_ids)
            if not offer.variant_ids or empty:
                raise UserError(
                    self.env._(
                        "Offer %(offer)s needs variants with products before it "
                        "can be priced (empty: %(variants)s).",
                        offer=offer.name,
                        variants=", ".join(empty.mapped("name")) or "-",
                    )
                )

    def _currency_pricelist(self, currency):
        """The profile's pricelist when it has this currency, else one of it."""
        self.ensure_one()
        if self.profile_id.pricelist_id.currency_id == currency:
            return self.profile_id.pricelist_id
        Pricelist = self.env["product.pricelist"].sudo()
        domain = [
            ("currency_id", "=", currency.id),
            ("company_id", "in", [False, self.company_id.id]),
        ]
        return Pricelist.search(domain, limit=1) or Pricelist.create(
            {
                "name": self.env._("Offers in %(currency)s", currency=currency.name),
                "currency_id": currency.id,
                "company_id": self.company_id.id,
            }
        )

    def _company_price(self, product, quantity):
        """Unit price of `product` in the company's currency, before conversion:
        from the profile's pricelist when it is in the company's currency."""
        self.ensure_one()
        pricelist = self.profile_id.pricelist_id
        if pricelist and pricelist.currency_id == self.company_id.currency_id:
            return pricelist._get_product_price(product, quantity or 1.0)
        return product.lst_price

    def _write_rates(self, rate_values):
        self.ensure_one()
        self.rate_ids.unlink()
        self.write({"rate_ids": [Command.create(vals) for vals in rate_values]})

    def action_create_quotations(self):
        """One quotation per variant and currency, at the rates of the rate date."""
        self._check_can_price()
        for offer in self:
            if offer.order_ids:
                raise UserError(
                    self.env._(
                        "Offer %(offer)s already has its quotations; use "
                        "'Re-price at today's rate' to change their prices.",
                        offer=offer.name,
                    )
                )
            rate_values = offer._prepare_rates()
            offer._write_rates(rate_values)
            order_vals = []
            for variant in offer.variant_ids:
                for rate in offer.rate_ids:
                    order_vals.append(variant._prepare_order_values(rate))
            self.env["sale.order"].create(order_vals)
            offer.message_post(body=offer._rates_message())
        return True

    def action_reprice(self):
        """Re-price the open quotations at today's rate and record the new rate."""
        self._check_can_price()
        for offer in self:
            offer.with_context(
                crm_offer_repricing=True
            ).rate_date = fields.Date.context_today(self)
            offer._write_rates(offer._prepare_rates())
            rates = {r.currency_id: r for r in offer.rate_ids}
            orders = offer.order_ids.filtered(lambda o: o.state in ("draft", "sent"))
            # a quotation the customer signed keeps the prices they signed
            signed = orders.filtered("signature")
            for order in orders - signed:
                rate = rates.get(order.currency_id)
                if not rate:
                    continue
                for line in order.order_line.filtered(
                    lambda line: line.product_id and not line.display_type
                ):
                    line.price_unit = line._offer_price_unit(rate)
            offer.message_post(
                body=self.env._(
                    "Re-priced at today's rate. %(rates)s",
                    rates=offer._rates_message(),
                )
            )
            if signed:
                offer.message_post(
                    body=self.env._(
                        "Signed by the customer, not re-priced: %(orders)s.",
                        orders=", ".join(signed.mapped("name")),
                    )
                )
        return True

    def _rates_message(self):
        self.ensure_one()
        return "; ".join(self.rate_ids.mapped("display_name"))

    def action_mark_sent(self):
        for offer in self:
            if not offer.order_ids:
                raise UserError(
                    self.env._(
                        "Price offer %(offer)s (create its quotations) before "
                        "sending it.",
                        offer=offer.name,
                    )
                )
        offers = self.filtered(lambda o: o.state == "draft")
        offers.order_ids.filtered(lambda o: o.state == "draft").action_quotation_sent()
        offers.state = "sent"
        return True

    def action_send(self):
        """Compose the e-mail with the offer's PDF; sending marks the offer sent."""
        self.ensure_one()
        if not self.order_ids:
            raise UserError(
                self.env._(
                    "Price offer %(offer)s (create its quotations) before sending it.",
                    offer=self.name,
                )
            )
        self._portal_ensure_token()
        template = self.env.ref(
            "crm_offers_multicurrency.mail_template_crm_offer", raise_if_not_found=False
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send Offer"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": "crm.offer",
                "default_res_ids": self.ids,
                "default_template_id": template.id if template else False,
                "default_composition_mode": "comment",
                "force_email": True,
                "mark_offer_as_sent": True,
            },
        }

    def message_post(self, **kwargs):
        if self.env.context.get("mark_offer_as_sent"):
            self.filtered(lambda o: o.state == "draft").action_mark_sent()
        return super().message_post(**kwargs)

    def _mark_won(self, order):
        """`order` was confirmed: cancel the other variants, the offer is won."""
        self.ensure_one()
        others = self.order_ids - order
        others.filtered(lambda o: o.state in ("draft", "sent"))._action_cancel()
        self.write({"state": "won", "accepted_order_id": order.id})
        self.message_post(
            body=self.env._(
                "Variant %(variant)s accepted: %(order)s.",
                variant=order.offer_variant_id.name,
                order=order.name,
            )
        )

    def action_mark_lost(self):
        for offer in self:
            if offer.state == "won":
                raise UserError(
                    self.env._(
                        "Offer %(offer)s is won; it cannot be marked lost.",
                        offer=offer.name,
                    )
                )
            if not (offer.lost_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Enter the lost reason of offer %(offer)s first.",
                        offer=offer.name,
                    )
                )
        self.order_ids.filtered(lambda o: o.state in ("draft", "sent"))._action_cancel()
        self.state = "lost"
        return True

    def action_approve_discount(self):
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(
                self.env._("Only a sales manager can approve an offer's discount.")
            )
        for offer in self:
            offer.write(
                {
                    "approved_discount": offer.max_discount,
                    "approved_by_id": self.env.user.id,
                }
            )
        return True

    @api.readonly
    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale.action_quotations_with_onboarding"
        )
        action.update(
            {
                "domain": [("offer_id", "=", self.id)],
                "context": {"create": False},
            }
        )
        return action

    @api.readonly
    def action_print(self):
        return self.env.ref(
            "crm_offers_multicurrency.action_report_crm_offer"
        ).report_action(self)

    @api.model
    def _crm_demo_create_offers(self, profile_id, specs):
        """Demo data: offers of the demo salesperson in three variants, priced
        in the profile's currencies and sent; ``specs``: [customer id (False:
        the demo portal user's company), [(variant, product id, quantity,
        discount)], currency code and variant of the quotation the customer
        accepted or False]. The offers go to the demo salesperson."""
        portal_customer = self.env.ref("base.partner_demo_portal").commercial_partner_id
        user = self.env.ref("base.user_demo")
        for partner_id, variants, accepted in specs:
            offer = self.create(
                {
                    "partner_id": partner_id or portal_customer.id,
                    "profile_id": profile_id,
                    "user_id": user.id,
                    "variant_ids": [
                        Command.create(
                            {
                                "sequence": sequence,
                                "name": name,
                                "line_ids": [
                                    Command.create(
                                        {
                                            "product_id": product_id,
                                            "product_uom_qty": qty,
                                            "discount": discount,
                                        }
                                    )
                                ],
                            }
                        )
                        for sequence, (name, product_id, qty, discount) in enumerate(
                            variants, 1
                        )
                    ],
                }
            )
            offer.action_create_quotations()
            offer.action_mark_sent()
            if accepted:
                currency, variant = accepted
                offer.order_ids.filtered(
                    lambda o, c=currency, v=variant: (
                        o.currency_id.name == c and o.offer_variant_id.name == v
                    )
                ).action_confirm()
        return True
