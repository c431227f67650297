from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

# states in which the customer has the confirmation (and sees it in the portal)
SENT_STATES = ("sent", "confirmed", "disputed")


class CrmBalanceConfirmation(models.Model):
    """A balance confirmation (potwierdzenie salda): what a customer owes as
    of a date (e.g. the year end) per currency, sent to the customer, who
    confirms or disputes it in the portal. Its lines keep the balances of its
    date."""

    _name = "crm.balance.confirmation"
    _description = "Balance confirmation"
    _inherit = ("mail.thread", "mail.activity.mixin", "portal.mixin")
    _order = "date desc, id desc"

    name = fields.Char(string="Number", required=True, copy=False, default="/")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, readonly=True
    )
    user_id = fields.Many2one(
        related="partner_id.user_id",
        string="Salesperson",
        store=True,
        index=True,
        help="The customer's account manager: sees the confirmation and gets "
        "an activity when the customer disputes it.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(string="Balance As Of", required=True, readonly=True, index=True)
    state = fields.Selection(
        [
            ("draft", "To send"),
            ("print", "To print"),
            ("sent", "Sent"),
            ("confirmed", "Confirmed"),
            ("disputed", "Disputed"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    lang = fields.Char(compute="_compute_lang", string="Language")
    line_ids = fields.One2many(
        "crm.balance.confirmation.line",
        "confirmation_id",
        string="Balances",
        readonly=True,
    )
    amount_total = fields.Monetary(
        string="Balance",
        compute="_compute_amount_total",
        store=True,
        help="The balances of every currency in the company currency, at the "
        "date's rates of the documents.",
    )
    sent_user_id = fields.Many2one(
        "res.users", string="Sent By", readonly=True, copy=False
    )
    sent_date = fields.Datetime(string="Sent On", readonly=True, copy=False)
    answer_partner_id = fields.Many2one(
        "res.partner", string="Answered By", readonly=True, copy=False
    )
    answer_date = fields.Datetime(string="Answered On", readonly=True, copy=False)
    answer_comment = fields.Text(string="Customer's Comment", readonly=True, copy=False)

    @api.depends("partner_id.country_id", "company_id.country_id")
    def _compute_lang(self):
        for confirmation in self:
            confirmation.lang = confirmation.partner_id._crm_letter_lang(
                confirmation.company_id
            )

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for confirmation in self:
            confirmation.amount_total = sum(confirmation.line_ids.mapped("amount"))

    def _compute_access_url(self):
        for confirmation in self:
            confirmation.access_url = f"/my/balance_confirmations/{confirmation.id}"

    @api.constrains("partner_id", "date", "company_id", "state")
    def _check_one_per_date(self):
        """One live confirmation of a customer's balance per date (one query
        for a whole issue)."""
        live = self.filtered(lambda rec: rec.state != "cancel")
        if not live:
            return
        same = self.search(
            [
                ("partner_id", "in", live.partner_id.ids),
                ("date", "in", list(set(live.mapped("date")))),
                ("state", "!=", "cancel"),
            ]
        ).grouped(lambda rec: (rec.partner_id, rec.company_id, rec.date))
        for (partner, _company, day), confirmations in same.items():
            if len(confirmations) > 1:
                mine = (confirmations & live)[-1:]
                raise ValidationError(
                    self.env._(
                        "The balance of %(customer)s as of %(date)s is already "
                        "on %(document)s; cancel it first to issue a new one.",
                        customer=partner.display_name,
                        date=format_date(self.env, day),
                        document=(confirmations - mine)[:1].name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = (
                    self.env["ir.sequence"].next_by_code("crm.balance.confirmation")
                    or "/"
                )
        return super().create(vals_list)

    @api.model
    def _crm_balances(self, customers, as_of, company):
        """The balance of each customer at ``as_of`` per currency, from the
        aging's open items (one grouped read): {customer: [line values]}."""
        Aging = (
            self.env["crm.receivable.aging"]
            .with_company(company)
            .with_context(
                allowed_company_ids=[company.id],
                crm_aging_date=as_of,
                crm_aging_as_of=False,
            )
        )
        groups = Aging._read_group(
            [("partner_id", "in", customers.ids)],
            ["partner_id", "currency_id"],
            ["amount_residual_currency:sum", "amount_residual:sum"],
        )
        result = {}
        for partner, currency, amount_currency, amount in groups:
            if currency.is_zero(amount_currency) and company.currency_id.is_zero(
                amount
            ):
                continue
            result.setdefault(partner, []).append(
                {
                    "currency_id": currency.id,
                    "amount_currency": amount_currency,
                    "amount": amount,
                }
            )
        return result

    @api.model
    def _crm_issue(self, partners, as_of, company=None):
        """A balance confirmation as of ``as_of`` for each of the customers
        (their commercial partners), with a zero balance too; those without
        an e-mail are queued for print. Returns the confirmations."""
        company = company or self.env.company
        customers = partners.commercial_partner_id
        balances = self._crm_balances(customers, as_of, company)
        return self.create(
            [
                {
                    "partner_id": customer.id,
                    "company_id": company.id,
                    "date": as_of,
                    "state": "draft" if customer.email else "print",
                    "line_ids": [
                        Command.create(values) for values in balances.get(customer, [])
                    ],
                }
                for customer in customers
            ]
        )

    def _crm_check_state(self, states):
        """Refuse, naming the document, an action on a confirmation that is
        not in one of ``states``."""
        for confirmation in self.filtered(lambda rec: rec.state not in states):
            if confirmation.state in ("confirmed", "disputed"):
                message = self.env._(
                    "%(document)s was already answered (%(answer)s) on %(date)s.",
                    document=confirmation.name,
                    answer=dict(self._fields["state"]._description_selection(self.env))[
                        confirmation.state
                    ],
                    date=format_date(self.env, confirmation.answer_date),
                )
            elif confirmation.state == "cancel":
                message = self.env._(
                    "%(document)s is cancelled.", document=confirmation.name
                )
            elif confirmation.state == "sent":
                message = self.env._(
                    "%(document)s was already sent.", document=confirmation.name
                )
            else:
                message = self.env._(
                    "%(document)s has not been sent to the customer yet.",
                    document=confirmation.name,
                )
            raise UserError(message)

    def action_send(self):
        """E-mail the confirmations with the portal link (queued in the mail
        queue). One whose customer has no e-mail is refused, naming it: print
        it and mark it as sent."""
        self._crm_check_state(("draft", "print"))
        no_email = self.filtered(lambda rec: not rec.partner_id.email)
        if no_email:
            raise UserError(
                self.env._(
                    "%(documents)s: the customer has no e-mail address. Print "
                    "the confirmation and mark it as sent.",
                    documents=", ".join(no_email.mapped("name")),
                )
            )
        template = self.env.ref(
            "crm_analytics_collection.mail_template_balance_confirmation"
        )
        for confirmation in self:
            template.send_mail(confirmation.id)
        self._crm_mark_sent()

    def _crm_send_emails(self):
        """Send those that can be e-mailed; the others stay to print."""
        self.filtered(
            lambda rec: rec.state == "draft" and rec.partner_id.email
        ).action_send()

    def action_print(self):
        return self.env.ref(
            "crm_analytics_collection.action_report_balance_confirmation"
        ).report_action(self)

    def action_mark_sent(self):
        self._crm_check_state(("draft", "print"))
        self._crm_mark_sent()

    def _crm_mark_sent(self):
        self.write(
            {
                "state": "sent",
                "sent_user_id": self.env.user.id,
                "sent_date": fields.Datetime.now(),
            }
        )

    def action_cancel(self):
        self._crm_check_state(("draft", "print", "sent"))
        self.write({"state": "cancel"})

    def action_confirm(self):
        """The customer's confirmation received outside the portal."""
        self._crm_answer("confirmed")

    def _crm_answer(self, answer, comment=None, partner=None):
        """Record the customer's answer (``confirmed`` or ``disputed``) with
        who (``partner``, by default the user's) and when; a dispute needs a
        comment and becomes an activity of the accountant who sent the
        confirmation and of the customer's account manager."""
        self._crm_check_state(("sent",))
        comment = (comment or "").strip()
        if answer == "disputed" and not comment:
            raise UserError(
                self.env._(
                    "Say what does not match in %(documents)s.",
                    documents=", ".join(self.mapped("name")),
                )
            )
        partner = partner or self.env.user.partner_id
        self.write(
            {
                "state": answer,
                "answer_partner_id": partner.id,
                "answer_date": fields.Datetime.now(),
                "answer_comment": comment or False,
            }
        )
        for confirmation in self:
            if answer == "confirmed":
                body = self.env._("The customer confirmed the balance.")
            else:
                body = Markup("%s<br/>%s") % (
                    self.env._("The customer disputes the balance:"),
                    comment,
                )
            confirmation.message_post(
                body=body, author_id=partner.id, subtype_xmlid="mail.mt_note"
            )
            if answer == "disputed":
                confirmation._crm_schedule_dispute(comment)

    def _crm_schedule_dispute(self, comment):
        self.ensure_one()
        users = (self.sent_user_id | self.user_id).filtered(
            lambda user: not user.share and user.active
        ) or self.create_uid
        for user in users:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._(
                    "%(customer)s disputes the balance of %(document)s",
                    customer=self.partner_id.display_name,
                    document=self.name,
                ),
                note=comment,
                user_id=user.id,
            )

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.env._("Balance confirmation %(name)s", name=self.name)

    @api.model
    def _crm_demo_create(self):
        """Demo data: an invoice of the demo portal user's company overdue
        for a month, its payment demand and a balance confirmation, both
        marked as sent by the administrator (no e-mail). Dated within the
        announced interest rates; a PLN company gets the EUR rate of the
        compensation's day if it has none."""
        customer = self.env.ref("base.partner_demo_portal").commercial_partner_id
        company = self.env.company
        last_rate = (
            self.env["crm.interest.rate.period"]
            .search([], order="date_to desc", limit=1)
            .date_to
        )
        as_of = min(fields.Date.context_today(self), last_rate)
        due = as_of - relativedelta(days=30)
        if company.currency_id == self.env.ref("base.PLN"):
            month = due.replace(day=1)
            rate_day = dict(self.env["crm.receivable.aging"]._crm_rate_days(month))[
                month
            ]
            Rate = self.env["res.currency.rate"]
            eur = self.env.ref("base.EUR")
            if not Rate.search_count(
                [("currency_id", "=", eur.id), ("name", "=", rate_day)]
            ):
                Rate.create({"currency_id": eur.id, "name": rate_day, "rate": 1 / 4.25})
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_date": due - relativedelta(days=14),
                "invoice_date_due": due,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Serwis instalacji",
                            "price_unit": 2460.0,
                            "tax_ids": [],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        admin = self.env.ref("base.user_admin")
        demand = self.env["crm.payment.demand"]._crm_issue(customer, as_of)
        demand.action_mark_sent()
        confirmation = self._crm_issue(customer, as_of)
        confirmation.with_user(admin).sudo()._crm_mark_sent()
        return True
