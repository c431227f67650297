from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from .crm_register_client import RegisterError

# art. 117ba Ordynacji podatkowej / art. 15d ustawy o CIT: a payment above
# 15,000 PLN to an account not on the white list
WHITELIST_THRESHOLD = 15000


class AccountPayment(models.Model):
    _inherit = "account.payment"

    crm_whitelist_warning = fields.Char(
        string="White List Warning",
        compute="_compute_crm_whitelist_warning",
        help="The recipient's bank account is not on the VAT white list.",
    )

    @api.depends(
        "payment_type",
        "partner_id",
        "partner_bank_id",
        "partner_id.commercial_partner_id.crm_whitelist_accounts",
        "partner_id.commercial_partner_id.crm_whitelist_date",
    )
    def _compute_crm_whitelist_warning(self):
        for payment in self:
            payment.crm_whitelist_warning = (
                payment.payment_type == "outbound"
                and self._crm_whitelist_message(
                    payment.partner_id, payment.partner_bank_id
                )
            ) or False

    @api.model
    def _crm_whitelist_applies(self, partner):
        holder = partner.commercial_partner_id
        return bool(
            holder
            and holder.is_company
            and (
                holder.country_id.code == "PL"
                or (holder.vat or "").upper().startswith("PL")
            )
        )

    @api.model
    def _crm_whitelist_message(self, partner, bank):
        """Why paying this PL contractor to this account is at risk, or False."""
        if not self._crm_whitelist_applies(partner):
            return False
        holder = partner.commercial_partner_id
        if not bank:
            return False
        if not holder.crm_whitelist_date:
            return self.env._(
                "The bank account %(account)s of %(partner)s was never checked "
                "on the VAT white list.",
                account=bank.acc_number,
                partner=holder.display_name,
            )
        if bank._crm_whitelist_number() in holder._crm_whitelist_set():
            return False
        return self.env._(
            "The bank account %(account)s is not on the VAT white list for "
            "%(partner)s (checked on %(date)s, request %(request)s).",
            account=bank.acc_number,
            partner=holder.display_name,
            date=format_date(self.env, holder.crm_whitelist_date),
            request=holder.crm_whitelist_request_id or "—",
        )

    def _crm_whitelist_amount_pln(self):
        self.ensure_one()
        pln = self.env.ref("base.PLN")
        return self.currency_id._convert(
            self.amount, pln, self.company_id, self.date or fields.Date.today()
        )

    def _crm_whitelist_block(self):
        """Above the threshold, an account not on the list on the payment
        date stops the payment; an old check is renewed first."""
        for payment in self:
            if payment.payment_type != "outbound" or not payment.partner_bank_id:
                continue
            if not payment._crm_whitelist_applies(payment.partner_id):
                continue
            amount = payment._crm_whitelist_amount_pln()
            if payment.currency_id.compare_amounts(amount, WHITELIST_THRESHOLD) <= 0:
                continue
            holder = payment.partner_id.commercial_partner_id
            day = payment.date or fields.Date.context_today(payment)
            if holder.crm_whitelist_date != day and holder.vat:
                try:
                    holder._crm_whitelist_refresh(payment.company_id, day)
                except RegisterError as error:
                    raise UserError(
                        self.env._(
                            "The payment %(payment)s is above %(threshold)s PLN and "
                            "the bank account could not be checked on the VAT "
                            "white list: %(error)s",
                            payment=payment.display_name,
                            threshold=WHITELIST_THRESHOLD,
                            error=error,
                        )
                    ) from error
            message = payment._crm_whitelist_message(
                payment.partner_id, payment.partner_bank_id
            )
            if message:
                raise UserError(
                    self.env._(
                        "%(message)s The payment %(payment)s is above %(threshold)s "
                        "PLN: paying it to this account costs the tax deduction "
                        "and makes you jointly liable for the VAT, unless you "
                        "report it to the tax office within 3 days. Pay to an "
                        "account on the list.",
                        message=message,
                        payment=payment.display_name,
                        threshold=WHITELIST_THRESHOLD,
                    )
                )

    def action_post(self):
        self._crm_whitelist_block()
        return super().action_post()
