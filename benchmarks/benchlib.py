# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plumbing shared by the benchmarks (not a test module: nothing is asserted).

- two template databases, made once and copied for each benchmark:
  ``pmb_base`` has the addon's dependencies only, ``pmb_addon`` the same
  plus prospect_management; neither has demo data, so both hold the same rows;
- an Odoo registry on a database, in this process;
- counting queries and measuring time around a piece of work;
- medians and ratios; the machine a figure was measured on.

Every timing a benchmark reports is a ratio against a baseline measured in
the same run, or a count that does not depend on the machine.
"""

import ast
import contextlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(REPO / "tools"))
import devenv

BASE_DB = "pmb_base"
ADDON_DB = "pmb_addon"
OUTPUT = Path(os.environ.get("PM_BENCH_OUT", devenv.WORK / "bench"))


def emit(*parts):
    """Results go to standard output: these are command-line benchmarks."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def dependencies():
    """The modules prospect_management depends on, from its manifest."""
    manifest = ast.literal_eval((REPO / "__manifest__.py").read_text())
    return manifest["depends"]


# ------------------------------------------------------------- databases
def setup():
    """Odoo 18.0 importable and a PostgreSQL server answering, or die."""
    devenv.require_odoo()
    devenv.ensure_postgres()
    OUTPUT.mkdir(parents=True, exist_ok=True)


def psql(db, sql):
    res = subprocess.run(
        ["psql", "-X", "-v", "ON_ERROR_STOP=1", "-d", db, "-Atc", sql],
        capture_output=True,
        text=True,
        check=False,
    )
    if res.returncode:
        devenv.die(f"psql on {db} failed: {res.stderr.strip()}", code=1)
    return res.stdout.strip()


def install(db, modules, log_name, launcher=None, log_level="warn"):
    """Install ``modules`` into ``db`` (which may exist) without demo data.

    :param launcher: the command that starts Odoo (default: the project's)
    :return: the seconds it took
    """
    log = OUTPUT / f"{db}-{log_name}.log"
    cmd = [
        *(launcher or devenv.odoo_cmd()),
        "-d",
        db,
        f"--addons-path={devenv.addons_path()}",
        "-i",
        ",".join(modules),
        "--without-demo=all",
        "--stop-after-init",
        f"--log-level={log_level}",
        "--max-cron-threads=0",
    ]
    started = time.perf_counter()
    with open(log, "w") as fh:
        res = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, check=False)
    seconds = time.perf_counter() - started
    text = log.read_text()
    if res.returncode or " ERROR " in text or " CRITICAL " in text:
        sys.stderr.write(text[-5000:])
        devenv.die(f"installing {', '.join(modules)} into {db} failed ({log})", code=1)
    return seconds


def template(with_addon):
    """Name of the template database, created on first use.

    ``pmb_addon`` is made from ``pmb_base``: both then hold the same records
    of the dependencies, and differ only by the addon."""
    if not devenv.database_exists(BASE_DB):
        devenv.say(f"creating the template database {BASE_DB} (dependencies only)")
        install(BASE_DB, dependencies(), "install")
    if not with_addon:
        return BASE_DB
    if not devenv.database_exists(ADDON_DB):
        devenv.say(f"creating the template database {ADDON_DB} (with the addon)")
        clone(BASE_DB, ADDON_DB)
        install(ADDON_DB, [devenv.ADDON], "install")
    return ADDON_DB


def clone(source, target, attempts=20):
    """``target`` becomes a fresh copy of ``source`` (dropped first).

    Retried for a minute while another session is connected to ``source``:
    ``CREATE DATABASE ... TEMPLATE`` refuses a template in use, and a server
    or registry that just closed its connections takes a moment to go."""
    devenv.drop_database(target)
    for attempt in range(attempts):
        res = subprocess.run(
            ["createdb", "-T", source, target],
            capture_output=True,
            text=True,
            check=False,
        )
        if not res.returncode:
            return
        if attempt == attempts - 1:
            devenv.die(f"could not copy {source}: {res.stderr.strip()}", code=1)
        time.sleep(3)


def drop(db):
    devenv.drop_database(db)


# ------------------------------------------------------------------ Odoo
_configured = []


def registry(db):
    """Odoo's registry of ``db`` in this process (Odoo configured once)."""
    import odoo
    from odoo.tools import config

    if not _configured:
        config.parse_config(
            [f"--addons-path={devenv.addons_path()}", "--log-level=warn"]
        )
        _configured.append(True)
    return odoo.modules.registry.Registry(db)


@contextlib.contextmanager
def environment(db, uid=None, context=None):
    """An environment on ``db`` whose transaction is rolled back at the end."""
    from odoo import SUPERUSER_ID, api

    with registry(db).cursor() as cr:
        env = api.Environment(cr, uid or SUPERUSER_ID, context or {})
        try:
            yield env
        finally:
            cr.rollback()


def settle(env):
    """Write what is pending (recomputations, tracking) and forget the cache."""
    env.flush_all()
    env.cr.precommit.run()
    env.invalidate_all()


def measure(env, func):
    """Run ``func()``; return (its result, queries, seconds), everything it
    causes before the commit included (flush, tracking, mail)."""
    settle(env)
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    result = func()
    env.flush_all()
    env.cr.precommit.run()
    seconds = time.perf_counter() - started
    return result, env.cr.sql_log_count - queries, seconds


# ---------------------------------------------------------------- figures
def median(values):
    return statistics.median(values)


def ratio(value, baseline):
    return value / baseline if baseline else float("nan")


def machine():
    """Where a figure was measured: cores, memory, versions, load."""
    with open("/proc/meminfo") as fh:
        mem_kb = int(fh.readline().split()[1])
    import odoo.release

    return {
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "odoo": odoo.release.version,
        "postgresql": psql("postgres", "show server_version"),
        "load_average": round(os.getloadavg()[0], 2),
    }


def _cpu_model():
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.machine()


def save(name, result):
    """Keep a benchmark's figures as JSON (read by benchmarks/run)."""
    path = OUTPUT / f"{name}.json"
    path.write_text(json.dumps(result, indent=2, default=str))
    devenv.say(f"figures written to {path}")
    return path
