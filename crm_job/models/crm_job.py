import base64
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# a job found still "running" by the runner was interrupted (the process was
# killed, or ran out of time or memory): it is started again this many times
MAX_ATTEMPTS = 3
# context keys of the user that the job runs with
CONTEXT_KEYS = ("lang", "tz", "allowed_company_ids")


class CrmJob(models.Model):
    """A long action of a user run later by Odoo's cron workers.

    ``_crm_enqueue`` queues a call of a private method of a model (the
    *handler*), which receives the job and its parameters, runs with the
    user's rights, companies and language, reports progress with
    ``job._crm_progress(done, total)`` and returns a dict: ``message`` (shown
    to the user) and, for an export, ``file``: (name, bytes, mimetype). The
    file is attached to the job in the transaction that marks it done, so a
    job interrupted halfway never offers a half file; the runner starts an
    interrupted job again (``MAX_ATTEMPTS``), then marks it failed. A handler
    that commits its work in steps resumes from ``job.done_count``.
    """

    _name = "crm.job"
    _description = "Background job"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        ondelete="cascade",
        default=lambda self: self.env.company,
    )
    res_model = fields.Char(string="Model", required=True, readonly=True)
    method = fields.Char(required=True, readonly=True)
    params = fields.Json(readonly=True)
    context = fields.Json(readonly=True)
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    progress = fields.Float(readonly=True, help="Percent done.")
    done_count = fields.Integer(readonly=True)
    total_count = fields.Integer(readonly=True)
    attempts = fields.Integer(readonly=True)
    started_at = fields.Datetime(readonly=True)
    finished_at = fields.Datetime(readonly=True)
    result_message = fields.Char(string="Result", readonly=True)
    error = fields.Text(readonly=True)
    attachment_id = fields.Many2one(
        "ir.attachment", string="File", readonly=True, ondelete="set null"
    )
    download_url = fields.Char(compute="_compute_download_url")
    file_name = fields.Char(string="File name", related="attachment_id.name")

    @api.depends("attachment_id")
    def _compute_download_url(self):
        for job in self:
            job.download_url = (
                f"/web/content/{job.attachment_id.id}?download=true"
                if job.attachment_id
                else False
            )

    # ------------------------------------------------------------------
    # Queueing (the user's request)
    # ------------------------------------------------------------------

    @api.model
    def _crm_enqueue(self, name, res_model, method, params=None):
        """Queue ``res_model.method(job, **params)`` for the current user and
        wake the cron workers up; return the job."""
        if not method.startswith("_"):
            raise UserError(self.env._("A job runs a private method."))
        job = self.sudo().create(
            {
                "name": name,
                "user_id": self.env.uid,
                "company_id": self.env.company.id,
                "res_model": res_model,
                "method": method,
                "params": params or {},
                "context": {
                    key: self.env.context[key]
                    for key in CONTEXT_KEYS
                    if self.env.context.get(key)
                }
                | {"allowed_company_ids": self.env.companies.ids},
            }
        )
        self.env.ref("crm_job.ir_cron_crm_job_run").sudo()._trigger()
        return job.sudo(False)

    def _crm_action(self):
        """The job in a dialog: its progress bar, then its file."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "crm.job",
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("crm_job.crm_job_view_form").id, "form")],
            "target": "new",
        }

    # ------------------------------------------------------------------
    # Running (the cron worker)
    # ------------------------------------------------------------------

    @api.model
    def _crm_commit(self, processed=0, remaining=None):
        """The suite's batch commit: ``ir.cron._commit_progress`` when run by
        a cron worker (commits, counts, returns the seconds left), otherwise
        (a button, a test) nothing is committed: the caller's transaction
        stays whole. Returns the seconds left (infinite outside a cron)."""
        if not self.env.context.get("ir_cron_progress_id"):
            self.env.flush_all()
            return float("inf")
        return self.env["ir.cron"]._commit_progress(processed, remaining=remaining)

    @api.model
    def _cron_crm_run_jobs(self):
        """Run the queued jobs one after the other, oldest first, until none
        is left or the cron's time is up (the cron then runs again at once:
        ``_commit_progress`` left a remaining count). Two cron workers never
        run this together (Odoo locks the cron); the row lock also keeps a
        job from being run twice should a second runner be started."""
        while True:
            self.env.cr.execute(
                SQL(
                    """SELECT id FROM crm_job
                        WHERE state IN ('queued', 'running')
                     ORDER BY id LIMIT 1
                          FOR NO KEY UPDATE SKIP LOCKED"""
                )
            )
            row = self.env.cr.fetchone()
            if not row:
                return
            self.browse(row[0]).sudo()._crm_run()
            remaining = self.sudo().search_count([("state", "in", ("queued",))])
            if self._crm_commit(1, remaining=remaining) <= 0 or not remaining:
                return

    def _crm_run(self):
        self.ensure_one()
        if self.state == "running" and self.attempts >= MAX_ATTEMPTS:
            self._crm_finish(
                "failed",
                error=self.env._(
                    "The job was interrupted %(count)s times (the server stopped "
                    "or ran out of time or memory while running it). Start it "
                    "again, or ask your administrator to raise the cron time "
                    "limit.",
                    count=self.attempts,
                ),
            )
            return
        self.write(
            {
                "state": "running",
                "attempts": self.attempts + 1,
                "started_at": fields.Datetime.now(),
                "error": False,
            }
        )
        # a process killed from here on leaves the job "running": the next
        # run finds it so and starts it again (or resumes it)
        self._crm_commit()
        env = self.env(
            user=self.user_id.id,
            su=False,
            context=dict(
                self.env.context,
                **(self.context or {}),
                crm_job_id=self.id,
            ),
        )
        job = self.with_env(env)
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        try:
            if in_cron:
                result = job._crm_call()
            else:
                with self.env.cr.savepoint():
                    result = job._crm_call()
        except Exception as error:
            if in_cron:
                # undo the unfinished step; finished steps were committed
                self.env.cr.rollback()
            if isinstance(error, UserError):
                message = error.args[0]
            else:
                _logger.exception("Background job %s failed", self.id)
                message = self.env._(
                    "Unexpected error, see the server log: %(error)s", error=error
                )
            self._crm_finish("failed", error=message)
            return
        self._crm_finish("done", result=result or {})

    def _crm_call(self):
        handler = getattr(self.env[self.res_model], self.method)
        return handler(self, **(self.params or {}))

    def _crm_finish(self, state, result=None, error=False):
        vals = {"state": state, "finished_at": fields.Datetime.now(), "error": error}
        result = result or {}
        if result.get("file"):
            name, content, mimetype = result["file"]
            vals["attachment_id"] = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    {
                        "name": name,
                        "datas": base64.b64encode(content),
                        "mimetype": mimetype,
                        "res_model": self._name,
                        "res_id": self.id,
                    }
                )
                .id
            )
        if state == "done":
            vals.update(progress=100.0, result_message=result.get("message"))
        self.sudo().write(vals)
        self._crm_notify()

    def _crm_progress(self, done, total):
        """Called by a handler: ``done`` of ``total`` items are finished.
        Written (and, on a cron worker, committed: the user's progress bar
        moves) at most every percent."""
        self.ensure_one()
        percent = 100.0 * done / total if total else 100.0
        if done < total and int(percent) == int(self.progress) and done:
            return
        self.sudo().write(
            {"done_count": done, "total_count": total, "progress": percent}
        )
        self._crm_notify()
        self._crm_commit()

    def _crm_notify(self):
        """The job's state to its user's browser tabs (sent on commit)."""
        for job in self.sudo():
            job.user_id._bus_send(
                "crm_job",
                {
                    "id": job.id,
                    "name": job.name,
                    "state": job.state,
                    "progress": job.progress,
                    "message": job.result_message or job.error or "",
                    "url": job.download_url or "",
                },
            )
