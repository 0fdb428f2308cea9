"""pytest plugin: the test HTTP server on a free port, and the database's
URLs pointing at it for the duration of the run.

pytest-odoo's ``--odoo-http`` starts Odoo's HTTP server in the test process
(tours and other ``HttpCase`` tests talk to it).  ``HttpCase`` points
``web.base.url`` at it for its own tests only; every other test, a PDF
report rendered by a ``TransactionCase`` among them, reads the database's
``web.base.url`` (or ``report.url``), ``http://localhost:8069`` in a fresh
database.  wkhtmltopdf loads the report's styles and fonts from that URL:
from nowhere when nothing answers there (an unstyled PDF), from another
database when ``tools/demo`` serves on 8069 (a PDF that depends on what else
runs on the machine).

With this plugin:

- ``--odoo-http-port=PORT`` makes pytest-odoo's server listen on ``PORT``
  (``tools/test`` passes a port it found free); without it pytest-odoo picks
  a free port itself, as before;
- once the server listens, ``web.base.url`` and ``report.url`` of the test
  database point at it, committed, and are put back as they were at the end
  of the run.
"""

import pytest

URL_PARAMS = ("web.base.url", "report.url")


def pytest_addoption(parser):
    parser.addoption(
        "--odoo-http-port",
        type=int,
        help="port of the test HTTP server started by --odoo-http "
        "(default: a free port picked by pytest-odoo)",
    )


def pytest_configure(config):
    port = config.getoption("--odoo-http-port")
    if port:
        import pytest_odoo

        # pytest-odoo sets odoo.tools.config['http_port'] from this function
        # right before it starts the server (its load_http fixture)
        pytest_odoo._get_available_random_port = lambda: port


@pytest.fixture(scope="session", autouse=True)
def http_urls_point_at_the_test_server(request, load_http):
    """Point the database's URLs at the test HTTP server while the tests run."""
    if not request.config.getoption("--odoo-http"):
        yield
        return
    import odoo
    from odoo.tests.common import HOST, get_db_name

    server = odoo.service.server.server
    port = server.httpd.server_port
    wanted = request.config.getoption("--odoo-http-port")
    if wanted and port != wanted:
        pytest.exit(f"the test HTTP server listens on {port}, not on {wanted}")
    url = f"http://{HOST}:{port}"
    registry = odoo.modules.registry.Registry(get_db_name())
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        ICP = env["ir.config_parameter"]
        before = {key: ICP.get_param(key) for key in URL_PARAMS}
        for key in URL_PARAMS:
            ICP.set_param(key, url)
    try:
        yield url
    finally:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            for key, value in before.items():
                # set_param(key, False) deletes a parameter that was not set
                env["ir.config_parameter"].set_param(key, value or False)
