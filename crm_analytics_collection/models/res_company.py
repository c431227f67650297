from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_interest_journal_id = fields.Many2one(
        "account.journal",
        string="Interest Note Journal",
        check_company=True,
        domain="[('type', '=', 'general')]",
    )
    crm_interest_account_id = fields.Many2one(
        "account.account",
        string="Interest Income Account",
        check_company=True,
        domain="[('account_type', 'in', ('income', 'income_other'))]",
    )
    crm_payment_demand_days = fields.Integer(
        string="Payment Demand Deadline (days)",
        default=7,
        help="Days the customer gets to pay a payment demand.",
    )

    def _crm_interest_journal(self):
        """The interest note journal of the company, created when missing."""
        self.ensure_one()
        if not self.crm_interest_journal_id:
            Journal = self.env["account.journal"].sudo()
            journal = Journal.search(
                [("company_id", "=", self.id), ("code", "=", "ODS")], limit=1
            ) or Journal.create(
                {
                    "name": self.env._("Interest Notes"),
                    "code": "ODS",
                    "type": "general",
                    "company_id": self.id,
                }
            )
            self.sudo().crm_interest_journal_id = journal
        return self.crm_interest_journal_id

    def _crm_interest_account(self):
        """The income account of the interest, created when missing."""
        self.ensure_one()
        if not self.crm_interest_account_id:
            Account = self.env["account.account"].sudo().with_company(self)
            account = Account.search(
                [("company_ids", "in", self.id), ("code", "=", "750100")], limit=1
            ) or Account.create(
                {
                    "name": self.env._("Interest on late payments"),
                    "code": "750100",
                    "account_type": "income_other",
                    "company_ids": [self.id],
                }
            )
            self.sudo().crm_interest_account_id = account
        return self.crm_interest_account_id
