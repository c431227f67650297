import threading
from contextlib import contextmanager

from odoo import SUPERUSER_ID, api


@contextmanager
def job_runner(case, interval=0.5):
    """For tours: runs the queued background jobs while the browser works, as
    a cron worker would (a thread on the test's cursor, serialized with the
    HTTP requests by the test cursor's lock)."""
    stop = threading.Event()
    errors = []

    def loop():
        while not stop.wait(interval):
            try:
                with case.registry.cursor() as cr:
                    Job = api.Environment(cr, SUPERUSER_ID, {})["crm.job"]
                    if Job.search_count([("state", "=", "queued")]):
                        Job._cron_crm_run_jobs()
            except Exception as error:  # noqa: BLE001 - raised in the test
                errors.append(error)
                return

    thread = threading.Thread(target=loop, name="crm_job test runner", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
    if errors:
        raise errors[0]
