"""pytest plugin: a run that skipped or collected nothing is a failed run.

Odoo skips a browser tour when Chromium or ``websocket-client`` is missing,
and pytest-odoo skips ``HttpCase`` tests without ``--odoo-http``.  A skipped
test proves nothing, so the test command treats any skip as a failure.

The plugin also drops one misleading log line (see ``_ExpectedImport``).
"""

import logging

import pytest


class _ExpectedImport(logging.Filter):
    """pytest-odoo imports Odoo's test framework without Odoo's test mode
    (which would make the suite several times slower), and Odoo logs that
    import as an error with a stack trace at the top of every run: drop that
    one message, it is expected here."""

    def filter(self, record):
        return not record.getMessage().startswith("Importing test framework")


logging.getLogger("odoo.tests.common").addFilter(_ExpectedImport())


def pytest_addoption(parser):
    parser.addoption(
        "--allow-skips",
        action="store_true",
        help="do not turn skipped tests into a failed run",
    )


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = reporter.stats.get("skipped", [])
    passed = reporter.stats.get("passed", [])
    if skipped and not session.config.getoption("--allow-skips"):
        reporter.write_sep(
            "!", f"{len(skipped)} test(s) skipped: a skip is a failure here", red=True
        )
        for rep in skipped:
            reason = (
                rep.longrepr[2] if isinstance(rep.longrepr, tuple) else rep.longrepr
            )
            reporter.write_line(f"SKIPPED {rep.nodeid}: {reason}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    elif not passed and exitstatus == pytest.ExitCode.OK:
        reporter.write_sep("!", "no test passed: nothing was tested", red=True)
        session.exitstatus = pytest.ExitCode.NO_TESTS_COLLECTED
