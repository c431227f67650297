from odoo import api, fields, models

ACCOUNTING_GROUPS = "account.group_account_readonly,account.group_account_invoice"


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_debtor_type = fields.Selection(
        [
            ("business", "Business"),
            ("healthcare", "Public healthcare entity"),
            ("consumer", "Consumer"),
        ],
        string="Debtor Type",
        help="Which statutory interest for delay applies: commercial "
        "transactions (businesses: reference rate + 10 p.p.; public healthcare "
        "entities: + 8 p.p.) or the Civil Code (consumers: + 5.5 p.p.). Empty: "
        "a business when it is a company or has a tax ID, else a consumer.",
    )
    crm_interest_due = fields.Monetary(
        string="Interest to Date",
        currency_field="crm_company_currency_id",
        compute="_compute_crm_interest_due",
        groups=ACCOUNTING_GROUPS,
        help="Statutory interest for delay on what the customer owes, as of "
        "today (or the aging's date).",
    )
    crm_compensation_due = fields.Monetary(
        string="Compensation",
        currency_field="crm_company_currency_id",
        compute="_compute_crm_interest_due",
        groups=ACCOUNTING_GROUPS,
        help="Compensation for recovery costs (40/70/100 EUR per overdue "
        "invoice) in the company currency.",
    )

    @api.depends_context("crm_aging_date", "crm_aging_as_of", "allowed_company_ids")
    def _compute_crm_interest_due(self):
        Aging = self.env["crm.receivable.aging"]
        as_of = Aging._as_of_date()
        customers = self.commercial_partner_id
        report = Aging.with_context(crm_aging_customer_ids=customers.ids)
        interest = report._crm_interest_by_customer(as_of) if customers else {}
        compensation = report._crm_compensation_by_customer(as_of) if customers else {}
        for partner in self:
            key = partner.commercial_partner_id.id
            partner.crm_interest_due = interest.get(key, 0.0)
            partner.crm_compensation_due = compensation.get(key, 0.0)

    crm_collection_stage_id = fields.Many2one(
        "crm.collection.stage",
        string="Collection Stage",
        copy=False,
        tracking=True,
        help="Where the collection of the customer's overdue invoices stands; "
        "the collection run moves it.",
    )
    crm_collection_next_date = fields.Date(string="Next Collection Action", copy=False)
    crm_collection_user_id = fields.Many2one(
        "res.users", string="Collection Responsible", copy=False
    )
    crm_collection_hold = fields.Selection(
        [
            ("dispute", "Dispute"),
            ("payment_plan", "Payment plan"),
            ("do_not_chase", "Do not chase"),
        ],
        string="Collection On Hold",
        copy=False,
        tracking=True,
        help="The collection run skips the customer and lists it.",
    )

    def _crm_letter_lang(self, company):
        """The language of a letter to this customer: Polish for Polish
        customers, English for foreign ones (and for all while Polish is not
        installed: a mail cannot be rendered in it); without a customer, the
        company's country decides."""
        polish = "pl_PL" if self.env["res.lang"]._get_data(code="pl_PL") else "en_US"
        country = self.commercial_partner_id.country_id or company.country_id
        return polish if country == self.env.ref("base.pl") else "en_US"

    def action_crm_balance_confirmations(self):
        """The customer's balance confirmations (salespeople: read-only)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_analytics_collection.action_crm_balance_confirmation"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        return action

    def _crm_collection_log(self, stage, demands):
        """Log the stage and its letter (of ``demands``) on each customer: a
        note in the chatter, all of them at once (no notification goes out of
        a note; a glue addon may put it elsewhere)."""
        Run = self.env["crm.collection.run"]
        letters = {demand.partner_id.id: demand for demand in demands}
        self._message_log_batch(
            {
                customer.id: Run._crm_log_body(stage, letters.get(customer.id))
                for customer in self
            },
            message_type="comment",
        )
