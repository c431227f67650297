from collections import defaultdict

from stdnum import exceptions as stdnum_errors
from stdnum.pl import pesel as stdnum_pesel
from stdnum.pl import regon as stdnum_regon

from odoo import api, fields, models
from odoo.exceptions import ValidationError

PERSONAL_DATA_GROUP = "crm_contacts_ext.group_crm_personal_data"
PESEL_GENDERS = {"M": "male", "F": "female"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    regon = fields.Char(
        string="REGON",
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="Polish statistical number of a company (9 or 14 digits).",
    )
    # Personal data: the field-level group keeps it out of reads, exports and
    # searches of everyone else; they get pesel_masked instead.
    pesel = fields.Char(
        string="PESEL",
        copy=False,
        index="btree_not_null",
        groups=PERSONAL_DATA_GROUP,
        help="Polish personal identification number (11 digits). "
        "It gives the birth date and sex.",
    )
    pesel_masked = fields.Char(
        string="PESEL (masked)",
        compute="_compute_pesel_masked",
        help="Only the last four digits of the PESEL; "
        "the full number is personal data.",
    )

    @api.model
    def _commercial_fields(self):
        # REGON identifies the company, like its NIP: its contacts share it.
        return super()._commercial_fields() + ["regon"]

    @api.depends_context("uid")
    def _compute_pesel_masked(self):
        for partner, pesel in zip(self, self.sudo().mapped("pesel"), strict=True):
            partner.pesel_masked = "•" * 7 + pesel[-4:] if pesel else False

    # ------------------------------------------------------------------
    # Normalisation: users type spaces and dashes, we store digits only.
    # ------------------------------------------------------------------
    @api.model
    def _compact_identity_vals(self, vals):
        for fname, module in (("regon", stdnum_regon), ("pesel", stdnum_pesel)):
            if vals.get(fname):
                vals[fname] = module.compact(vals[fname])
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(
            [self._compact_identity_vals(dict(v)) for v in vals_list]
        )
        with_pesel = [
            p.id
            for p, vals in zip(partners, vals_list, strict=True)
            if vals.get("pesel")
        ]
        partners.browse(with_pesel)._fill_from_pesel()
        return partners

    def write(self, vals):
        res = super().write(self._compact_identity_vals(dict(vals)))
        if vals.get("pesel"):
            self._fill_from_pesel()
        return res

    @api.onchange("pesel")
    def _onchange_pesel_fill_birth(self):
        self.update(self._pesel_identity_vals())

    def _pesel_identity_vals(self):
        """Birth date and sex a valid PESEL gives, for those still empty."""
        self.ensure_one()
        pesel = self.pesel and stdnum_pesel.compact(self.pesel)
        if not pesel or not stdnum_pesel.is_valid(pesel):
            return {}
        vals = {}
        if not self.birthdate_date:
            vals["birthdate_date"] = stdnum_pesel.get_birth_date(pesel)
        if not self.gender:
            vals["gender"] = PESEL_GENDERS[stdnum_pesel.get_gender(pesel)]
        return vals

    def _fill_from_pesel(self):
        for partner in self:
            vals = partner._pesel_identity_vals()
            if vals:
                partner.write(vals)

    # ------------------------------------------------------------------
    # Validation
    # ------------------------------------------------------------------
    @api.model
    def _identity_error_reason(self, error, number, expected_length):
        if isinstance(error, stdnum_errors.InvalidLength):
            return self.env._(
                "it has %(count)s digits, %(expected)s expected",
                count=len(number),
                expected=expected_length,
            )
        if isinstance(error, stdnum_errors.InvalidFormat):
            return self.env._("only digits are allowed")
        if isinstance(error, stdnum_errors.InvalidChecksum):
            return self.env._("the check digit is wrong")
        return self.env._("it does not encode a valid date")

    @api.constrains("regon")
    def _check_regon(self):
        for partner in self.filtered("regon"):
            try:
                stdnum_regon.validate(partner.regon)
            except stdnum_errors.ValidationError as error:
                raise ValidationError(
                    self.env._(
                        "REGON %(number)s of %(partner)s is invalid: %(reason)s.",
                        number=partner.regon,
                        partner=partner.display_name,
                        reason=self._identity_error_reason(
                            error, partner.regon, self.env._("9 or 14")
                        ),
                    )
                ) from error
        self._check_identity_unique(
            "regon", self.env._("REGON"), "commercial_partner_id"
        )

    @api.constrains("pesel", "birthdate_date", "gender")
    def _check_pesel(self):
        for partner in self.sudo().filtered("pesel"):
            pesel = partner.pesel
            # a user outside the group may trip this by editing the birth date
            shown = (
                pesel
                if self.env.user.has_group(PERSONAL_DATA_GROUP)
                else partner.pesel_masked
            )
            try:
                stdnum_pesel.validate(pesel)
            except stdnum_errors.ValidationError as error:
                raise ValidationError(
                    self.env._(
                        "PESEL %(number)s of %(partner)s is invalid: %(reason)s.",
                        number=shown,
                        partner=partner.display_name,
                        reason=self._identity_error_reason(error, pesel, 11),
                    )
                ) from error
            birth_date = stdnum_pesel.get_birth_date(pesel)
            if partner.birthdate_date and partner.birthdate_date != birth_date:
                raise ValidationError(
                    self.env._(
                        "PESEL %(number)s gives the birth date %(pesel_date)s, "
                        "but %(partner)s has the birth date %(birth_date)s.",
                        number=shown,
                        pesel_date=birth_date,
                        partner=partner.display_name,
                        birth_date=partner.birthdate_date,
                    )
                )
            gender = PESEL_GENDERS[stdnum_pesel.get_gender(pesel)]
            if partner.gender in PESEL_GENDERS.values() and partner.gender != gender:
                genders = dict(self._fields["gender"]._description_selection(self.env))
                raise ValidationError(
                    self.env._(
                        "PESEL %(number)s is the number of a %(pesel_gender)s "
                        "person, but %(partner)s is %(gender)s.",
                        number=shown,
                        pesel_gender=genders[gender].lower(),
                        partner=partner.display_name,
                        gender=genders[partner.gender].lower(),
                    )
                )
        self._check_identity_unique("pesel", self.env._("PESEL"), "id")

    def _check_identity_unique(self, fname, label, owner_fname):
        """One number, one owner per company (archived partners count).

        The owner of a REGON is the commercial entity (its contacts share it,
        like the NIP); the owner of a PESEL is the person. One query for the
        whole batch, so imports stay fast.
        """
        partners = self.sudo().with_context(active_test=False).filtered(fname)
        if not partners:
            return
        by_number = defaultdict(lambda: partners.browse())
        for other in partners.search(
            [(fname, "in", partners.mapped(fname))], order="id"
        ):
            by_number[other[fname]] |= other
        for partner in partners:
            for other in by_number[partner[fname]]:
                if other[owner_fname] != partner[owner_fname] and (
                    not other.company_id
                    or not partner.company_id
                    or other.company_id == partner.company_id
                ):
                    raise ValidationError(
                        self.env._(
                            "%(label)s %(number)s is already used by %(other)s.",
                            label=label,
                            number=partner[fname],
                            other=other.display_name,
                        )
                    )
