from markupsafe import Markup

from odoo import api, fields, models

BATCH_SIZE = 200


class CrmCollectionRun(models.Model):
    """A run of the collection: due customers move to their next stage and
    get its letter; customers on hold are skipped and listed. Safe to re-run:
    a customer gets the letter of a stage once (until it pays up and its
    stage is cleared)."""

    _name = "crm.collection.run"
    _description = "Collection run"
    _order = "id desc"

    name = fields.Char(compute="_compute_name")
    date = fields.Date(required=True, default=fields.Date.context_today, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    state = fields.Selection(
        [("running", "Running"), ("done", "Done")], default="running", required=True
    )
    demand_ids = fields.One2many("crm.payment.demand", "run_id", string="Letters")
    demand_count = fields.Integer(compute="_compute_counts", string="Letters Sent")
    print_count = fields.Integer(compute="_compute_counts", string="Letters to Print")
    skipped_partner_ids = fields.Many2many(
        "res.partner",
        "crm_collection_run_skipped_rel",
        "run_id",
        "partner_id",
        string="Skipped Customers",
        help="Due customers on hold: dispute, payment plan or do not chase.",
    )
    cleared_count = fields.Integer(string="Customers Paid Up", readonly=True)

    @api.depends("date")
    def _compute_name(self):
        for run in self:
            run.name = self.env._("Collection run %(date)s", date=run.date)

    @api.depends("demand_ids.state")
    def _compute_counts(self):
        for run in self:
            run.demand_count = len(run.demand_ids)
            run.print_count = len(
                run.demand_ids.filtered(lambda demand: demand.state == "print")
            )

    @api.model
    def _crm_due_customers(self, company, as_of):
        """{customer id: days its oldest overdue item is late} at ``as_of``,
        one grouped read of the aging."""
        Aging = (
            self.env["crm.receivable.aging"]
            .with_company(company)
            .with_context(allowed_company_ids=[company.id], crm_aging_date=as_of)
        )
        groups = Aging._read_group(
            [("days_overdue", ">", 0), ("amount_residual", ">", 0)],
            ["partner_id"],
            ["days_overdue:max"],
        )
        return {partner.id: days for partner, days in groups if partner}

    def _crm_plan(self):
        """(moves: [(customer, stage)], skipped customers, paid-up customers)."""
        self.ensure_one()
        stages = self.env["crm.collection.stage"].search(
            [("company_id", "in", [False, self.company_id.id])]
        )
        due = self._crm_due_customers(self.company_id, self.date)
        Partner = self.env["res.partner"].with_company(self.company_id)
        staged = Partner.search([("crm_collection_stage_id", "!=", False)])
        paid_up = staged.filtered(lambda partner: partner.id not in due)
        customers = Partner.browse(list(due))
        rank = {stage: index for index, stage in enumerate(stages)}
        moves, skipped = [], Partner
        for customer in customers:
            reached = stages.filtered(lambda s, c=customer: s.days_overdue <= due[c.id])
            if not reached:
                continue
            target = reached[-1]
            current = customer.crm_collection_stage_id
            if current and rank.get(current, -1) >= rank[target]:
                continue
            if customer.crm_collection_hold:
                skipped |= customer
                continue
            moves.append((customer, target))
        return moves, skipped, paid_up

    def _crm_execute(self, batch_size=BATCH_SIZE, commit=False):
        self.ensure_one()
        moves, skipped, paid_up = self._crm_plan()
        self.skipped_partner_ids = [fields.Command.set(skipped.ids)]
        paid_up.write(
            {"crm_collection_stage_id": False, "crm_collection_next_date": False}
        )
        self.cleared_count = len(paid_up)
        for start in range(0, len(moves), batch_size):
            self._crm_process(moves[start : start + batch_size])
            if commit:
                remaining = len(moves) - start - batch_size
                if (
                    self.env["crm.job"]._crm_commit(
                        min(batch_size, len(moves) - start),
                        remaining=max(remaining, 0),
                    )
                    <= 0
                ):
                    return
        self.state = "done"

    def _crm_process(self, moves):
        Demand = self.env["crm.payment.demand"]
        by_stage = {}
        for customer, stage in moves:
            by_stage.setdefault(stage, self.env["res.partner"])
            by_stage[stage] |= customer
        for stage, customers in by_stage.items():
            demands = Demand
            if stage.action != "handover":
                demands = Demand._crm_issue(
                    customers, self.date, stage=stage, company=self.company_id
                )
                demands.run_id = self
                demands._crm_send(stage)
            values = {
                "crm_collection_stage_id": stage.id,
                "crm_collection_next_date": fields.Date.add(
                    self.date, days=stage.next_action_days
                ),
            }
            if stage.user_id:
                values["crm_collection_user_id"] = stage.user_id.id
            # the batch's customers of a stage at once: one write, one log
            customers.write(values)
            customers._crm_collection_log(stage, demands)

    @api.model
    def _cron_collection_run(self):
        """The nightly run of every company, batched and resumable: an
        unfinished run of today is resumed."""
        # every company: a handful of rows
        for company in self.env["res.company"].search([]):  # pylint: disable=no-search-all
            run = self.search(
                [
                    ("company_id", "=", company.id),
                    ("date", "=", fields.Date.context_today(self)),
                ],
                limit=1,
            ) or self.create({"company_id": company.id})
            run.with_company(company)._crm_execute(commit=True)

    def action_run(self):
        """Run it now (button)."""
        for run in self:
            run._crm_execute()
        return True

    def _crm_log_body(self, stage, demand):
        if demand:
            return Markup("%s <b>%s</b>: %s") % (
                self.env._("Collection stage"),
                stage.name,
                demand.name,
            )
        return Markup("%s <b>%s</b>") % (self.env._("Collection stage"), stage.name)
