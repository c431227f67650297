from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

from ..models.crm_job import MAX_ATTEMPTS


def handler(self, job, rows=3, fail=None):
    """A job writing a file of ``rows`` lines, reporting each one."""
    lines = []
    for done in range(1, rows + 1):
        lines.append(f"{self.env.user.login} {done}")
        job._crm_progress(done, rows)
        if fail == done:
            # something written before the error must not stay
            self.env["res.partner"].sudo().create({"name": "Half-written"})
            raise UserError(self.env._("Row %(row)s is wrong", row=done))
    return {
        "file": ("rows.txt", "\n".join(lines).encode(), "text/plain"),
        "message": f"{rows} rows",
    }


@tagged("post_install", "-at_install")
class TestCrmJob(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.anna = new_test_user(cls.env, "crm_job_anna", groups="base.group_user")
        cls.bob = new_test_user(cls.env, "crm_job_bob", groups="base.group_user")
        cls.Job = cls.env["crm.job"]
        patcher = patch.object(type(cls.Job), "_crm_test_handler", handler, create=True)
        patcher.start()
        cls.addClassCleanup(patcher.stop)

    def _enqueue(self, user, **params):
        return (
            self.Job.with_user(user)
            ._crm_enqueue("Rows", "crm.job", "_crm_test_handler", params)
            .sudo()
        )

    def test_run_attaches_the_file_and_wakes_the_cron(self):
        cron = self.env.ref("crm_job.ir_cron_crm_job_run")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        job = self._enqueue(self.anna, rows=3)
        self.assertEqual(job.state, "queued")
        self.assertEqual(job.user_id, self.anna)
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            len(triggers),
        )
        action = job.with_user(self.anna)._crm_action()
        self.assertEqual((action["res_model"], action["res_id"]), ("crm.job", job.id))
        self.assertEqual(action["target"], "new")
        self.Job._cron_crm_run_jobs()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.progress, 100)
        self.assertEqual((job.done_count, job.total_count), (3, 3))
        self.assertEqual(job.result_message, "3 rows")
        self.assertEqual(
            job.attachment_id.raw, b"crm_job_anna 1\ncrm_job_anna 2\ncrm_job_anna 3"
        )
        self.assertEqual(
            job.download_url, f"/web/content/{job.attachment_id.id}?download=true"
        )

    def test_two_users_get_their_own_files(self):
        anna_job = self._enqueue(self.anna, rows=1)
        bob_job = self._enqueue(self.bob, rows=1)
        self.Job._cron_crm_run_jobs()
        self.assertEqual(anna_job.attachment_id.raw, b"crm_job_anna 1")
        self.assertEqual(bob_job.attachment_id.raw, b"crm_job_bob 1")
        # each sees their own job and file only
        self.assertEqual(self.Job.with_user(self.anna).search([]), anna_job)
        with self.assertRaises(AccessError):
            bob_job.with_user(self.anna).read(["name"])
        with self.assertRaises(AccessError):
            bob_job.attachment_id.with_user(self.anna).read(["raw"])
        self.assertEqual(
            anna_job.attachment_id.with_user(self.anna).raw, b"crm_job_anna 1"
        )
        with self.assertRaises(AccessError):
            anna_job.with_user(self.anna).write({"state": "queued"})

    def test_a_failing_job_keeps_nothing_half_done(self):
        job = self._enqueue(self.anna, rows=3, fail=2)
        self.Job._cron_crm_run_jobs()
        self.assertEqual(job.state, "failed")
        self.assertEqual(job.error, "Row 2 is wrong")
        self.assertFalse(job.attachment_id)
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", "Half-written")])
        )

    def test_an_interrupted_job_runs_again_then_fails_clearly(self):
        job = self._enqueue(self.anna, rows=2)
        # a worker killed while running it: still "running", no file
        job.write({"state": "running", "attempts": 1, "progress": 50})
        self.Job._cron_crm_run_jobs()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.attempts, 2)
        self.assertEqual(job.attachment_id.raw, b"crm_job_anna 1\ncrm_job_anna 2")
        job = self._enqueue(self.anna, rows=2)
        job.write({"state": "running", "attempts": MAX_ATTEMPTS})
        self.Job._cron_crm_run_jobs()
        self.assertEqual(job.state, "failed")
        self.assertIn("interrupted 3 times", job.error)
        self.assertFalse(job.attachment_id)

    def test_only_private_methods_are_queued(self):
        with self.assertRaises(UserError):
            self.Job._crm_enqueue("Bad", "res.partner", "unlink")

    def test_commit_outside_a_cron_commits_nothing(self):
        with patch.object(type(self.env.cr), "commit") as commit:
            self.assertEqual(self.Job._crm_commit(1), float("inf"))
        commit.assert_not_called()
