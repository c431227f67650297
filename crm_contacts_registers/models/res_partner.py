import logging
from datetime import datetime, timedelta

import pytz
from stdnum.pl import nip as stdnum_nip

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

from .crm_register_client import (
    GUS_BATCH,
    GUS_CHANGE_REPORT_DAYS,
    WHITELIST_BATCH,
    RegisterError,
)

_logger = logging.getLogger(__name__)

REGISTER_STATUS = [
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("liquidation", "In liquidation"),
    ("struck_off", "Struck off"),
]
VAT_STATUS = [
    ("active", "Active VAT payer"),
    ("exempt", "Exempt from VAT"),
    ("not_registered", "Not registered for VAT"),
    ("removed", "Removed from the VAT register"),
]
# statuses a change to which must be seen by the account manager
ALARMING_STATUS = {"suspended", "liquidation", "struck_off"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_short_name = fields.Char(string="Short Name", copy=False)
    crm_krs = fields.Char(
        string="KRS",
        copy=False,
        index="btree_not_null",
        help="Number in the National Court Register (10 digits).",
    )
    crm_legal_form = fields.Char(string="Legal Form", copy=False)
    crm_pkd_code = fields.Char(string="Main PKD", copy=False)
    crm_pkd_name = fields.Char(string="Main Activity", copy=False)
    crm_start_date = fields.Date(string="Activity Since", copy=False)
    crm_representation = fields.Text(
        string="Representation",
        copy=False,
        readonly=True,
        help="Who represents the company, as the KRS says.",
    )
    crm_register_status = fields.Selection(
        REGISTER_STATUS, string="Register Status", copy=False, readonly=True
    )
    crm_register_status_date = fields.Date(
        string="Register Status Since", copy=False, readonly=True
    )
    crm_vat_status = fields.Selection(
        VAT_STATUS, string="VAT Status", copy=False, readonly=True
    )
    crm_vat_status_date = fields.Date(
        string="VAT Status Since", copy=False, readonly=True
    )
    crm_whitelist_accounts = fields.Text(
        string="Accounts on the White List",
        copy=False,
        readonly=True,
        help="The bank accounts the VAT white list gives for this NIP, one a line.",
    )
    crm_whitelist_date = fields.Date(
        string="White List As Of", copy=False, readonly=True
    )
    crm_whitelist_request_id = fields.Char(
        string="White List Request ID", copy=False, readonly=True
    )
    crm_register_checked_at = fields.Datetime(
        string="Last Register Check", copy=False, readonly=True
    )
    crm_register_checked_by = fields.Many2one(
        "res.users", string="Last Checked By", copy=False, readonly=True
    )
    crm_register_checked_with = fields.Char(
        string="Registers Asked", copy=False, readonly=True
    )
    # the night the nightly job checked the partner: never twice a night
    crm_register_night = fields.Date(copy=False, readonly=True, index="btree_not_null")
    crm_register_check_ids = fields.One2many(
        "crm.register.check",
        "partner_id",
        string="Register Checks",
        groups="base.group_user",
    )

    def _commercial_fields(self):
        return super()._commercial_fields() + [
            "crm_krs",
            "crm_legal_form",
            "crm_register_status",
            "crm_vat_status",
            "crm_whitelist_accounts",
            "crm_whitelist_date",
            "crm_whitelist_request_id",
        ]

    # ------------------------------------------------------------------
    # Check in registers (button)
    # ------------------------------------------------------------------
    def action_crm_register_check(self):
        """Ask the registers and open the side-by-side comparison."""
        self.ensure_one()
        # only who may edit the card fills it from the registers
        self.check_access("write")
        wizard = self.env["crm.register.wizard"].create({"partner_id": self.id})
        wizard._crm_run_checks()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Registers: %(partner)s", partner=self.display_name),
            "res_model": "crm.register.wizard",
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def _crm_whitelist_set(self):
        return set((self.crm_whitelist_accounts or "").split())

    # ------------------------------------------------------------------
    # Nightly re-check
    # ------------------------------------------------------------------
    @api.model
    def _crm_register_night_day(self):
        return datetime.now(pytz.timezone("Europe/Warsaw")).date()

    @api.model
    def _crm_register_recheck_domain(self, day):
        return Domain.AND(
            [
                [
                    ("is_company", "=", True),
                    ("vat", "!=", False),
                    "|",
                    ("vat", "=ilike", "PL%"),
                    ("country_id.code", "=", "PL"),
                    "|",
                    ("customer_rank", ">", 0),
                    ("supplier_rank", ">", 0),
                    "|",
                    ("crm_register_night", "=", False),
                    ("crm_register_night", "<", day),
                ]
            ]
        )

    @api.model
    def _cron_crm_register_recheck(self, day=None):
        """Re-check active PL customers and suppliers, 30 NIPs a white-list
        call and 20 a GUS search, within each company's daily budget of
        calls; resumable (each batch commits, its partners are marked for
        the night), never twice a partner a night."""
        day = day or self._crm_register_night_day()
        Client = self.env["crm.register.client"]
        main = self.env.company
        stats = {"calls": 0, "partners": 0, "changed": 0}
        # every company: a handful of rows
        for company in self.env["res.company"].search([], order="id"):  # pylint: disable=no-search-all
            company_domain = [("company_id", "=", company.id)]
            if company == main:
                company_domain = ["|", ("company_id", "=", False), *company_domain]
            domain = Domain.AND(
                [self._crm_register_recheck_domain(day), company_domain]
            )
            used = (
                company.crm_register_calls_count
                if company.crm_register_calls_day == day
                else 0
            )
            budget = company.crm_register_nightly_budget - used
            gus_session = None
            # who is due tonight, the longest unchecked first (a budget cut
            # leaves no one behind): one query, then batches of 30 ids; a
            # partner done is marked for the night, so a re-run resumes
            due = (
                self._search(
                    domain, order="crm_register_night asc nulls first, id"
                ).get_result_ids()
                if budget > 0
                else ()
            )
            remaining, start = len(due), 0
            try:
                while budget > 0 and start < len(due):
                    batch = self.browse(due[start : start + WHITELIST_BATCH])
                    start += WHITELIST_BATCH
                    batch.fetch(
                        [
                            "vat",
                            "regon",
                            "crm_vat_status",
                            "crm_register_status",
                            "crm_register_night",
                            "crm_whitelist_accounts",
                        ]
                    )
                    if gus_session is None and budget >= 4:
                        try:
                            gus_session = Client._gus_open(company)
                        except RegisterError as error:
                            _logger.warning("Nightly GUS login: %s", error)
                            gus_session = False
                    calls_before = gus_session.get("calls", 0) if gus_session else 0
                    try:
                        calls, changed = batch._crm_register_recheck_batch(
                            company, day, gus_session, budget
                        )
                    except RegisterError as error:
                        # nothing of the batch is written: it is asked again
                        # on the next run (a limit or an outage stops this
                        # one); the calls come before any write
                        _logger.warning("Nightly register check stopped: %s", error)
                        break
                    if gus_session:
                        calls += gus_session.get("calls", 0) - calls_before
                    budget -= calls
                    used += calls
                    company.sudo().write(
                        {
                            "crm_register_calls_day": day,
                            "crm_register_calls_count": used,
                        }
                    )
                    stats["calls"] += calls
                    stats["partners"] += len(batch)
                    stats["changed"] += changed
                    remaining = max(remaining - len(batch), 0)
                    remaining_time = self.env["crm.job"]._crm_commit(
                        len(batch), remaining=remaining
                    )
                    if not remaining_time:
                        break
            finally:
                if gus_session:
                    Client._gus_logout(gus_session)
        return stats

    def _crm_register_recheck_batch(self, company, day, gus_session, budget):
        """Check these partners (at most 30) with one white-list call and
        GUS searches of 20; write only what changed. (calls, changed)."""
        Client = self.env["crm.register.client"]
        by_nip = {}
        for partner in self:
            number = (partner.vat or "").upper().removeprefix("PL")
            if stdnum_nip.is_valid(number):
                by_nip[stdnum_nip.compact(number)] = partner
        calls = 0
        answers, statuses = {}, {}
        request_id = False
        if by_nip:
            answers = Client._crm_whitelist_search(company, list(by_nip), day)
            calls += 1
            request_id = next(iter(answers.values()), {}).get("request_id")
            nips = list(by_nip)
            if gus_session and company.crm_gus_change_reports:
                nips = [
                    nip
                    for nip in nips
                    if by_nip[nip]._crm_gus_may_have_changed(gus_session, day)
                ]
            if gus_session and budget - calls >= len(nips) / GUS_BATCH:
                for start in range(0, len(nips), GUS_BATCH):
                    statuses.update(
                        Client._crm_gus_statuses(
                            gus_session, nips[start : start + GUS_BATCH]
                        )
                    )
        # one statement for the whole batch: checked tonight, as of this proof
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET crm_register_night = %s, "
                "crm_whitelist_date = CASE WHEN id IN %s THEN %s "
                "ELSE crm_whitelist_date END, "
                "crm_whitelist_request_id = CASE WHEN id IN %s THEN %s "
                "ELSE crm_whitelist_request_id END WHERE id IN %s",
                day,
                tuple(p.id for p in by_nip.values()) or (0,),
                day,
                tuple(p.id for p in by_nip.values()) or (0,),
                request_id,
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(
            ["crm_register_night", "crm_whitelist_date", "crm_whitelist_request_id"]
        )
        changed = 0
        for nip, partner in by_nip.items():
            answer = answers.get(nip)
            if not answer or answer.get("error"):
                continue
            values = dict(answer)
            if nip in statuses:
                values["status"], values["status_date"] = statuses[nip]
            if partner._crm_register_apply_nightly(values, nip):
                changed += 1
        return calls, changed

    def _crm_gus_may_have_changed(self, gus_session, day):
        """Whether GUS may say something new of this partner tonight: yes,
        unless its REGON is known, its last night is within the week GUS
        keeps its daily change reports, and none of them since lists it."""
        self.ensure_one()
        last, regon = self.crm_register_night, (self.regon or "")[:9]
        if (
            not (regon and last)
            or (day - last).days > GUS_CHANGE_REPORT_DAYS
            or gus_session.get("change_reports") is False
        ):
            return True
        Client = self.env["crm.register.client"]
        try:
            return any(
                regon in Client._gus_changed_regons(gus_session, last + timedelta(n))
                for n in range((day - last).days)
            )
        except RegisterError as error:
            # the key has no right to the reports: each entity is searched
            _logger.warning("GUS change reports: %s", error)
            gus_session["change_reports"] = False
            return True

    def _crm_register_apply_nightly(self, values, nip):
        """Write what the registers say differently; log and tell the
        account manager of a change that matters. True when it changed."""
        self.ensure_one()
        vals, changes, significant = self._crm_register_status_vals(values)
        if not vals:
            return False
        self.sudo().write(vals)
        self.env["crm.register.check"].sudo().create(
            {
                "partner_id": self.id,
                "company_id": (self.company_id or self.env.company).id,
                "register": "whitelist",
                "trigger": "nightly",
                "number": nip,
                "request_id": values.get("request_id"),
                "vat_status": vals.get("crm_vat_status") or self.crm_vat_status,
                "accounts": "\n".join(values.get("accounts") or []),
                "changes": "\n".join(changes),
                "significant": bool(significant),
            }
        )
        if significant:
            self._crm_register_notify(significant)
        return True

    def _crm_register_status_vals(self, values):
        """(vals, changes, significant changes) of the register-only fields:
        status, VAT status, the white list's accounts."""
        self.ensure_one()
        vals, changes, significant = {}, [], []
        # the labels in the reader's language, as the fields show them
        status_labels = dict(
            self._fields["crm_register_status"]._description_selection(self.env)
        )
        vat_labels = dict(
            self._fields["crm_vat_status"]._description_selection(self.env)
        )
        status = values.get("status")
        if status and status != self.crm_register_status:
            vals["crm_register_status"] = status
            vals["crm_register_status_date"] = values.get("status_date") or False
            line = self.env._(
                "Register status: %(old)s → %(new)s",
                old=status_labels.get(self.crm_register_status, "—"),
                new=status_labels[status],
            )
            changes.append(line)
            if self.crm_register_status and status in ALARMING_STATUS:
                significant.append(line)
        vat_status = values.get("vat_status")
        if vat_status and vat_status != self.crm_vat_status:
            vals["crm_vat_status"] = vat_status
            vals["crm_vat_status_date"] = values.get("vat_status_date") or False
            line = self.env._(
                "VAT status: %(old)s → %(new)s",
                old=vat_labels.get(self.crm_vat_status, "—"),
                new=vat_labels[vat_status],
            )
            changes.append(line)
            if self.crm_vat_status:
                significant.append(line)
        if "accounts" in values:
            old, new = self._crm_whitelist_set(), set(values["accounts"])
            if old != new:
                vals["crm_whitelist_accounts"] = "\n".join(sorted(new)) or False
                removed = old - new
                if removed:
                    line = self.env._(
                        "Removed from the white list: %(accounts)s",
                        accounts=", ".join(sorted(removed)),
                    )
                    changes.append(line)
                    significant.append(line)
                if new - old:
                    changes.append(
                        self.env._(
                            "Added to the white list: %(accounts)s",
                            accounts=", ".join(sorted(new - old)),
                        )
                    )
        return vals, changes, significant

    def _crm_register_notify(self, lines):
        self.ensure_one()
        manager = self.user_id or self.commercial_partner_id.user_id
        if not manager:
            return
        activity_type = self.env.ref(
            "crm_contacts_registers.mail_activity_type_register_change"
        )
        self.env["mail.activity"].sudo().create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": self.id,
                "activity_type_id": activity_type.id,
                "user_id": manager.id,
                "date_deadline": fields.Date.context_today(self),
                "summary": self.env._(
                    "Registers: %(partner)s changed", partner=self.display_name
                ),
                "note": "<br/>".join(lines),
            }
        )

    def _crm_register_require_number(self):
        self.ensure_one()
        if not (self.vat or self.regon or self.crm_krs):
            raise UserError(
                self.env._(
                    "Type the NIP (Tax ID), REGON or KRS of %(partner)s first.",
                    partner=self.display_name,
                )
            )

    def _crm_whitelist_refresh(self, company, day):
        """Check this partner's NIP on the white list as of ``day`` (before a
        payment): write what changed and keep the proof."""
        self.ensure_one()
        Client = self.env["crm.register.client"]
        nip = Client._crm_compact_nip(self.vat)
        values = Client._crm_whitelist_lookup(company, nip, day)
        vals, changes, significant = self._crm_register_status_vals(values)
        vals.update(
            crm_whitelist_date=day, crm_whitelist_request_id=values["request_id"]
        )
        self.sudo().write(vals)
        self.env["crm.register.check"].sudo().create(
            {
                "partner_id": self.id,
                "company_id": company.id,
                "user_id": self.env.uid,
                "register": "whitelist",
                "number": nip,
                "request_id": values["request_id"],
                "vat_status": values["vat_status"],
                "accounts": "\n".join(values.get("accounts") or []) or False,
                "changes": "\n".join(changes) or False,
                "significant": bool(significant),
            }
        )
        if significant:
            self._crm_register_notify(significant)
