from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

# the crons recount everything this often all the same, in case orders were
# changed in SQL without their write date
FULL_REFRESH_EVERY = timedelta(days=7)
STATE_FIELDS = (
    "refreshed_at",
    "changes_from",
    "full_refreshed_at",
    "refresh_date",
    "source",
    "period_months",
    "min_count",
    "order_total",
)


class CrmAnalysisRefresh(models.Model):
    """When and how an analysis of a company (the customer analysis, the
    products bought together) was last computed, so that the next refresh
    recounts only what changed since (written by the refreshes in SQL). The
    row is also the lock that keeps two refreshes of one analysis apart."""

    _name = "crm.analysis.refresh"
    _description = "Customer analytics: last refresh"
    _log_access = False
    _rec_name = "company_id"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    analysis = fields.Selection(
        [
            ("customers", "Customer analysis"),
            ("basket", "Products bought together"),
            ("repurchase", "Repurchase"),
        ],
        required=True,
        readonly=True,
    )
    refreshed_at = fields.Datetime(string="Refreshed On", readonly=True)
    changes_from = fields.Datetime(
        readonly=True,
        help="Orders written since this moment are read again by the next "
        "refresh: the start of the oldest transaction running at the last one.",
    )
    full_refreshed_at = fields.Datetime(readonly=True)
    refresh_date = fields.Date(
        readonly=True, help="The day the analysis period ended on."
    )
    source = fields.Selection(
        [("sale", "Confirmed sales orders"), ("invoice", "Posted invoices")],
        readonly=True,
    )
    period_months = fields.Integer(readonly=True)
    # products bought together, repurchase (minimum purchases) only
    min_count = fields.Integer(readonly=True)
    order_total = fields.Integer(
        readonly=True, help="Orders of the period with at least one product."
    )

    _company_analysis_unique = models.UniqueIndex("(company_id, analysis)")

    @api.model
    def _crm_lock(self, company, analysis, wait=True):
        """Lock the state of an analysis of the company for this transaction
        and return it (a dict of ``STATE_FIELDS``, None when never
        refreshed). Without ``wait``, a refresh already running raises a
        UserError instead of waiting for it."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """INSERT INTO crm_analysis_refresh (company_id, analysis)
                   VALUES (%s, %s) ON CONFLICT (company_id, analysis) DO NOTHING""",
                company.id,
                analysis,
            )
        )
        query = SQL(
            "SELECT %s FROM crm_analysis_refresh "
            "WHERE company_id = %s AND analysis = %s FOR UPDATE %s",
            SQL(", ").join(SQL.identifier(name) for name in STATE_FIELDS),
            company.id,
            analysis,
            SQL() if wait else SQL("NOWAIT"),
        )
        try:
            with cr.savepoint(flush=False):
                cr.execute(query, log_exceptions=False)
                row = cr.fetchone()
        except psycopg2.errors.LockNotAvailable:
            raise UserError(
                self.env._(
                    "The analysis of %(company)s is being refreshed already; "
                    "try again in a minute.",
                    company=company.name,
                )
            ) from None
        state = dict(zip(STATE_FIELDS, row, strict=True))
        return state if state["refreshed_at"] else None

    @api.model
    def _crm_save(self, company, analysis, values):
        """Record a refresh of the company's analysis (``values``: some of
        ``STATE_FIELDS``)."""
        self.env.cr.execute(
            SQL(
                "UPDATE crm_analysis_refresh SET %s "
                "WHERE company_id = %s AND analysis = %s",
                SQL(", ").join(
                    SQL("%s = %s", SQL.identifier(name), value)
                    for name, value in values.items()
                ),
                company.id,
                analysis,
            )
        )
        self.invalidate_model()

    @api.model
    def _crm_states(self, companies, analysis):
        """{company: its state} of an analysis, for ``companies``."""
        return {
            state.company_id: state
            for state in self.sudo().search(
                [("company_id", "in", companies.ids), ("analysis", "=", analysis)]
            )
        }

    @api.model
    def _crm_full_due(self, companies, analysis):
        """The companies whose analysis was never computed in full, or not
        for a week."""
        week_ago = fields.Datetime.now() - FULL_REFRESH_EVERY
        states = self._crm_states(companies, analysis)
        return companies.filtered(
            lambda company: (
                not states.get(company)
                or not states[company].full_refreshed_at
                or states[company].full_refreshed_at < week_ago
            )
        )

    # ------------------------------------------------------------------
    # The "Refresh now" buttons: a background job (see crm_job)
    # ------------------------------------------------------------------

    @api.model
    def _crm_enqueue_refresh(self, analyses, companies, full=False):
        """Queue a refresh of ``analyses`` of ``companies`` for the current
        user (a sales manager) and return the job's dialog."""
        labels = dict(self._fields["analysis"]._description_selection(self.env))
        job = self.env["crm.job"]._crm_enqueue(
            self.env._(
                "Refresh: %(analyses)s",
                analyses=", ".join(labels[analysis] for analysis in analyses),
            ),
            self._name,
            "_crm_job_refresh",
            {"analyses": list(analyses), "company_ids": companies.ids, "full": full},
        )
        return job._crm_action()

    @api.model
    def _crm_job_refresh(self, job, analyses, company_ids, full=False):
        """One step per company and analysis, each committed on a cron worker:
        a job interrupted halfway resumes at the first step not done (its
        refreshes are re-runnable all the same)."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise UserError(self.env._("Only sales managers can refresh the analyses."))
        models = {"customers": "crm.customer.value", "basket": "crm.basket.pair"}
        companies = self.env["res.company"].browse(company_ids).exists()
        steps = [(company, analysis) for company in companies for analysis in analyses]
        for done, (company, analysis) in enumerate(steps, start=1):
            if done <= job.done_count:
                continue
            self.env[models[analysis]].sudo()._crm_refresh(company, full=full)
            job._crm_progress(done, len(steps))
        return {
            "message": self.env._(
                "Analyses refreshed: %(count)s company(ies).", count=len(companies)
            )
        }
