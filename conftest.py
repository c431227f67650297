"""Test-run policy for the whole suite.

- A skipped test is a failed run: Odoo's HttpCase tours are skipped silently
  when the browser or pytest-odoo's --odoo-http is missing; a green run must
  mean every test really ran.
- A tour reads the screen in the language it was written in: with the Polish
  demo company installed, new users (the tours' test users) get Polish from
  the company's defaults, so every ``start_tour(..., login=...)`` first sets
  that user's language to the test class's ``tour_lang`` (English unless the
  class says otherwise, e.g. ``tour_lang = "pl_PL"`` for a tour in Polish).
- Tours wait for states, never for time: on a loaded machine a request waits
  up to 2 minutes for the test cursor (not 20 s), the first page and a whole
  tour up to 10 minutes (not 60 s).
"""


def pytest_configure(config):
    from odoo.tests import common

    start_tour = common.HttpCase.start_tour

    def start_tour_in_its_language(self, url_path, tour_name, *args, **kwargs):
        login = kwargs.get("login")
        if login and self.tour_lang:
            self.env["res.lang"]._activate_lang(self.tour_lang)
            user = self.env["res.users"].search([("login", "=", login)])
            user.lang = self.tour_lang
        # a whole tour may take 10 minutes on a loaded machine (Odoo: 60 s);
        # its steps still wait for states
        kwargs.setdefault("timeout", 600)
        return start_tour(self, url_path, tour_name, *args, **kwargs)

    common.HttpCase.tour_lang = "en_US"
    common.HttpCase.start_tour = start_tour_in_its_language
    # a tour's requests take turns on the test cursor: on a loaded machine
    # (2 cores, several test runs) building the assets alone took over the
    # default 20 s, and the waiting requests failed
    common.BaseCase.test_cursor_lock_timeout = 120
    wait_ready = common.ChromeBrowser._wait_ready

    def patient_wait_ready(self, ready_code=None, timeout=600):
        # the first page (Odoo: 60 s to get ready) builds the asset bundles
        return wait_ready(self, ready_code, timeout)

    common.ChromeBrowser._wait_ready = patient_wait_ready


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and exitstatus == 0:
        reporter.write_line(
            f"{len(skipped)} test(s) skipped: the suite treats a skip as a failure.",
            red=True,
        )
        session.exitstatus = 1
