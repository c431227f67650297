from odoo import models
from odoo.exceptions import UserError


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        # two PESELs are two people: refuse before anything is moved
        partners = self.env["res.partner"].browse(partner_ids).exists()
        numbers = {number for number in partners.sudo().mapped("pesel") if number}
        if len(numbers) > 1:
            raise UserError(
                self.env._(
                    "%(partners)s have different PESEL numbers: they are different "
                    "people and cannot be merged.",
                    partners=", ".join(partners.mapped("display_name")),
                )
            )
        return super()._merge(partner_ids, dst_partner, extra_checks)

    def _update_values(self, src_partners, dst_partner):
        # Odoo copies the fields of fields_get(), which leaves the PESEL out
        # (nobody reads it but the reveal dialog): carry it over ourselves, so
        # a merge keeps the person's number whoever merges
        numbers = [number for number in src_partners.sudo().mapped("pesel") if number]
        result = super()._update_values(src_partners, dst_partner)
        if numbers and not dst_partner.sudo().pesel:
            # one number, one person: the source leaves it before the target takes it
            src_partners.sudo().write({"pesel": False})
            dst_partner.sudo().write({"pesel": numbers[0]})
        return result
