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
