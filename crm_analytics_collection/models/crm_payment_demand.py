from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models


class CrmPaymentDemand(models.Model):
    """A payment demand (wezwanie do zapłaty): the overdue items of a
    customer with interest to the stated date, compensation, total, the bank
    account and a deadline. Its lines keep the figures of its date."""

    _name = "crm.payment.demand"
    _description = "Payment demand"
    _inherit = ("mail.thread", "portal.mixin")
    _order = "date desc, id desc"

    name = fields.Char(string="Number", required=True, copy=False, default="/")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    date_deadline = fields.Date(string="Pay By", required=True)
    stage_id = fields.Many2one("crm.collection.stage", string="Collection Stage")
    run_id = fields.Many2one("crm.collection.run", string="Collection Run", index=True)
    final = fields.Boolean(
        string="Final Pre-Court Demand",
        help="Printed as the last demand before court.",
    )
    state = fields.Selection(
        [("draft", "To send"), ("print", "To print"), ("sent", "Sent")],
        default="draft",
        required=True,
        tracking=True,
    )
    lang = fields.Char(compute="_compute_lang", string="Language")
    line_ids = fields.One2many("crm.payment.demand.line", "demand_id", string="Items")
    amount_residual = fields.Monetary(
        string="Owed", compute="_compute_amounts", store=True
    )
    amount_interest = fields.Monetary(
        string="Interest", compute="_compute_amounts", store=True
    )
    amount_compensation = fields.Monetary(
        string="Compensation", compute="_compute_amounts", store=True
    )
    amount_total = fields.Monetary(
        string="Total", compute="_compute_amounts", store=True
    )
    bank_account = fields.Char(compute="_compute_bank_account")

    @api.depends("partner_id.country_id", "company_id.country_id")
    def _compute_lang(self):
        for demand in self:
            demand.lang = demand.partner_id._crm_letter_lang(demand.company_id)

    @api.depends(
        "line_ids.amount_residual",
        "line_ids.amount_interest",
        "line_ids.amount_compensation",
    )
    def _compute_amounts(self):
        for demand in self:
            lines = demand.line_ids
            demand.amount_residual = sum(lines.mapped("amount_residual"))
            demand.amount_interest = sum(lines.mapped("amount_interest"))
            demand.amount_compensation = sum(lines.mapped("amount_compensation"))
            demand.amount_total = (
                demand.amount_residual
                + demand.amount_interest
                + demand.amount_compensation
            )

    def _compute_bank_account(self):
        for demand in self:
            bank = demand.company_id.partner_id.sudo().bank_ids[:1]
            demand.bank_account = bank.acc_number or ""

    def _compute_access_url(self):
        for demand in self:
            demand.access_url = f"/my/payment_demands/{demand.id}"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("crm.payment.demand") or "/"
                )
        return super().create(vals_list)

    @api.model
    def _crm_demand_values(self, partners, as_of, company=None):
        """Values of a payment demand per customer with items overdue at
        ``as_of`` (the aging's rows, their interest and compensation in one
        statement each): {customer: [line values]}."""
        company = company or self.env.company
        customers = partners.commercial_partner_id
        Aging = (
            self.env["crm.receivable.aging"]
            .with_company(company)
            .with_context(
                allowed_company_ids=[company.id],
                crm_aging_date=as_of,
                crm_aging_customer_ids=customers.ids,
            )
        )
        rows = Aging.search(
            [
                ("partner_id", "in", customers.ids),
                ("days_overdue", ">", 0),
                ("amount_residual", ">", 0),
            ]
        )
        interest = {row["line_id"]: row for row in Aging._crm_interest(as_of)}
        compensation = {
            row["line_id"]: row["compensation"]
            for row in Aging._crm_compensation(as_of)
        }
        result = {}
        for row in rows:
            line_id = row.move_line_id.id
            result.setdefault(row.partner_id, []).append(
                {
                    "move_line_id": line_id,
                    "move_id": row.move_id.id,
                    "name": row.move_name,
                    "date": row.date,
                    "date_maturity": row.date_maturity,
                    "days_overdue": row.days_overdue,
                    "currency_id": row.currency_id.id,
                    "amount_residual_currency": row.amount_residual_currency,
                    "amount_residual": row.amount_residual,
                    "amount_interest": float(
                        interest.get(line_id, {}).get("interest", 0.0)
                    ),
                    "amount_compensation": float(compensation.get(line_id, 0.0)),
                }
            )
        return result

    @api.model
    def _crm_issue(self, partners, as_of=None, stage=None, company=None):
        """A payment demand for each of the customers with overdue items (the
        others are left out); returns the demands."""
        company = company or self.env.company
        as_of = as_of or fields.Date.context_today(self)
        values = self._crm_demand_values(partners, as_of, company)
        deadline = as_of + relativedelta(days=company.crm_payment_demand_days or 7)
        return self.create(
            [
                {
                    "partner_id": customer.id,
                    "company_id": company.id,
                    "date": as_of,
                    "date_deadline": deadline,
                    "stage_id": stage and stage.id,
                    "final": bool(stage and stage.final),
                    "state": "draft" if customer.email else "print",
                    "line_ids": [Command.create(line) for line in lines],
                }
                for customer, lines in values.items()
            ]
        )

    def action_print(self):
        return self.env.ref(
            "crm_analytics_collection.action_report_payment_demand"
        ).report_action(self)

    def action_mark_sent(self):
        self.write({"state": "sent"})

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Payment demand %(name)s", name=self.name)

    def _crm_send(self, stage=None):
        """Send the demands by e-mail with the stage's template (queued in
        the mail queue); those whose customer has no e-mail stay to print."""
        for demand in self.filtered(lambda demand: demand.state == "draft"):
            template = (stage or demand.stage_id).mail_template_id or self.env.ref(
                "crm_analytics_collection.mail_template_payment_demand"
            )
            template.send_mail(demand.id)
            demand.state = "sent"
