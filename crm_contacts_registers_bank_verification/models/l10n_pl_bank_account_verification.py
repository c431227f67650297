from odoo import api, models


class L10nPlBankAccountVerification(models.Model):
    _inherit = "l10n_pl.bank.account.verification"

    @api.model
    def _crm_record_whitelist(self, answers, day):
        """Keep the white-list answers ({nip: values} of
        crm.register.client._crm_whitelist_search, asked as of ``day``) as
        Odoo's verifications of the partners' bank accounts: Odoo's check of a
        payment that day reads them instead of asking the register again.

        Only answers asked on the day they answer for: Odoo reads a
        verification as the state of the list on the day it was made. Odoo's
        rule for a day that already has one: an error is replaced, any other
        stays (a payment may point at it)."""
        answered = {
            nip: answer
            for nip, answer in answers.items()
            if not answer.get("error")
            and answer.get("request_time")
            and answer["request_time"].date() == day
        }
        if not answered:
            return self.browse()
        # Odoo's spellings of a partner's NIP (its _get_partner_from_identifier)
        vats = [prefix + nip for nip in answered for prefix in ("", "PL", "pl")]
        banks = (
            self.env["res.partner.bank"]
            .with_context(active_test=False)
            .search([("partner_id.vat", "in", vats)])
        )
        existing = {
            (verification.partner_bank_account_number, verification.partner_vat): (
                verification
            )
            for verification in self.search(
                [
                    ("verification_date", "=", day),
                    (
                        "partner_bank_account_number",
                        "in",
                        banks.mapped("sanitized_acc_number"),
                    ),
                ]
            )
        }
        to_create = {}
        for bank in banks:
            answer = answered[bank.partner_id.vat.upper().removeprefix("PL")]
            number = bank.sanitized_acc_number.upper().removeprefix("PL")
            [vals] = self._get_creation_vals(
                "valid" if number in answer.get("accounts", ()) else "invalid",
                partner_banks=bank,
                timestamp=answer["request_time"],
                request_id=answer["request_id"],
            )
            key = (vals["partner_bank_account_number"], vals["partner_vat"])
            if key not in existing:
                to_create.setdefault(key, vals)
            elif existing[key].verification_status == "error":
                existing[key].write(vals)
        return self.create(list(to_create.values()))
