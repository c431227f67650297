"""Test-run policy for the whole suite: a skipped test is a failed run.

Odoo's HttpCase tours are skipped silently when the browser or pytest-odoo's
--odoo-http is missing; a green run must mean every test really ran.
"""


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        reporter.write_line(
            f"{len(skipped)} test(s) skipped: the suite treats a skip as a failure.",
            red=True,
        )
        session.exitstatus = 1


def pytest_collection_finish(session):
    """Tours wait for states, never for time: on a loaded machine (two test runs
    at once, CI beside other work) the clock must not fail them. HttpCase lets a
    browser request wait 20 s for the one test cursor (the first page, which
    builds the asset bundles, can hold it longer), the page 60 s to get ready
    and a whole tour 60 s."""
    from odoo.tests import common

    common.BaseCase.test_cursor_lock_timeout = 120
    start_tour = common.HttpCase.start_tour

    def patient_start_tour(self, url_path, tour_name, step_delay=None, **kwargs):
        kwargs.setdefault("timeout", 600)
        return start_tour(self, url_path, tour_name, step_delay, **kwargs)

    common.HttpCase.start_tour = patient_start_tour
    wait_ready = common.ChromeBrowser._wait_ready

    def patient_wait_ready(self, ready_code=None, timeout=600):
        return wait_ready(self, ready_code, timeout)

    common.ChromeBrowser._wait_ready = patient_wait_ready
