import calendar
import re
from collections import defaultdict
from datetime import timedelta

from stdnum import exceptions as stdnum_errors
from stdnum.pl import pesel as stdnum_pesel
from stdnum.pl import regon as stdnum_regon

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, OrderedSet, format_date

PERSONAL_DATA_GROUP = "crm_contacts_ext.group_crm_personal_data"
# what people type between the digits of a number (stored without them)
NUMBER_SEPARATORS = re.compile(r"[\s.-]")
PESEL_GENDERS = {"M": "male", "F": "female"}
PESEL_MASK = "•" * 11
REMINDER_DAYS_PARAM = "crm_contacts_ext.reminder_days"
DEFAULT_REMINDER_DAYS = 3


class IdentityNumber(fields.Char):
    """A number stored as digits only (see ``_compact_identity_vals``),
    found also when typed in the search with spaces, dots or dashes."""

    def condition_to_sql(self, field_expr, operator, value, model, alias, query):
        if isinstance(value, str):
            value = NUMBER_SEPARATORS.sub("", value)
        elif isinstance(value, OrderedSet):  # "=" and "in", once optimized
            value = OrderedSet(
                NUMBER_SEPARATORS.sub("", v) if isinstance(v, str) else v for v in value
            )
        return super().condition_to_sql(
            field_expr, operator, value, model, alias, query
        )


class ResPartner(models.Model):
    _inherit = "res.partner"

    regon = IdentityNumber(
        string="REGON",
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="Polish statistical number of a company (9 or 14 digits).",
    )
    # Personal data: only its group writes it (and finds a person by it, see
    # pesel_input); nobody reads it but through the reveal dialog, which logs
    # who looked (see _has_field_access): a read, an export, a group-by or a
    # template of everyone's numbers would bypass the log.
    pesel = IdentityNumber(
        string="PESEL",
        copy=False,
        index="btree_not_null",
        groups=PERSONAL_DATA_GROUP,
        help="Polish personal identification number (11 digits). "
        "It gives the birth date and sex.",
    )
    # Call center: the phone in E.164, indexed, for caller identification.
    crm_phone_e164 = fields.Char(
        string="Phone (E.164)",
        compute="_compute_crm_phone_e164",
        store=True,
        index="btree_not_null",
        copy=False,
        help="The phone number in international format (+48601234567), kept "
        "current on every change; the PBX identifies callers by it.",
    )
    crm_call_ids = fields.One2many("crm.call", "partner_id", string="Phone Calls")
    crm_call_count = fields.Integer(string="Calls", compute="_compute_crm_call_count")
    # Internal users only: portal users read their colleagues' partners.
    pesel_masked = fields.Char(
        string="PESEL (masked)",
        compute="_compute_pesel_masked",
        groups="base.group_user",
        help="Shows that the person has a PESEL, without any of its digits: "
        "the full number is personal data.",
    )
    # The form never loads the full PESEL: a new one is typed here, an existing
    # one is shown (and logged) by the "Show" button.
    # A search by it finds the person with that whole number.
    pesel_input = fields.Char(
        string="New PESEL",
        exportable=False,
        compute="_compute_pesel_input",
        inverse="_inverse_pesel_input",
        search="_search_pesel_input",
        groups=PERSONAL_DATA_GROUP,
        help="Type the person's PESEL (11 digits); once saved it is shown "
        "masked, the Show button displays it and logs who looked.",
    )

    # ------------------------------------------------------------------
    # Person: first name, name day, employment
    # ------------------------------------------------------------------
    crm_first_name = fields.Char(
        string="First Name",
        compute="_compute_crm_first_name",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="Taken from the name (its first word) until you change it; "
        "it gives the name day.",
    )
    crm_name_day_id = fields.Many2one(
        "crm.name.day",
        string="Name Day",
        compute="_compute_crm_name_day_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        ondelete="set null",
        domain="[('name', '=ilike', crm_first_name)]",
        help="From the Polish name-day calendar: the customary date of the "
        "first name; pick another date of the same name if the person "
        "celebrates then.",
    )
    crm_birthday_reminded_on = fields.Date(
        string="Birthday Reminded",
        copy=False,
        help="The last birthday the account manager was reminded of.",
    )
    crm_name_day_reminded_on = fields.Date(
        string="Name Day Reminded",
        copy=False,
        help="The last name day the account manager was reminded of.",
    )
    crm_employment_ids = fields.One2many(
        "crm.employment", "person_id", string="Employment History"
    )
    crm_current_staff_ids = fields.One2many(
        "crm.employment",
        "employer_id",
        string="Current Staff",
        domain=[("is_current", "=", True)],
    )
    crm_former_staff_ids = fields.One2many(
        "crm.employment",
        "employer_id",
        string="Former Staff",
        domain=[("status", "=", "former")],
    )
    crm_upcoming_staff_ids = fields.One2many(
        "crm.employment",
        "employer_id",
        string="Upcoming Staff",
        domain=[("status", "=", "upcoming")],
    )

    # ------------------------------------------------------------------
    # Company: satisfaction, discount level, holding
    # ------------------------------------------------------------------
    # Our view of the customer, not for the customer's eyes in the portal.
    crm_satisfaction_level_id = fields.Many2one(
        "crm.satisfaction.level",
        string="Satisfaction",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
        groups="base.group_user",
        help="How satisfied the customer is; change it with the button, "
        "giving the reason: every change is kept in the history.",
    )
    crm_satisfaction_history_ids = fields.One2many(
        "crm.satisfaction.history",
        "partner_id",
        string="Satisfaction History",
        groups="base.group_user",
    )
    crm_discount_level_id = fields.Many2one(
        "crm.discount.level",
        string="Discount Level",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        help="Quotation lines of this customer get the level's discount "
        "by themselves (the salesperson can still change it).",
    )
    crm_group_parent_id = fields.Many2one(
        "res.partner",
        string="Parent in Group",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        domain=[("is_company", "=", True)],
        help="The company that owns this one in a holding (capital group). "
        "Unlike the parent company of a contact it keeps each company's "
        "own accounting.",
    )
    crm_group_child_ids = fields.One2many(
        "res.partner", "crm_group_parent_id", string="Subsidiaries"
    )
    crm_group_path = fields.Char(
        string="Group Path",
        compute="_compute_crm_group_path",
        store=True,
        recursive=True,
        index=True,
        help="Ids from the top of the group down to this company.",
    )
    crm_group_root_id = fields.Many2one(
        "res.partner",
        string="Group",
        compute="_compute_crm_group_path",
        store=True,
        recursive=True,
        index=True,
        help="The company at the top of the holding this company belongs to.",
    )
    crm_group_member_count = fields.Integer(
        string="Group Companies", compute="_compute_crm_group_member_count"
    )
    crm_group_currency_id = fields.Many2one(
        "res.currency", string="Group Currency", compute="_compute_crm_group_figures"
    )
    crm_group_quotation_amount = fields.Monetary(
        string="Group Open Quotations",
        currency_field="crm_group_currency_id",
        compute="_compute_crm_group_figures",
        help="Untaxed total of the quotations not yet confirmed, "
        "of every company of the group and their contacts.",
    )
    crm_group_revenue_year = fields.Monetary(
        string="Group Revenue This Year",
        currency_field="crm_group_currency_id",
        compute="_compute_crm_group_figures",
        help="Untaxed total of the posted invoices less credit notes dated "
        "this year, of every company of the group.",
    )
    crm_group_open_invoice_amount = fields.Monetary(
        string="Group Open Invoices",
        currency_field="crm_group_currency_id",
        compute="_compute_crm_group_figures",
        help="What the companies of the group still owe on posted invoices.",
    )
    crm_history_count = fields.Integer(
        string="History", compute="_compute_crm_history_count"
    )

    # ------------------------------------------------------------------
    # Field access: the full PESEL only through the reveal dialog
    # ------------------------------------------------------------------
    @api.model
    def _check_field_access(self, field, operation):
        if field.name == "pesel" and operation == "read" and not self.env.su:
            raise AccessError(
                self.env._(
                    "A full PESEL is shown only by the Show button of the "
                    "person's form, which logs who looked."
                )
            )
        return super()._check_field_access(field, operation)

    @api.model
    def _has_field_access(self, field, operation):
        # the full PESEL is read by our code only (sudo), e.g. for the reveal
        # dialog; every public path (read, search_read, web_read, export,
        # group-by, aggregates, order, domains, templates, reports) checks
        # this read access and refuses it
        if field.name == "pesel" and operation == "read" and not self.env.su:
            return False
        return super()._has_field_access(field, operation)

    # ------------------------------------------------------------------
    # Shared by a company and its contacts
    # ------------------------------------------------------------------
    @api.model
    def _commercial_fields(self):
        # REGON identifies the company, like its NIP: its contacts share it;
        # the discount level is the company's, like its pricelist.
        return super()._commercial_fields() + ["regon", "crm_discount_level_id"]

    # ------------------------------------------------------------------
    # Call center: numbers in E.164, caller identification, calls
    # ------------------------------------------------------------------
    @api.depends("phone", "country_id", "company_id.country_id")
    def _compute_crm_phone_e164(self):
        """Numbers without a country code are read in the partner's country,
        else its company's, else the current company's."""
        for partner in self:
            country = (
                partner.country_id
                or partner.company_id.country_id
                or self.env.company.country_id
            )
            partner.crm_phone_e164 = (
                partner.phone
                and country
                and partner._crm_format_number(partner.phone, country)
            ) or False

    @api.model
    def _crm_normalize_number(self, number, company):
        """A number as a PBX sends it, in E.164, read in the company's country
        when it has no country code; False when it is not a phone number."""
        country = company.country_id or self.env.company.country_id
        if not country:
            digits = "".join(c for c in number if c.isdigit())
            return number.strip().startswith("+") and f"+{digits}"
        return self._crm_format_number(number, country) or False

    def _crm_format_number(self, number, country):
        """E.164 of a number read in ``country``; in Poland also with the old
        trunk zero before the area code (022 123 45 67, still printed on
        letterheads), which phonenumbers does not know."""
        e164 = self._phone_format_number(number, country)
        if not e164 and country.code == "PL":
            digits = "".join(c for c in number if c.isdigit())
            if len(digits) == 10 and digits[0] == "0" and digits[1] != "0":
                e164 = self._phone_format_number(digits[1:], country)
        return e164

    @api.model
    def _crm_caller_search(self, e164, company):
        """Active partners of the company (or shared) with this phone, people
        before companies, the most recently created first."""
        self.flush_model(["crm_phone_e164", "active", "company_id", "is_company"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM res_partner WHERE crm_phone_e164 = %s AND active "
                "AND (company_id IS NULL OR company_id = %s) "
                "ORDER BY is_company, id DESC LIMIT 20",
                e164,
                company.id,
            )
        )
        return self.browse(row[0] for row in self.env.cr.fetchall())

    def _crm_caller_cards(self, company):
        """What a PBX screen shows about each caller (glue addons add to it)."""
        cards = []
        for partner in self.with_company(company):
            commercial = partner.commercial_partner_id
            cards.append(
                {
                    "id": partner.id,
                    "name": partner.name,
                    "is_company": partner.is_company,
                    "company": commercial.name if commercial != partner else False,
                    "company_id": commercial.id if commercial != partner else False,
                    "phone": partner.phone,
                    "email": partner.email or False,
                    "account_manager": (partner.user_id or commercial.user_id).name
                    or False,
                    "receivable": commercial.credit,
                    "currency": company.currency_id.name,
                }
            )
        return cards

    def _compute_crm_call_count(self):
        counts = dict(
            self.env["crm.call"]._read_group(
                [("partner_id", "child_of", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.crm_call_count = sum(
                count
                for caller, count in counts.items()
                if caller.commercial_partner_id == partner.commercial_partner_id
            )

    @api.readonly
    def action_crm_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_contacts_ext.crm_call_action"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        return action

    # ------------------------------------------------------------------
    # First name and name day
    # ------------------------------------------------------------------
    @api.depends("name", "is_company", "type")
    def _compute_crm_first_name(self):
        for partner in self:
            origin = partner._origin
            if (
                origin
                and origin != partner
                and not partner.is_company
                and origin._crm_first_name_kept(partner.name)
            ):
                # the form renames the person: the same rule as write()
                partner.crm_first_name = origin.crm_first_name
            else:
                # a person, not a company nor one of its addresses
                partner.crm_first_name = (
                    _first_word(partner.name)
                    if not partner.is_company and partner.type == "contact"
                    else False
                )

    def _crm_first_name_kept(self, new_name):
        """Whether this person keeps their first name (and name day) when
        renamed to new_name: a first name the user typed stays, and so does
        one still in the name (a new surname, "Kowalski Jan")."""
        self.ensure_one()
        first = self.crm_first_name
        return bool(first) and (
            first != _first_word(self.name) or first in (new_name or "").split()
        )

    @api.depends("crm_first_name")
    def _compute_crm_name_day_id(self):
        customary = self.env["crm.name.day"]._customary_for(
            self.mapped("crm_first_name")
        )
        normalize = self.env["crm.name.day"]._normalize_name
        for partner in self:
            origin = partner._origin
            if (
                origin
                and origin != partner
                and origin.crm_name_day_id
                and origin.crm_first_name == partner.crm_first_name
            ):
                # the form: the same first name keeps the date picked for it
                partner.crm_name_day_id = origin.crm_name_day_id
            else:
                partner.crm_name_day_id = customary.get(
                    normalize(partner.crm_first_name), False
                )

    # ------------------------------------------------------------------
    # Holding structure
    # ------------------------------------------------------------------
    def _crm_group_parent(self):
        """The company above this one in its holding: its group parent, else
        Odoo's parent company of a company (a company keeps its own
        accounting under a parent company, as under a group parent)."""
        self.ensure_one()
        if self.crm_group_parent_id:
            return self.crm_group_parent_id
        if self.is_company and self.parent_id.is_company:
            return self.parent_id
        return self.browse()

    @api.depends(
        "crm_group_parent_id.crm_group_path",
        "parent_id.crm_group_path",
        "parent_id.is_company",
        "is_company",
    )
    def _compute_crm_group_path(self):
        """The one definition of a holding group (crm_analytics reads it
        through crm_analytics_contacts): the path of ids from the top of the
        group down to the company, and that top."""
        for partner in self:
            parent = partner._crm_group_parent()
            if not partner.id:
                partner.crm_group_path = False
                partner.crm_group_root_id = parent.crm_group_root_id or parent
                continue
            prefix = parent.crm_group_path or "" if parent else ""
            partner.crm_group_path = f"{prefix}{partner.id}/"
            partner.crm_group_root_id = self.browse(
                int(partner.crm_group_path.split("/")[0])
            )

    def _crm_check_group_parent(self, parent_id):
        """Refuse a parent that is not a company or lies below the company."""
        if not parent_id:
            return
        parent = self.browse(parent_id)
        if not parent.is_company:
            raise ValidationError(
                self.env._(
                    "%(parent)s cannot head a group: it is not a company.",
                    parent=parent.display_name,
                )
            )
        self._crm_check_group_cycle(parent)

    def _crm_check_group_cycle(self, parent):
        """Refuse a parent that lies below the company in its group."""
        ancestors = {int(i) for i in (parent.crm_group_path or "").split("/") if i}
        ancestors.add(parent.id)
        for partner in self:
            if partner.id in ancestors:
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot be a subsidiary of %(parent)s: "
                        "%(parent)s already belongs to %(partner)s's group "
                        "below it.",
                        partner=partner.display_name,
                        parent=parent.display_name,
                    )
                )

    def _crm_group_members(self):
        """All companies of the groups of these partners (one indexed query)."""
        roots = self.commercial_partner_id.crm_group_root_id
        return self.with_context(active_test=False).search(
            [("crm_group_root_id", "in", roots.ids)]
        )

    def _compute_crm_group_member_count(self):
        roots = self.commercial_partner_id.crm_group_root_id
        counts = dict(
            self.with_context(active_test=False)._read_group(
                [("crm_group_root_id", "in", roots.ids)],
                ["crm_group_root_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.crm_group_member_count = counts.get(
                partner.commercial_partner_id.crm_group_root_id, 0
            )

    @api.depends_context("company", "uid")
    def _compute_crm_group_figures(self):
        """Totals over the group, as far as the user may read the documents."""
        company = self.env.company
        figures = {
            root: root._crm_group_totals(company)
            for root in self.commercial_partner_id.crm_group_root_id
        }
        for partner in self:
            (
                partner.crm_group_quotation_amount,
                partner.crm_group_revenue_year,
                partner.crm_group_open_invoice_amount,
            ) = figures.get(partner.commercial_partner_id.crm_group_root_id, (0, 0, 0))
            partner.crm_group_currency_id = company.currency_id

    def _crm_group_totals(self, company):
        """(open quotations, revenue this year, open invoices) of the group
        headed by this company, in the company's currency: one _read_group
        per figure over all the members."""
        self.ensure_one()
        currency = company.currency_id
        today = fields.Date.context_today(self)
        members = self.with_context(active_test=False).search(
            [("crm_group_root_id", "=", self.id)]
        )
        quotation_amount = revenue = open_amount = 0.0
        SaleOrder = self.env["sale.order"]
        if SaleOrder.has_access("read"):
            quotations = SaleOrder._read_group(
                [
                    ("partner_id", "child_of", members.ids),
                    ("state", "in", ("draft", "sent")),
                    ("company_id", "=", company.id),
                ],
                ["currency_id"],
                ["amount_untaxed:sum"],
            )
            quotation_amount = sum(
                order_currency._convert(amount, currency, company, today)
                for order_currency, amount in quotations
            )
        Move = self.env["account.move"]
        if Move.has_access("read"):
            invoices = Domain(
                [
                    ("commercial_partner_id", "in", members.ids),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("state", "=", "posted"),
                    ("company_id", "=", company.id),
                ]
            )
            [[revenue]] = Move._read_group(
                invoices
                & Domain("invoice_date", ">=", today.replace(month=1, day=1))
                & Domain("invoice_date", "<=", today),
                [],
                ["amount_untaxed_signed:sum"],
            )
            [[open_amount]] = Move._read_group(
                invoices & Domain("payment_state", "in", ("not_paid", "partial")),
                [],
                ["amount_residual_signed:sum"],
            )
        return quotation_amount, revenue or 0.0, open_amount or 0.0

    @api.readonly
    def action_open_crm_group(self):
        """The whole holding tree, from any of its companies."""
        self.ensure_one()
        root = self.commercial_partner_id.crm_group_root_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Group of %(company)s", company=root.display_name),
            "res_model": "res.partner",
            "view_mode": "hierarchy,list,form",
            "views": [
                (
                    self.env.ref(
                        "crm_contacts_ext.view_partner_crm_group_hierarchy"
                    ).id,
                    "hierarchy",
                ),
                (
                    self.env.ref("crm_contacts_ext.view_partner_crm_group_list").id,
                    "list",
                ),
                (False, "form"),
            ],
            # no hierarchy_res_id with a domain: web_hierarchy then drops both
            # (Domain.and() gives an object without .length) and draws every
            # contact without a parent; the tree starts at the group's top
            "domain": [("crm_group_root_id", "=", root.id)],
        }

    # ------------------------------------------------------------------
    # History
    # ------------------------------------------------------------------
    def _crm_history_partner_ids(self, include_subsidiaries=False):
        """The partners whose events make up the history of these ones.

        A company's history includes its contacts (Odoo's child contacts) and
        the people currently employed there; with include_subsidiaries, the
        same for every company below it in its group.
        """
        companies = self
        if include_subsidiaries:
            paths = [p.crm_group_path for p in self if p.crm_group_path]
            if paths:
                companies |= self.with_context(active_test=False).search(
                    Domain.OR(
                        [[("crm_group_path", "=like", f"{path}%")] for path in paths]
                    )
                )
        partners = self.with_context(active_test=False).search(
            [("id", "child_of", companies.ids)]
        )
        staff = self.env["crm.employment"].search(
            [("employer_id", "in", companies.ids), ("is_current", "=", True)]
        )
        return (partners | staff.person_id).ids

    def _compute_crm_history_count(self):
        History = self.env["crm.history"]
        for partner in self:
            partner.crm_history_count = (
                History.search_count(
                    [("partner_id", "in", partner._crm_history_partner_ids())]
                )
                if partner.id
                else 0
            )

    @api.readonly
    def action_open_crm_history(self):
        self.ensure_one()
        include = self.env.context.get("crm_history_include_subsidiaries", False)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("History of %(partner)s", partner=self.display_name),
            "res_model": "crm.history",
            "view_mode": "list,pivot,graph",
            "domain": [("partner_id", "in", self._crm_history_partner_ids(include))],
        }

    # ------------------------------------------------------------------
    # Satisfaction
    # ------------------------------------------------------------------
    def _crm_log_satisfaction(self, previous):
        """History lines for these partners, whose level was `previous`."""
        reason = self.env.context.get("crm_satisfaction_reason")
        self.env["crm.satisfaction.history"].sudo().create(
            [
                {
                    "partner_id": partner.id,
                    "level_id": partner.crm_satisfaction_level_id.id,
                    "previous_level_id": previous.get(partner.id, False),
                    "user_id": self.env.uid,
                    "reason": reason,
                }
                for partner in self
                if partner.crm_satisfaction_level_id.id != previous.get(partner.id)
            ]
        )

    def action_change_satisfaction(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change Satisfaction Level"),
            "res_model": "crm.satisfaction.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_id": self.id,
                "default_level_id": self.crm_satisfaction_level_id.id,
            },
        }

    # ------------------------------------------------------------------
    # PESEL: masked, typed in, shown on request (and logged)
    # ------------------------------------------------------------------
    def _compute_pesel_masked(self):
        # no digit at all: with the birth date and sex everyone reads, the
        # last four digits left a single possible PESEL (the check digit
        # gives the seventh), the last one about 500
        for partner, pesel in zip(self, self.sudo().mapped("pesel"), strict=True):
            partner.pesel_masked = PESEL_MASK if pesel else False

    def _compute_pesel_input(self):
        self.pesel_input = False

    def _inverse_pesel_input(self):
        for partner in self.filtered("pesel_input"):
            partner.pesel = partner.pesel_input

    def _search_pesel_input(self, operator, value):
        """The person with this whole PESEL, however it is typed; one number
        at a time (several, or a part, would tell whose number is which)."""
        numbers = [v for v in value if v] if operator == "in" else []
        if len(numbers) != 1 or not isinstance(numbers[0], str):
            raise UserError(self.env._("Search a person by one whole PESEL at a time."))
        return [
            (
                "id",
                "in",
                self.sudo()
                .with_context(active_test=False)
                ._search([("pesel", "=", stdnum_pesel.compact(numbers[0]))]),
            )
        ]

    @api.onchange("pesel_input")
    def _onchange_pesel_input_fill_birth(self):
        if self.pesel_input:
            self.update(self._pesel_identity_vals(self.pesel_input))

    def action_reveal_pesel(self):
        """Show the full PESEL in a dialog; log who looked at whose number.

        The one method of ours that reads personal data *and* writes: it is
        deliberately not ``@api.readonly``, so the request runs on the primary
        and the log line is committed with it (a log written from a replica
        request would be lost or fail); the read itself is
        ``_crm_pesel_reveal_action``, which read-only callers may use.
        """
        self.ensure_one()
        self._crm_log_pesel_reveal()
        return self._crm_pesel_reveal_action()

    def _crm_log_pesel_reveal(self):
        """The write half of a reveal: who looked at whose number (primary)."""
        if not self.env.user.has_group(PERSONAL_DATA_GROUP):
            raise AccessError(
                self.env._("Only the Personal data group may see a PESEL.")
            )
        self.env["crm.pesel.reveal.log"].sudo().create(
            [{"partner_id": partner.id, "user_id": self.env.uid} for partner in self]
        )

    def _crm_pesel_reveal_action(self):
        """The read half of a reveal: the dialog showing the full number."""
        self.ensure_one()
        if not self.env.user.has_group(PERSONAL_DATA_GROUP):
            raise AccessError(
                self.env._("Only the Personal data group may see a PESEL.")
            )
        pesel = self.sudo().pesel
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("PESEL of %(partner)s", partner=self.display_name),
            "res_model": "crm.pesel.reveal.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id, "default_pesel": pesel},
        }

    # ------------------------------------------------------------------
    # Birthday and name-day reminders
    # ------------------------------------------------------------------
    @api.model
    def _crm_reminder_days(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(REMINDER_DAYS_PARAM, DEFAULT_REMINDER_DAYS)
        )
        try:
            return max(int(value), 0)
        except ValueError:
            return DEFAULT_REMINDER_DAYS

    @api.model
    def _cron_crm_celebration_reminders(self, today=None):
        """Activities for account managers N days before birthdays and name days.

        Safe to re-run: a person is reminded once of each celebration (the date
        reminded is stored on the person), even when the activity was done or
        deleted in between. Archived contacts are skipped by the search.
        """
        # the scheduler has no timezone: the day is the company's, not UTC's
        today = today or fields.Date.context_today(
            self.with_context(
                tz=self.env.context.get("tz")
                or self.env.user.tz
                or self.env.company.partner_id.tz
            )
        )
        day = today + timedelta(days=self._crm_reminder_days())
        birthday_domain = [
            ("birthdate_date.month_number", "=", day.month),
            ("birthdate_date.day_of_month", "=", day.day),
        ]
        if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
            birthday_domain = Domain.OR(
                [
                    birthday_domain,
                    [
                        ("birthdate_date.month_number", "=", 2),
                        ("birthdate_date.day_of_month", "=", 29),
                    ],
                ]
            )
        kinds = [
            (
                "crm_contacts_ext.mail_activity_type_birthday",
                "crm_birthday_reminded_on",
                birthday_domain,
            ),
            (
                "crm_contacts_ext.mail_activity_type_name_day",
                "crm_name_day_reminded_on",
                [
                    ("crm_name_day_id.month", "=", day.month),
                    ("crm_name_day_id.day", "=", day.day),
                ],
            ),
        ]
        Activity = self.env["mail.activity"].sudo()
        model_id = self.env["ir.model"]._get_id("res.partner")
        created = Activity
        for xmlid, reminded_field, domain in kinds:
            activity_type = self.env.ref(xmlid)
            # the date of the celebration reminded is kept on the person: an
            # activity done or deleted since does not come back on a re-run
            people = self.search(
                Domain.AND(
                    [
                        domain,
                        [("is_company", "=", False), (reminded_field, "!=", day)],
                    ]
                )
            )
            vals_list = []
            reminded = self.browse()
            for person in people:
                manager = person.user_id or person.commercial_partner_id.user_id
                # the cron sees every company; the manager only theirs
                if not manager or (
                    person.company_id and person.company_id not in manager.company_ids
                ):
                    continue
                reminded |= person
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": person.id,
                        "activity_type_id": activity_type.id,
                        "date_deadline": day,
                        "user_id": manager.id,
                        "summary": self.env._(
                            "%(kind)s: %(person)s",
                            kind=activity_type.with_context(lang=manager.lang).name,
                            person=person.name,
                        ),
                    }
                )
            created |= Activity.create(vals_list)
            reminded.sudo().write({reminded_field: day})
        return created

    # ------------------------------------------------------------------
    # Normalisation: users type spaces and dashes, we store digits only.
    # ------------------------------------------------------------------
    @api.model
    def _compact_identity_vals(self, vals):
        for fname, module in (("regon", stdnum_regon), ("pesel", stdnum_pesel)):
            number = vals.get(fname)
            if number and not isinstance(number, str):
                # e.g. a number in JSON: it would lose its leading zeros
                raise ValidationError(
                    self.env._(
                        "%(field)s must be sent as text (digits in quotes), "
                        "not as %(value)s.",
                        field=self._fields[fname].get_description(self.env)["string"],
                        value=number if fname == "regon" else type(number).__name__,
                    )
                )
            if number:
                vals[fname] = module.compact(number)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self.browse()._crm_check_group_parent(vals.get("crm_group_parent_id"))
        partners = super().create(
            [self._compact_identity_vals(dict(v)) for v in vals_list]
        )
        # sudo: the field is for internal users, contacts are also created
        # for portal and public users (sign-up, addresses)
        partners.sudo().filtered("crm_satisfaction_level_id")._crm_log_satisfaction({})
        with_pesel = [
            p.id
            for p, vals in zip(partners, vals_list, strict=True)
            if vals.get("pesel")
        ]
        partners.browse(with_pesel)._fill_from_pesel()
        return partners

    def write(self, vals):
        if "crm_group_parent_id" in vals:
            self._crm_check_group_parent(vals["crm_group_parent_id"])
        elif vals.get("parent_id"):
            # a parent company joins the company to its group (see
            # _crm_group_parent): no loop through the group parents
            parent = self.browse(vals["parent_id"])
            if parent.is_company:
                self.filtered(
                    lambda p: (
                        not p.crm_group_parent_id
                        and vals.get("is_company", p.is_company)
                    )
                )._crm_check_group_cycle(parent)
        previous = (
            {p.id: p.crm_satisfaction_level_id.id for p in self}
            if "crm_satisfaction_level_id" in vals
            else None
        )
        compact = self._compact_identity_vals(dict(vals))
        pesel_vals = {}
        if "pesel" in compact and not self.env.su:
            # Odoo's write reads the old value of each field written, and no
            # user reads a PESEL: the group's user writes it as superuser
            self._check_field_access(self._fields["pesel"], "write")
            self.check_access("write")
            pesel_vals = {"pesel": compact.pop("pesel")}
        # renamed people keep their own first name and name day (the compute
        # would take the new name's first word, and the customary date)
        kept = (
            {
                partner: (partner.crm_first_name, partner.crm_name_day_id.id)
                for partner in self
                if not partner.is_company and partner._crm_first_name_kept(vals["name"])
            }
            if "name" in vals and "crm_first_name" not in vals
            else {}
        )
        rest = self.filtered(lambda partner: partner not in kept)
        res = super(ResPartner, rest).write(compact) if rest or not kept else True
        for partner, (first_name, name_day_id) in kept.items():
            super(ResPartner, partner).write(
                dict(compact, crm_first_name=first_name, crm_name_day_id=name_day_id)
            )
        if pesel_vals:
            super(ResPartner, self.sudo()).write(pesel_vals)
        if previous is not None:
            self._crm_log_satisfaction(previous)
        if vals.get("pesel"):
            self._fill_from_pesel()
        return res

    def _pesel_identity_vals(self, pesel=None):
        """Birth date and sex a valid PESEL gives, for those still empty."""
        self.ensure_one()
        pesel = pesel or self.sudo().pesel
        pesel = pesel and stdnum_pesel.compact(pesel)
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
            # an invalid number is the one the group's user just typed; a
            # user outside the group may trip this by editing the birth date
            shown = (
                pesel if self.env.user.has_group(PERSONAL_DATA_GROUP) else PESEL_MASK
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
                        # a stored number: shown by the reveal dialog only
                        number=PESEL_MASK,
                        pesel_date=format_date(self.env, birth_date),
                        partner=partner.display_name,
                        birth_date=format_date(self.env, partner.birthdate_date),
                    )
                )
            gender = PESEL_GENDERS[stdnum_pesel.get_gender(pesel)]
            if partner.gender in PESEL_GENDERS.values() and partner.gender != gender:
                genders = dict(self._fields["gender"]._description_selection(self.env))
                raise ValidationError(
                    self.env._(
                        "PESEL %(number)s is the number of a %(pesel_gender)s "
                        "person, but %(partner)s is %(gender)s.",
                        number=PESEL_MASK,
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
                            number=PESEL_MASK if fname == "pesel" else partner[fname],
                            other=other.display_name,
                        )
                    )


def _first_word(name):
    words = (name or "").split()
    return words[0] if words else False
