import base64
import csv
import io
from datetime import datetime

from odoo import fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import email_normalize

from ..models.crm_consent import METHODS

COLUMNS = ("email", "channel", "purpose", "state", "date", "source", "text_version")
REQUIRED = ("email", "channel", "purpose", "date", "source", "text_version")
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")


class CrmConsentImportWizard(models.TransientModel):
    """Existing consents from a CSV file: e-mail of the contact, channel and
    purpose codes, state (given / withdrawn), date, source (how it was
    given) and text version. Every bad row is reported; a file with an error
    imports nothing."""

    _name = "crm.consent.import.wizard"
    _description = "Import Consents"

    file = fields.Binary(string="CSV File", required=True)
    file_name = fields.Char()

    def action_import(self):
        self.ensure_one()
        if not self.env.user.has_group(
            "crm_contacts_consent.group_crm_consent_manager"
        ):
            raise UserError(self.env._("Only consent managers import consents."))
        if not self.file:
            raise UserError(self.env._("Choose the CSV file to import."))
        rows = self._crm_read_rows()
        vals_list, errors = self._crm_rows_to_vals(rows)
        if not errors:
            Consent = self.env["crm.consent"].sudo()
            # in the order things happened: a withdrawal after its consent
            for number, vals in sorted(vals_list, key=lambda nv: nv[1]["date"]):
                try:
                    with self.env.cr.savepoint():
                        Consent.create([vals])
                except ValidationError as error:
                    errors.append(
                        self.env._("Row %(row)s: %(error)s", row=number, error=error)
                    )
        if errors:
            # nothing of a file with errors stays
            raise ValidationError(
                self.env._(
                    "Nothing was imported:\n%(errors)s", errors="\n".join(errors)
                )
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s consents imported.", count=len(vals_list)
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _crm_read_rows(self):
        try:
            text = base64.b64decode(self.file).decode("utf-8-sig")
        except (ValueError, UnicodeDecodeError) as error:
            raise UserError(self.env._("The file is not a UTF-8 CSV file.")) from error
        sample = text[:2048]
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        header = [(name or "").strip().lower() for name in reader.fieldnames or []]
        missing = [name for name in REQUIRED if name not in header]
        if missing:
            raise UserError(
                self.env._(
                    "The file misses the columns: %(columns)s "
                    "(expected: %(expected)s).",
                    columns=", ".join(missing),
                    expected=", ".join(COLUMNS),
                )
            )
        reader.fieldnames = header
        return [
            (number, {k: (v or "").strip() for k, v in row.items() if k})
            for number, row in enumerate(reader, start=2)
        ]

    def _crm_rows_to_vals(self, rows):
        channels = {
            c.code: c
            for c in self.env["crm.consent.channel"]
            .with_context(active_test=False)
            .search([])
        }
        purposes = {
            p.code: p
            for p in self.env["crm.consent.purpose"]
            .with_context(active_test=False)
            .search([])
        }
        methods = dict(METHODS)
        vals_list, errors = [], []
        for number, row in rows:
            problems = []
            partner = self.env["res.partner"]
            email = email_normalize(row.get("email"))
            if not email:
                problems.append(
                    self.env._("invalid e-mail “%(email)s”", email=row.get("email"))
                )
            else:
                partner = partner.search([("email_normalized", "=", email)])
                if not partner:
                    problems.append(
                        self.env._("no contact with the e-mail %(email)s", email=email)
                    )
                elif len(partner) > 1:
                    problems.append(
                        self.env._(
                            "%(count)s contacts have the e-mail %(email)s",
                            count=len(partner),
                            email=email,
                        )
                    )
            channel = channels.get(row.get("channel", "").lower())
            if not channel:
                problems.append(
                    self.env._("unknown channel “%(code)s”", code=row.get("channel"))
                )
            purpose = purposes.get(row.get("purpose", "").lower())
            if not purpose:
                problems.append(
                    self.env._("unknown purpose “%(code)s”", code=row.get("purpose"))
                )
            state = (row.get("state") or "given").lower()
            if state not in ("given", "withdrawn"):
                problems.append(
                    self.env._(
                        "unknown state “%(state)s” (given or withdrawn)", state=state
                    )
                )
            source = row.get("source", "").lower()
            if source not in methods or source == "system":
                problems.append(
                    self.env._(
                        "unknown source “%(value)s” (%(sources)s)",
                        value=row.get("source"),
                        sources=", ".join(m for m in methods if m != "system"),
                    )
                )
            date = self._crm_parse_date(row.get("date"))
            if not date:
                problems.append(
                    self.env._("invalid date “%(date)s”", date=row.get("date"))
                )
            text = self.env["crm.consent.text"]
            version = row.get("text_version", "")
            if purpose:
                if not version.isdigit():
                    problems.append(
                        self.env._(
                            "invalid text version “%(version)s”", version=version
                        )
                    )
                else:
                    text = text.with_context(active_test=False).search(
                        [
                            ("purpose_id", "=", purpose.id),
                            ("version", "=", int(version)),
                        ]
                    )
                    if not text:
                        problems.append(
                            self.env._(
                                "%(purpose)s has no text version %(version)s",
                                purpose=purpose.name,
                                version=version,
                            )
                        )
            if problems:
                errors.append(
                    self.env._(
                        "Row %(row)s: %(problems)s",
                        row=number,
                        problems="; ".join(problems),
                    )
                )
                continue
            vals_list.append(
                (
                    number,
                    {
                        "partner_id": partner.id,
                        "channel_id": channel.id,
                        "purpose_id": purpose.id,
                        "text_id": text.id,
                        "state": state,
                        "date": date,
                        "method": source,
                        "imported": True,
                        "user_id": self.env.uid,
                        "note": self.env._(
                            "Imported from %(file)s", file=self.file_name
                        )
                        if self.file_name
                        else False,
                    },
                )
            )
        return vals_list, errors

    def _crm_parse_date(self, value):
        for fmt in DATE_FORMATS:
            try:
                return datetime.strptime(value or "", fmt)
            except ValueError:
                continue
        return False
