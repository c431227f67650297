from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class CrmInterestNoteWizard(models.TransientModel):
    """Issue interest notes for the invoices the customers paid late in a
    period: one posted note per customer and currency, no tax."""

    _name = "crm.interest.note.wizard"
    _description = "Issue interest notes"

    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    date_from = fields.Date(
        string="Paid From",
        required=True,
        default=lambda self: fields.Date.context_today(self) - relativedelta(months=1),
    )
    date_to = fields.Date(
        string="Paid To", required=True, default=fields.Date.context_today
    )
    date = fields.Date(
        string="Note Date", required=True, default=fields.Date.context_today
    )
    payment_days = fields.Integer(string="Payable Within (days)", default=14)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner":
            values["partner_ids"] = [
                Command.set(self.env.context.get("active_ids") or [])
            ]
        return values

    def action_issue(self):
        """Post the notes and open them."""
        self.ensure_one()
        notes = self._issue()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Interest Notes"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", notes.ids)],
        }

    def _issue(self):
        Aging = self.env["crm.receivable.aging"]
        customers = self.partner_ids.commercial_partner_id
        rows = Aging._crm_paid_late(self.date_from, self.date_to, customers.ids)
        rows = [row for row in rows if row["interest"] > 0]
        if not rows:
            noted = self.env["crm.interest.note.line"].search(
                [
                    ("partner_id", "in", customers.ids),
                    ("date_paid", ">=", self.date_from),
                    ("date_paid", "<=", self.date_to),
                ],
                limit=1,
            )
            if noted:
                raise UserError(
                    self.env._(
                        "The late payments of %(customer)s from %(start)s to "
                        "%(end)s are already charged on interest note %(note)s.",
                        customer=noted.partner_id.display_name,
                        start=self.date_from,
                        end=self.date_to,
                        note=noted.move_id.name,
                    )
                )
            raise UserError(
                self.env._(
                    "%(customers)s paid nothing late from %(start)s to %(end)s.",
                    customers=", ".join(customers.mapped("display_name")),
                    start=self.date_from,
                    end=self.date_to,
                )
            )
        groups = {}
        for row in rows:
            key = (row["company_id"], row["partner_id"], row["currency_id"])
            groups.setdefault(key, []).append(row)
        notes = self.env["account.move"]
        for (company_id, partner_id, currency_id), lines in groups.items():
            notes |= self._create_note(company_id, partner_id, currency_id, lines)
        notes.action_post()
        return notes

    def _create_note(self, company_id, partner_id, currency_id, rows):
        company = self.env["res.company"].browse(company_id)
        partner = self.env["res.partner"].browse(partner_id)
        currency = self.env["res.currency"].browse(currency_id)
        balance = sum(float(row["interest"]) for row in rows)
        amount_currency = sum(float(row["interest_currency"]) for row in rows)
        label = self.env._(
            "Interest on late payments %(start)s - %(end)s",
            start=self.date_from,
            end=self.date_to,
        )
        receivable = partner.with_company(company).property_account_receivable_id
        common = {"partner_id": partner.id, "currency_id": currency.id, "name": label}
        return (
            self.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": company._crm_interest_journal().id,
                    "date": self.date,
                    "partner_id": partner.id,
                    "currency_id": currency.id,
                    "ref": label,
                    "crm_interest_note": True,
                    "line_ids": [
                        Command.create(
                            {
                                **common,
                                "account_id": receivable.id,
                                "balance": balance,
                                "amount_currency": amount_currency,
                                "date_maturity": self.date
                                + relativedelta(days=self.payment_days),
                            }
                        ),
                        Command.create(
                            {
                                **common,
                                "account_id": company._crm_interest_account().id,
                                "balance": -balance,
                                "amount_currency": -amount_currency,
                                "tax_ids": [],
                            }
                        ),
                    ],
                    "crm_interest_note_line_ids": [
                        Command.create(
                            {
                                "invoice_line_id": row["line_id"],
                                "partial_id": row["partial_id"],
                                "date_due": row["date_from"],
                                "date_paid": row["date_to"],
                                "days": row["days"],
                                "currency_id": currency.id,
                                "amount_paid": row["amount_currency"],
                                "amount_interest": row["interest_currency"],
                            }
                        )
                        for row in rows
                    ],
                }
            )
        )
