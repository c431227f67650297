from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import formatLang


class SaleOrder(models.Model):
    _inherit = "sale.order"

    offer_id = fields.Many2one(
        "crm.offer",
        string="Variant Offer",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )
    offer_variant_id = fields.Many2one(
        "crm.offer.variant",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="restrict",
    )

    offer_rounding_amount = fields.Monetary(
        string="Rounding",
        compute="_compute_offer_rounding_amount",
        help="Untaxed amount minus the sum of the rounded lines. With taxes "
        "rounded globally Odoo rounds the amounts of the whole quotation, not "
        "each line; the printed offer shows this difference under the lines.",
    )

    @api.depends("amount_untaxed", "order_line.price_subtotal")
    def _compute_offer_rounding_amount(self):
        for order in self:
            lines_total = sum(order._get_priced_lines().mapped("price_subtotal"))
            order.offer_rounding_amount = order.currency_id.round(
                order.amount_untaxed - lines_total
            )

    def _confirmation_error_message(self):
        error = super()._confirmation_error_message()
        if error or not self.offer_id:
            return error
        offer = self.offer_id
        if offer.state in ("won", "lost"):
            return self.env._(
                "Offer %(offer)s is already closed (%(state)s); its quotation "
                "%(order)s cannot be confirmed.",
                offer=offer.name,
                state=dict(offer._fields["state"]._description_selection(self.env))[
                    offer.state
                ],
                order=self.name,
            )
        discount = max(self.order_line.mapped("discount"), default=0.0)
        allowed = max(offer.profile_id.max_discount, offer.approved_discount)
        if discount > allowed:
            return self.env._(
                "Quotation %(order)s gives a %(discount)s%% discount, above the "
                "%(allowed)s%% allowed without approval by offer profile "
                "%(profile)s: a sales manager has to approve the discount on offer "
                "%(offer)s first.",
                order=self.name,
                discount=formatLang(self.env, discount, dp="Discount"),
                allowed=formatLang(self.env, allowed, dp="Discount"),
                profile=offer.profile_id.name,
                offer=offer.name,
            )
        return error

    def _offer_acceptance_blocked(self):
        """The customer cannot accept this variant in the portal: the
        salesperson could not confirm it (a closed offer, a discount waiting for
        a manager's approval), or another variant of the offer is already
        signed or being paid."""
        self.ensure_one()
        if not self.offer_id:
            return False
        if self._confirmation_error_message():
            return True
        others = (self.offer_id.order_ids - self).filtered(
            lambda o: o.state in ("draft", "sent")
        )
        return any(
            order.signature
            or order.transaction_ids.filtered(
                lambda tx: tx.state in ("pending", "authorized", "done")
            )
            for order in others
        )

    def _has_to_be_signed(self):
        return super()._has_to_be_signed() and not self._offer_acceptance_blocked()

    def _has_to_be_paid(self):
        # without this, the portal offered "Accept & Pay" for a variant it did
        # not let the customer sign: paid, it could not be confirmed
        return super()._has_to_be_paid() and not self._offer_acceptance_blocked()

    def action_confirm(self):
        offers = self.offer_id
        for offer in offers:
            if len(self.filtered(lambda o, offer=offer: o.offer_id == offer)) > 1:
                raise UserError(
                    self.env._(
                        "Only one variant of offer %(offer)s can be accepted.",
                        offer=offer.name,
                    )
                )
        result = super().action_confirm()
        for order in self.filtered("offer_id"):
            order.offer_id._mark_won(order)
        return result

    def action_offer_accept(self):
        """The salesperson accepts this variant for the customer."""
        self.ensure_one()
        return self.action_confirm()

    @api.readonly
    def action_view_offer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.offer",
            "res_id": self.offer_id.id,
            "view_mode": "form",
        }
