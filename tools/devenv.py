"""Shared plumbing of the developer commands (``tools/demo``, ``tools/test``).

The repository root *is* the addon, so its directory name is whatever the
clone was called.  Odoo and pytest-odoo find an addon by its directory name,
hence every command works on a symlink ``<work dir>/addons/prospect_management``
pointing at the checkout.

PostgreSQL is found in this order:

1. ``PG*`` environment variables when any is set (used as given);
2. a server answering on the default local socket or ``localhost:5432``;
3. a throwaway cluster started here (as a non-root user when run as root).
"""

import getpass
import hashlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ADDON = "prospect_management"
ODOO_SERIES = "18.0"
REPO = Path(__file__).resolve().parent.parent
# one work dir per checkout, so that two clones never share the addons symlink
WORK = Path(
    os.environ.get("PM_WORK_DIR")
    or f"/tmp/prospect_management-work/{hashlib.sha1(bytes(REPO)).hexdigest()[:10]}"
)
PG_DIR = Path(os.environ.get("PM_PG_DIR", "/tmp/prospect_management-pg"))
PG_ENV_KEYS = ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGSERVICE")
# the linters and the README generator (requirements-lint.txt) live in a
# virtual environment of their own, never in the Python that runs Odoo
LINT_VENV = WORK / "lint-venv"
LINT_REQUIREMENTS = REPO / "requirements-lint.txt"


def say(msg):
    # a command-line tool talks to its user on the terminal, not to a log
    # pylint: disable-next=print-used
    print(f"[{ADDON}] {msg}", flush=True)


def die(msg, code=2):
    # a command-line tool talks to its user on the terminal, not to a log
    # pylint: disable-next=print-used
    print(f"[{ADDON}] ERROR: {msg}", file=sys.stderr, flush=True)
    sys.exit(code)


def run(cmd, check=True, quiet=False, **kw):
    if not quiet:
        say("$ " + " ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], check=check, **kw)


# ---------------------------------------------------------------- Odoo runtime
def require_odoo():
    """Exit with a clear message unless Odoo 18.0 is importable."""
    probe = "import odoo.release as r, odoo.cli; print(r.serie, r.version, r.__file__)"
    res = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    serie = res.stdout.split()[0] if res.returncode == 0 and res.stdout else None
    if serie != ODOO_SERIES:
        found = f"found Odoo {serie}" if serie else "`import odoo` failed"
        die(
            f"Odoo {ODOO_SERIES} is required but {found} in {sys.executable}.\n"
            f"Install Odoo {ODOO_SERIES} (Community is enough) into this Python "
            f"so that `{sys.executable} -c 'import odoo.cli'` works, then run "
            "this command again.\n" + (res.stderr.strip().splitlines() or [""])[-1],
            code=3,
        )
    say(f"Odoo {' '.join(res.stdout.split()[1:2])} found ({res.stdout.split()[2]})")


def odoo_cmd(python=None):
    """The command that starts Odoo with ``python`` (default: this one)."""
    return [str(python or sys.executable), str(REPO / "tools" / "odoo-server")]


def module_state(db, module=ADDON):
    """State of ``module`` in ``db`` (``installed``...), None when unknown."""
    res = subprocess.run(
        [
            "psql",
            "-X",
            "-d",
            db,
            "-Atc",
            f"select state from ir_module_module where name = '{module}'",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return res.stdout.strip() or None


def click_odoo(command, *args):
    """The command line of one of click-odoo-contrib's tools (``initdb``,
    ``update``, ``uninstall``...), run by this Python, where Odoo is."""
    code = (
        f"import sys; from click_odoo_contrib.{command} import main; sys.exit(main())"
    )
    return [sys.executable, "-c", code, *[str(a) for a in args]]


def install_module(db, addons, python=None, without_demo=False, log_name="install"):
    """Install the addon into a fresh database ``db``, or die showing the log.

    ``python`` is the interpreter that runs Odoo (default: this one);
    ``addons`` may be None when the addon is importable from that Python.
    """
    drop_database(db)
    log = WORK / f"{db}-{log_name}.log"
    say(
        f"installing {ADDON} and its dependencies into a fresh database {db}"
        + (" without demo data" if without_demo else "")
        + f" (log: {log})"
    )
    if python is None:
        # click-odoo-contrib's initdb: the same install, but from a template
        # database it keeps per set of addons (their files hashed), so that
        # the next fresh database of the same code is a copy, not an install
        cmd = click_odoo(
            "initdb",
            "-n",
            db,
            "-m",
            ADDON,
            "--demo" if not without_demo else "--no-demo",
            "--cache-prefix",
            "pmcache",
            # demo data carries dates relative to the day it was loaded
            "--cache-max-age",
            "1",
            "--log-level",
            "warn",
        )
        if addons:
            cmd.append(f"--addons-path={addons}")
    else:
        # another Python (the wheel's virtual environment): plain Odoo
        cmd = [*odoo_cmd(python), "-d", db, "-i", ADDON]
        if addons:
            cmd.append(f"--addons-path={addons}")
        if without_demo:
            cmd.append("--without-demo=all")
        cmd += ["--stop-after-init", "--log-level=warn", "--max-cron-threads=0"]
    with open(log, "w") as fh:
        res = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, check=False)
    text = log.read_text()
    state = module_state(db)
    errors = [
        line for line in text.splitlines() if " ERROR " in line or " CRITICAL " in line
    ]
    if res.returncode or state != "installed" or errors:
        # show the end of Odoo's install log on the terminal of the command
        # pylint: disable-next=print-used
        print(text[-6000:], file=sys.stderr)
        die(
            f"the module did not install cleanly (state {state or 'none'}, "
            f"exit {res.returncode}, {len(errors)} error line(s))",
            code=1,
        )


# ------------------------------------------------------------ Python packages
def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def lint_venv():
    """The Python of the linters' virtual environment, with
    requirements-lint.txt installed (again only when the pins change)."""
    python = LINT_VENV / "bin" / "python"
    stamp = LINT_VENV / ".requirements-lint.sha256"
    wanted = digest(LINT_REQUIREMENTS)
    if stamp.exists() and stamp.read_text() == wanted and python.exists():
        return python
    if not python.exists():
        say(f"creating the linters' virtual environment {LINT_VENV}")
        run([sys.executable, "-m", "venv", LINT_VENV])
    env = dict(os.environ, PIP_ROOT_USER_ACTION="ignore")
    res = run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            LINT_REQUIREMENTS,
        ],
        check=False,
        env=env,
    )
    if res.returncode:
        die("pip could not install requirements-lint.txt (see above)")
    stamp.write_text(wanted)
    return python


def install_requirements(*files):
    args = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ]
    for f in files:
        args += ["-r", REPO / f]
    say("installing Python dependencies: " + ", ".join(files))
    env = dict(os.environ, PIP_ROOT_USER_ACTION="ignore")
    if run(args, check=False, env=env).returncode:
        die("pip could not install the Python dependencies (see above)")


def apt_install(packages):
    """Install Debian packages that are missing, or die saying which."""
    missing = [p for p in packages if not _dpkg_installed(p)]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        die(
            "missing system packages: "
            + " ".join(missing)
            + " (install them with apt-get as root and run again)"
        )
    say("installing system packages: " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if run(
        ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing],
        check=False,
        env=env,
    ).returncode:
        run(["apt-get", "update", "-q"], check=False, env=env)
        if run(
            ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing],
            check=False,
            env=env,
        ).returncode:
            die("apt-get could not install: " + " ".join(missing))


def _dpkg_installed(package):
    res = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package],
        capture_output=True,
        text=True,
        check=False,
    )
    return res.returncode == 0 and "install ok installed" in res.stdout


# ------------------------------------------------------------------- addons
def addons_path():
    """Addons path exposing this checkout as ``prospect_management``."""
    addons = WORK / "addons"
    addons.mkdir(parents=True, exist_ok=True)
    link = addons / ADDON
    if link.is_symlink() and link.resolve() != REPO:
        link.unlink()
    if not link.exists():
        link.symlink_to(REPO, target_is_directory=True)
    return addons


# --------------------------------------------------------------- PostgreSQL
def _psql_ok(env):
    if not shutil.which("psql"):
        return False
    res = subprocess.run(
        ["psql", "-X", "-d", "postgres", "-Atc", "select 1"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=20,
    )
    return res.returncode == 0


def _pg_bin(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    if candidates:
        return str(candidates[0])
    die(f"PostgreSQL's {name} is not installed (apt-get install postgresql)")


def _free_port(start=5433):
    for port in range(start, start + 100):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    die("no free TCP port for a local PostgreSQL")


def free_tcp_port():
    """A TCP port nothing listens on at 127.0.0.1 now (the kernel's pick)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cluster_owner():
    """The OS user that owns the throwaway cluster (never root)."""
    if os.geteuid() != 0:
        return getpass.getuser()
    for name in ("postgres", "pmpostgres"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    run(["useradd", "--system", "--no-create-home", "--shell", "/bin/sh", "pmpostgres"])
    return "pmpostgres"


def _as_owner(owner, cmd):
    cmd = [str(c) for c in cmd]
    if os.geteuid() == 0:
        return ["runuser", "-u", owner, "--", *cmd]
    return cmd


def ensure_postgres():
    """Make a PostgreSQL server available; export its PG* settings."""
    if any(os.environ.get(k) for k in PG_ENV_KEYS):
        if not _psql_ok(os.environ):
            die("PG* settings are given but no PostgreSQL server answers with them")
        say("PostgreSQL: using the server given by the PG* settings")
        return
    for host in ("", "localhost"):
        env = dict(os.environ)
        if host:
            env["PGHOST"] = host
        if _psql_ok(env):
            if host:
                os.environ["PGHOST"] = host
            say(f"PostgreSQL: using the local server ({host or 'default socket'})")
            return
    _start_own_cluster()


def _start_own_cluster():
    owner = _cluster_owner()
    data = PG_DIR / "data"
    port_file = PG_DIR / "port"
    PG_DIR.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(PG_DIR, owner)
    env = dict(os.environ, PGHOST=str(PG_DIR), PGUSER="odoo")
    if not (data / "PG_VERSION").exists():
        say(f"PostgreSQL: creating a throwaway cluster in {data} (owner {owner})")
        run(
            _as_owner(
                owner,
                [
                    _pg_bin("initdb"),
                    "-D",
                    data,
                    "-U",
                    "odoo",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ],
            ),
            stdout=subprocess.DEVNULL,
        )
    port = int(port_file.read_text()) if port_file.exists() else None
    if port:
        env["PGPORT"] = str(port)
    if not port or not _psql_ok(env):
        port = port if port and _port_free(port) else _free_port()
        port_file.write_text(str(port))
        env["PGPORT"] = str(port)
        say(f"PostgreSQL: starting the throwaway cluster on port {port}")
        opts = (
            f"-k {PG_DIR} -p {port} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200 -c shared_buffers=256MB"
        )
        run(
            _as_owner(
                owner,
                [
                    _pg_bin("pg_ctl"),
                    "-D",
                    data,
                    "-l",
                    PG_DIR / "server.log",
                    "-o",
                    opts,
                    "-w",
                    "-t",
                    "60",
                    "start",
                ],
            ),
            stdout=subprocess.DEVNULL,
        )
        for _ in range(30):
            if _psql_ok(env):
                break
            time.sleep(1)
        else:
            die(f"the throwaway PostgreSQL did not answer; see {PG_DIR / 'server.log'}")
    os.environ.update(PGHOST=env["PGHOST"], PGPORT=env["PGPORT"], PGUSER="odoo")
    say(f"PostgreSQL: throwaway cluster at {PG_DIR} port {port}")


def _port_free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def drop_database(name):
    run(["dropdb", "--if-exists", "--force", name], quiet=True)


def database_exists(name):
    res = subprocess.run(
        [
            "psql",
            "-X",
            "-d",
            "postgres",
            "-Atc",
            f"select 1 from pg_database where datname = '{name}'",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return res.stdout.strip() == "1"
