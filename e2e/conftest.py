# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""End-to-end fixtures: a real multi-worker Odoo server and XML-RPC clients.

The test command (``tools/test``, stage ``e2e``) runs this folder with plain
pytest (pytest-odoo disabled) after the unit tests, on the same fresh
database, and passes it through the environment:

- ``PM_E2E_DB``: database with prospect_management and its demo data
- ``PM_ADDONS_PATH``: addons path exposing the checkout
- ``PM_E2E_LOG``: where the server writes its log
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
import xmlrpc.client
from pathlib import Path

import pytest

ADMIN = ("admin", "admin")


def _free_ports(count):
    """``count`` distinct ports nothing listens on at 127.0.0.1 (held open
    together while the kernel picks them, so that none is picked twice)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


@pytest.fixture(scope="session")
def server():
    """An Odoo server with 2 HTTP workers on a free local port."""
    db = os.environ.get("PM_E2E_DB")
    addons = os.environ.get("PM_ADDONS_PATH")
    if not db or not addons:
        pytest.fail("PM_E2E_DB and PM_ADDONS_PATH must be set (run through tools/test)")
    port, gevent_port = _free_ports(2)
    log = os.environ.get("PM_E2E_LOG", f"/tmp/pm-e2e-{db}.log")
    cmd = [
        sys.executable,
        # a launcher file, not ``-m odoo``: the gevent worker restarts from it
        str(Path(__file__).resolve().parent.parent / "tools" / "odoo-server"),
        "-d",
        db,
        f"--db-filter=^{db}$",
        f"--addons-path={addons}",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        f"--gevent-port={gevent_port}",
        "--workers=2",
        "--max-cron-threads=0",
        "--limit-time-real=600",
        "--limit-time-cpu=300",
        "--limit-memory-soft=4294967296",
        "--limit-memory-hard=5368709120",
        "--log-level=warn",
        f"--logfile={log}",
    ]
    proc = subprocess.Popen(cmd)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the Odoo server exited with {proc.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"{url}/web/health", timeout=2) as resp:
                if resp.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail(f"the Odoo server did not answer on {url}; see {log}")
    yield {"url": url, "db": db, "pid": proc.pid, "log": log}
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


class Client:
    """An integrator's XML-RPC session: ``client.call(model, method, *args)``."""

    def __init__(self, server, login, password):
        self.url, self.db = server["url"], server["db"]
        self.login, self.password = login, password
        common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common")
        self.uid = common.authenticate(self.db, login, password, {})
        if not self.uid:
            raise AssertionError(f"cannot log in as {login}")
        self.models = xmlrpc.client.ServerProxy(
            f"{self.url}/xmlrpc/2/object", allow_none=True
        )

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.db, self.uid, self.password, model, method, list(args), kwargs
        )

    def fault(self, model, method, *args, **kwargs):
        """Call and return the fault string; fail if the call succeeds."""
        try:
            self.call(model, method, *args, **kwargs)
        except xmlrpc.client.Fault as fault:
            return fault.faultString
        raise AssertionError(f"{model}.{method}{args} was accepted")

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        found = self.call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            ["res_id"],
        )
        return found[0]["res_id"]


@pytest.fixture(scope="session")
def admin(server):
    return Client(server, *ADMIN)


@pytest.fixture(scope="session")
def make_user(server, admin):
    """Create (once) a user with the given groups and return its client."""
    created = {}
    run = uuid.uuid4().hex[:6]  # the database may be reused between runs

    def make(key, groups, company=None, **values):
        if key not in created:
            login = f"{key}_{run}"
            group_ids = [admin.ref(g) for g in groups]
            values = dict(
                {
                    "name": key.replace("_", " ").title(),
                    "login": login,
                    "email": f"{login}@example.com",
                    "password": login + "-Pass-1",
                    "groups_id": [(6, 0, group_ids)],
                },
                **values,
            )
            if company:
                values.update(company_id=company, company_ids=[(6, 0, [company])])
            admin.call("res.users", "create", values)
            created[key] = Client(server, login, login + "-Pass-1")
        return created[key]

    return make
