import json

from stdnum.pl import nip as stdnum_nip

from odoo import fields, models
from odoo.exceptions import UserError

from ..models.crm_register_client import RegisterError

# card field, label, key in the register's values
COMPARED = (
    ("name", "Name", "name"),
    ("crm_short_name", "Short Name", "short_name"),
    ("regon", "REGON", "regon"),
    ("crm_krs", "KRS", "krs"),
    ("crm_legal_form", "Legal Form", "legal_form"),
    ("street", "Street", "street"),
    ("zip", "ZIP", "zip"),
    ("city", "City", "city"),
    ("state_id", "State", "state"),
    ("crm_pkd_code", "Main PKD", "pkd_code"),
    ("crm_pkd_name", "Main Activity", "pkd_name"),
    ("crm_start_date", "Activity Since", "start_date"),
)


class CrmRegisterWizard(models.TransientModel):
    _name = "crm.register.wizard"
    _description = "Check in Registers"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade")
    line_ids = fields.One2many("crm.register.wizard.line", "wizard_id")
    answers_json = fields.Text()
    warnings = fields.Text(readonly=True)
    summary = fields.Text(readonly=True)

    # ------------------------------------------------------------------
    def _crm_run_checks(self):
        """Ask GUS (by NIP, REGON or KRS), then the KRS and the white list;
        GUS failing stops everything (nothing is written); the others
        failing are shown as warnings. For an EU VAT number: VIES."""
        self.ensure_one()
        partner = self.partner_id
        partner._crm_register_require_number()
        company = partner.company_id or self.env.company
        Client = self.env["crm.register.client"]
        vat = (partner.vat or "").replace(" ", "").upper()
        answers, warnings = {}, []
        if vat and vat[:2].isalpha() and not vat.startswith("PL"):
            answers["vies"] = Client._crm_vies_lookup(vat)
            answers["vies"]["number"] = vat
        else:
            nip = vat.removeprefix("PL") or None
            if nip and not stdnum_nip.is_valid(nip):
                raise Client._crm_error("gus", "invalid", f"NIP {partner.vat}")
            gus = Client._crm_gus_lookup(
                company,
                nip=nip,
                regon=None if nip else partner.regon,
                krs=None if nip or partner.regon else partner.crm_krs,
            )
            gus["number"] = nip or partner.regon or partner.crm_krs
            answers["gus"] = gus
            krs = gus.get("krs") or partner.crm_krs
            if krs:
                try:
                    answers["krs"] = Client._crm_krs_lookup(company, krs)
                    answers["krs"]["number"] = krs
                except RegisterError as error:
                    warnings.append(str(error))
            nip = nip or gus.get("nip")
            if nip:
                try:
                    answers["whitelist"] = Client._crm_whitelist_lookup(company, nip)
                    answers["whitelist"]["number"] = nip
                except RegisterError as error:
                    warnings.append(str(error))
        self._crm_fill(answers, warnings)

    def _crm_fill(self, answers, warnings):
        partner = self.partner_id
        merged = {}
        sources = {}
        # GUS first; the KRS completes it (not over it)
        for register in ("krs", "gus"):
            for key, value in (answers.get(register) or {}).items():
                if value not in (None, False, ""):
                    merged[key] = value
                    sources[key] = register
        labels = dict(
            self.env["crm.register.check"]
            ._fields["register"]
            ._description_selection(self.env)
        )
        lines = []
        for sequence, (fname, label, key) in enumerate(COMPARED):
            value = merged.get(key)
            if value in (None, False, ""):
                continue
            field = partner._fields[fname]
            if fname == "state_id":
                state = self.env["res.country.state"].search(
                    [("country_id.code", "=", "PL"), ("name", "=ilike", value)], limit=1
                )
                if not state:
                    continue
                shown, stored = state.display_name, state.id
                card = partner.state_id.display_name or ""
                differs = partner.state_id != state
            else:
                stored = str(value) if field.type == "date" else value
                shown = (
                    fields.Date.to_string(value)
                    if field.type == "date" and not isinstance(value, str)
                    else str(value)
                )
                current = partner[fname]
                card = (
                    fields.Date.to_string(current)
                    if field.type == "date" and current
                    else (current or "")
                )
                differs = _norm(card) != _norm(shown)
            if not differs:
                continue
            lines.append(
                {
                    "sequence": sequence,
                    "field_name": fname,
                    "label": field.get_description(self.env)["string"] or label,
                    "card_value": card,
                    "register_value": shown,
                    "register_name": labels.get(sources[key], sources[key]),
                    "value_json": json.dumps(stored),
                    "differs": bool(card),
                    # nothing typed is overwritten silently
                    "use": not card,
                }
            )
        summary = []
        gus_krs = {**(answers.get("gus") or {}), **(answers.get("krs") or {})}
        status_labels = dict(
            partner._fields["crm_register_status"]._description_selection(self.env)
        )
        vat_labels = dict(
            partner._fields["crm_vat_status"]._description_selection(self.env)
        )
        if gus_krs.get("status"):
            summary.append(
                self.env._(
                    "Register status: %(status)s",
                    status=status_labels[gus_krs["status"]],
                )
            )
        whitelist = answers.get("whitelist")
        if whitelist:
            summary.append(
                self.env._(
                    "VAT status: %(status)s (request %(request)s)",
                    status=vat_labels[whitelist["vat_status"]],
                    request=whitelist.get("request_id"),
                )
            )
        if answers.get("vies"):
            summary.append(self.env._("VIES: the VAT number is valid."))
        self.write(
            {
                "answers_json": json.dumps(answers, default=str),
                "warnings": "\n".join(warnings) or False,
                "summary": "\n".join(summary) or False,
                "line_ids": [(5, 0, 0)] + [(0, 0, vals) for vals in lines],
            }
        )

    # ------------------------------------------------------------------
    def action_apply(self):
        """Write the chosen values and what only the registers say, and
        keep the proof of each register asked."""
        self.ensure_one()
        partner = self.partner_id
        partner.check_access("write")
        if not self.answers_json:
            raise UserError(
                self.env._("Nothing was asked: check in the registers first.")
            )
        answers = json.loads(self.answers_json)
        vals = {}
        for line in self.line_ids.filtered("use"):
            vals[line.field_name] = json.loads(line.value_json) or False
        status_values = {}
        for register in ("gus", "krs"):
            answer = answers.get(register) or {}
            # the KRS knows of a liquidation, GUS does not
            if answer.get("status") and (
                register == "gus" or answer["status"] != "active"
            ):
                status_values["status"] = answer["status"]
                status_values["status_date"] = answer.get("status_date") or False
        whitelist = answers.get("whitelist")
        if whitelist:
            status_values.update(
                vat_status=whitelist["vat_status"],
                vat_status_date=whitelist.get("vat_status_date") or False,
                accounts=whitelist.get("accounts") or [],
            )
        status_vals, changes, significant = partner._crm_register_status_vals(
            status_values
        )
        vals.update(status_vals)
        if answers.get("krs", {}).get("representation"):
            vals["crm_representation"] = answers["krs"]["representation"]
        if whitelist:
            vals["crm_whitelist_date"] = fields.Date.context_today(self)
            vals["crm_whitelist_request_id"] = whitelist.get("request_id")
        taken = [
            f"{line.label}: {line.card_value or '—'} → {line.register_value}"
            for line in self.line_ids.filtered("use")
        ]
        vals.update(
            crm_register_checked_at=fields.Datetime.now(),
            crm_register_checked_by=self.env.uid,
            crm_register_checked_with=", ".join(
                self.env["crm.register.client"]._crm_register_label(r) for r in answers
            ),
        )
        partner.write(vals)
        Check = self.env["crm.register.check"].sudo()
        Check.create(
            [
                {
                    "partner_id": partner.commercial_partner_id.id,
                    "company_id": (partner.company_id or self.env.company).id,
                    "user_id": self.env.uid,
                    "register": register,
                    "trigger": "manual",
                    "number": answer.get("number"),
                    "request_id": answer.get("request_id") or False,
                    "vat_status": answer.get("vat_status") or False,
                    "accounts": "\n".join(answer.get("accounts") or []) or False,
                    "changes": "\n".join(
                        (taken + changes) if register in ("gus", "vies") else []
                    )
                    or False,
                    "significant": bool(significant) and register in ("gus", "vies"),
                }
                for register, answer in answers.items()
            ]
        )
        if significant:
            partner._crm_register_notify(significant)
        return {"type": "ir.actions.act_window_close"}


def _norm(value):
    return " ".join(str(value or "").lower().split())
