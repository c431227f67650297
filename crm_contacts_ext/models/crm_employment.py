from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import format_date


class CrmEmployment(models.Model):
    """A person working (or having worked) for a company, in a position."""

    _name = "crm.employment"
    _description = "Employment"
    _order = "is_current desc, date_start desc, id desc"
    _rec_name = "person_id"

    person_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_company", "=", False)],
    )
    employer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_company", "=", True)],
    )
    position = fields.Char()
    department = fields.Char()
    date_start = fields.Date(string="From")
    date_end = fields.Date(string="To")
    is_current = fields.Boolean(
        string="Current",
        compute="_compute_is_current",
        store=True,
        index=True,
        help="Works there today: started (or no start date) and not yet left. "
        "Refreshed every day.",
    )
    # a job that has not started is neither current nor former staff
    status = fields.Selection(
        [("upcoming", "Upcoming"), ("current", "Current"), ("former", "Former")],
        compute="_compute_is_current",
        store=True,
        index=True,
        help="Upcoming: starts later; current: started (or no start date) and "
        "not yet left; former: left. Refreshed every day.",
    )
    note = fields.Char()
    company_id = fields.Many2one(related="employer_id.company_id", store=True)

    @api.depends("date_start", "date_end")
    def _compute_is_current(self):
        # stored, computed by the scheduler too: the company's day, not UTC's
        today = fields.Date.context_today(
            self.with_context(
                tz=self.env.context.get("tz")
                or self.env.user.tz
                or self.env.company.partner_id.tz
            )
        )
        for job in self:
            if job.date_start and job.date_start > today:
                job.status = "upcoming"
            elif job.date_end and job.date_end < today:
                job.status = "former"
            else:
                job.status = "current"
            job.is_current = job.status == "current"

    @api.constrains("person_id", "employer_id", "date_start", "date_end")
    def _check_parties(self):
        for job in self:
            if job.date_start and job.date_end and job.date_end < job.date_start:
                raise ValidationError(
                    self.env._(
                        "The end of an employment cannot be before its start "
                        "(%(person)s at %(employer)s: %(start)s to %(end)s).",
                        person=job.person_id.display_name,
                        employer=job.employer_id.display_name,
                        start=format_date(self.env, job.date_start),
                        end=format_date(self.env, job.date_end),
                    )
                )
            if job.person_id.is_company:
                raise ValidationError(
                    self.env._(
                        "%(person)s is a company: only people can be employed.",
                        person=job.person_id.display_name,
                    )
                )
            if not job.employer_id.is_company:
                raise ValidationError(
                    self.env._(
                        "%(employer)s is not a company: "
                        "a person can only be employed by a company.",
                        employer=job.employer_id.display_name,
                    )
                )

    @api.model
    def _cron_refresh_current(self):
        """Employments that started or ended since yesterday change state."""
        # the scheduler has no timezone: the day is the company's, not UTC's
        today = fields.Date.context_today(
            self.with_context(
                tz=self.env.context.get("tz")
                or self.env.user.tz
                or self.env.company.partner_id.tz
            )
        )
        upcoming = Domain("date_start", ">", today)
        started = Domain("date_start", "=", False) | Domain("date_start", "<=", today)
        former = started & Domain("date_end", "<", today)
        not_left = Domain("date_end", "=", False) | Domain("date_end", ">=", today)
        stale = self.search(
            (Domain("status", "=", "upcoming") & started)
            | (Domain("status", "=", "former") & (upcoming | not_left))
            | (Domain("status", "=", "current") & (upcoming | former))
        )
        self.env.add_to_compute(self._fields["is_current"], stale)
        self.env.add_to_compute(self._fields["status"], stale)
        stale.flush_recordset(["is_current", "status"])
        return len(stale)
