#!/usr/bin/env python3
# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Installing prospect_management on a database with many partners and sites.

    python3 benchmarks/bench_install.py                  # 1,000,000 / 200,000
    python3 benchmarks/bench_install.py --partners 100000 --sites 20000
    python3 benchmarks/bench_install.py --quick          # smoke run, ~1 minute
    python3 benchmarks/bench_install.py --trace always   # and say what costs what

Issue: installing the addon on a database with 1,000,000 partners and 200,000
sites; target < 60 s on this class of machine, and within 2x of a bare SQL
UPDATE of the same rows measured in the same run.

1. The data database (``--data-db``, default ``pmb_scale_data``) is a copy of
   ``pmb_base`` (the addon's dependencies, no demo data) filled by
   ``generate.py`` with ``--partners`` customers and ``--sites`` sites (plus
   the generator's default contacts, quotes, messages and activities).  It is
   kept and reused while it holds those counts (``--regenerate`` remakes it).
2. Measured in the same run, each on a fresh copy of a database:

   a. baseline: ``ALTER TABLE ... ADD COLUMN x varchar`` then ``UPDATE ... SET
      x = 'active'`` on res_partner and on fsm_location, in one transaction
      that is rolled back (an index on the new column is timed apart, for
      information);
   b. ``odoo -i prospect_management`` on a copy of the data database;
   c. the same install on a copy of the empty ``pmb_base``: the fixed cost of
      loading the module (data, views, translations).

   (b) - (c) is what the data costs.  After (b), SQL counts every partner and
   site whose status is ``active`` (all of them should be).
3. With ``--trace`` (``auto``: when the install misses a target) one more
   install on a fresh copy runs with every SQL statement timed and the loading
   phases timed: the slowest statements and phases are printed and saved.

Figures go to ``bench/install.json`` (benchlib.save) with the machine and its
load.  Nothing is asserted: the ratios are reported against the targets.
"""

import argparse
import atexit
import itertools
import json
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchlib
import generate

devenv = benchlib.devenv

TARGET_SECONDS = 60
TARGET_RATIO = 2
STATUS_TABLES = ("res_partner", "fsm_location")
SLOW_SQL_SECONDS = 0.05


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=1_000_000)
    parser.add_argument("--sites", type=int, default=200_000)
    parser.add_argument("--data-db", default="pmb_scale_data")
    parser.add_argument(
        "--regenerate", action="store_true", help="remake the data database"
    )
    parser.add_argument(
        "--trace",
        choices=("auto", "always", "never"),
        default="auto",
        help="one more install with SQL and phases timed (auto: when slow)",
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of (a), (b), (c); medians"
    )
    parser.add_argument("--keep", action="store_true", help="keep the copies")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 20,000 partners, 4,000 sites in pmb_scale_data_quick",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.partners, args.sites = 20_000, 4_000
        if args.data_db == "pmb_scale_data":
            args.data_db = "pmb_scale_data_quick"
    return args


# ------------------------------------------------------------------ data
def data_counts(db):
    """Generated customers and sites in ``db`` (None when it does not exist)."""
    if not devenv.database_exists(db):
        return None
    out = benchlib.psql(
        db,
        "SELECT (SELECT count(*) FROM res_partner WHERE ref LIKE "
        f"'{generate.CUSTOMER_REF}%'), (SELECT count(*) FROM fsm_location)",
    )
    customers, sites = (int(v) for v in out.split("|"))
    return {"partners": customers, "sites": sites}


def table_counts(db):
    out = benchlib.psql(
        db,
        "SELECT (SELECT count(*) FROM res_partner), "
        "(SELECT count(*) FROM fsm_location), "
        "pg_total_relation_size('res_partner'), "
        "pg_total_relation_size('fsm_location')",
    )
    partners, sites, psize, ssize = (int(v) for v in out.split("|"))
    return {
        "res_partner_rows": partners,
        "fsm_location_rows": sites,
        "res_partner_mb": round(psize / 2**20),
        "fsm_location_mb": round(ssize / 2**20),
    }


def ensure_data(args):
    """The data database with the wanted counts, generated when needed."""
    benchlib.template(with_addon=False)
    counts = data_counts(args.data_db)
    wanted = {"partners": args.partners, "sites": args.sites}
    installed = counts and devenv.module_state(args.data_db) == "installed"
    if counts == wanted and not installed and not args.regenerate:
        devenv.say(f"reusing {args.data_db}: {counts}")
        return None
    devenv.say(f"generating {args.data_db}: {wanted}")
    benchlib.clone(benchlib.BASE_DB, args.data_db)
    cmd = [
        sys.executable,
        str(benchlib.BENCH_DIR / "generate.py"),
        "--db",
        args.data_db,
        "--partners",
        str(args.partners),
        "--sites",
        str(args.sites),
    ]
    started = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    lines = [line for line in res.stdout.splitlines() if line.startswith("{")]
    if res.returncode or not lines:
        sys.stderr.write(res.stdout[-3000:] + res.stderr[-3000:])
        devenv.die("generating the data failed", code=1)
    result = json.loads(lines[-1])
    result["wall_seconds"] = round(seconds, 1)
    devenv.say(
        f"generated in {seconds:.1f}s (fill {result['seconds']}s, "
        f"vacuum {result.get('vacuum_seconds')}s)"
    )
    return result


# ------------------------------------------------------------- measures
def baseline(db):
    """Bare SQL: add a column and set it on every row, rolled back."""
    import psycopg2

    timings = {}
    conn = psycopg2.connect(dbname=db)
    try:
        with conn.cursor() as cur:
            for table in STATUS_TABLES:
                started = time.perf_counter()
                cur.execute(f'ALTER TABLE "{table}" ADD COLUMN pmb_baseline varchar')
                cur.execute(f"UPDATE \"{table}\" SET pmb_baseline = 'active'")
                rows = cur.rowcount
                updated = time.perf_counter()
                cur.execute(f'CREATE INDEX ON "{table}" (pmb_baseline)')
                indexed = time.perf_counter()
                timings[table] = {
                    "rows": rows,
                    "update_seconds": round(updated - started, 3),
                    "index_seconds": round(indexed - updated, 3),
                }
    finally:
        conn.rollback()
        conn.close()
    timings["update_seconds"] = round(
        sum(timings[t]["update_seconds"] for t in STATUS_TABLES), 3
    )
    timings["index_seconds"] = round(
        sum(timings[t]["index_seconds"] for t in STATUS_TABLES), 3
    )
    return timings


def filenodes(db):
    out = benchlib.psql(
        db,
        "SELECT pg_relation_filenode('res_partner'), "
        "pg_relation_filenode('fsm_location')",
    )
    return out.split("|")


def status_counts(db):
    """Rows of each status table, and those whose status is 'active'."""
    result = {}
    for table in STATUS_TABLES:
        out = benchlib.psql(
            db,
            "SELECT count(*), count(*) FILTER (WHERE customer_status = 'active'), "
            f'count(*) FILTER (WHERE customer_status IS NULL) FROM "{table}"',
        )
        rows, active, empty = (int(v) for v in out.split("|"))
        result[table] = {"rows": rows, "active": active, "null": empty}
    return result


def install(source, target, label):
    benchlib.clone(source, target)
    seconds = benchlib.install(target, [devenv.ADDON], label)
    devenv.say(f"{label}: installed in {seconds:.1f}s")
    return seconds


# ----------------------------------------------------------------- trace
def traced_install(source, target):
    """Install once more with every SQL statement and loading phase timed."""
    benchlib.clone(source, target)
    trace = benchlib.OUTPUT / f"{target}-trace.json"
    log = benchlib.OUTPUT / f"{target}-trace.log"
    seconds = benchlib.install(
        target,
        [devenv.ADDON],
        "trace",
        launcher=[sys.executable, __file__, "--odoo", str(trace)],
        log_level="info",  # log_gaps() reads the loading phases from it
    )
    if not trace.exists():
        devenv.die(f"the traced install wrote no trace ({log})", code=1)
    result = json.loads(trace.read_text())
    result["wall_seconds"] = round(seconds, 2)
    result["log_gaps"] = log_gaps(log.read_text())
    result["log"] = str(log)
    return result


def log_gaps(text, top=8):
    """The longest silences of Odoo's info log, with the line that ends them
    (the work in between belongs to what the previous line announced)."""
    stamp = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) \d+ \w+ \S+ (.*)$")
    entries = []
    for line in text.splitlines():
        match = stamp.match(line)
        if match:
            when = time.mktime(time.strptime(match[1][:19], "%Y-%m-%d %H:%M:%S"))
            entries.append((when + int(match[1][20:]) / 1000, match[2][:160]))
    gaps = [
        {"seconds": round(b[0] - a[0], 2), "after": a[1], "until": b[1]}
        for a, b in itertools.pairwise(entries)
    ]
    return sorted(gaps, key=lambda g: -g["seconds"])[:top]


def run_traced_odoo(trace_file, odoo_args):
    """Child process of traced_install(): Odoo with timers around SQL and the
    loading phases; the figures are written to ``trace_file`` at exit."""
    import odoo
    import odoo.cli
    from odoo import sql_db
    from odoo.modules import loading
    from odoo.modules.registry import Registry

    from odoo.addons.base.models.ir_module import Module

    statements = []
    groups = {}
    totals = {"sql_seconds": 0.0, "queries": 0}
    literal = re.compile(r"'[^']*'|\b\d+\b")
    phases = {}
    started = time.perf_counter()
    execute = sql_db.Cursor.execute

    def timed_execute(self, query, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            return execute(self, query, *args, **kwargs)
        finally:
            spent = time.perf_counter() - t0
            totals["sql_seconds"] += spent
            totals["queries"] += 1
            text = " ".join(getattr(query, "code", str(query)).split())
            # statements that differ only by their constants go together:
            # a per-row loop shows up as one group with many calls
            key = literal.sub("?", text)[:120]
            group = groups.setdefault(key, [0, 0.0])
            group[0] += 1
            group[1] += spent
            if spent >= SLOW_SQL_SECONDS:
                statements.append((spent, text[:300]))

    sql_db.Cursor.execute = timed_execute

    def timed(owner, name, label=None):
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                key = label or name
                phases[key] = phases.get(key, 0.0) + time.perf_counter() - t0

        setattr(owner, name, wrapper)

    timed(loading, "load_data", "load_data (XML/CSV files)")
    timed(Registry, "init_models", "init_models (schema: columns, indexes, FKs)")
    timed(Registry, "setup_models")
    timed(Module, "_update_translations")
    timed(loading, "load_module_graph")
    timed(odoo.modules.registry.Registry, "new", "registry load (total)")

    def dump():
        result = {
            "process_seconds": round(time.perf_counter() - started, 2),
            "sql_seconds": round(totals["sql_seconds"], 2),
            "queries": totals["queries"],
            "phases": {k: round(v, 2) for k, v in phases.items()},
            "slow_statements": [
                {"seconds": round(s, 3), "sql": q}
                for s, q in sorted(statements, key=lambda x: -x[0])[:25]
            ],
            "statement_groups": [
                {"calls": n, "seconds": round(t, 3), "sql": k}
                for k, (n, t) in sorted(groups.items(), key=lambda x: -x[1][1])[:15]
            ],
            "status_tables_ddl_seconds": round(
                sum(
                    t
                    for k, (_n, t) in groups.items()
                    if re.match(r"(ALTER TABLE|CREATE (UNIQUE )?INDEX)", k)
                    and re.search(r'\b"?(res_partner|fsm_location)"?\b', k)
                ),
                3,
            ),
        }
        Path(trace_file).write_text(json.dumps(result, indent=2))

    atexit.register(dump)
    sys.argv = ["odoo", *odoo_args]
    odoo.cli.main()


# ------------------------------------------------------------------ main
def report_trace(trace):
    benchlib.emit(
        f"traced install: {trace['wall_seconds']} s wall, {trace['queries']} "
        f"queries, {trace['sql_seconds']} s in SQL"
    )
    for name, seconds in sorted(trace["phases"].items(), key=lambda x: -x[1]):
        benchlib.emit(f"  phase {name}: {seconds} s")
    benchlib.emit(
        "  schema changes of res_partner and fsm_location (ALTER TABLE, "
        f"CREATE INDEX): {trace['status_tables_ddl_seconds']} s"
    )
    benchlib.emit("  slowest SQL statements:")
    for item in trace["slow_statements"][:10]:
        benchlib.emit(f"    {item['seconds']:7.3f} s  {item['sql'][:150]}")
    benchlib.emit("  SQL by statement (calls, total):")
    for item in trace["statement_groups"][:8]:
        benchlib.emit(
            f"    {item['calls']:6d} x {item['seconds']:7.3f} s  {item['sql'][:110]}"
        )
    benchlib.emit("  longest silences of the info log:")
    for gap in trace["log_gaps"][:6]:
        benchlib.emit(f"    {gap['seconds']:7.2f} s  after: {gap['after'][:110]}")


def main(argv=None):
    args = parse_args(argv)
    benchlib.setup()
    generated = ensure_data(args)
    data = args.data_db
    sizes = table_counts(data)
    benchlib.emit(
        f"data: {args.partners} customers, {args.sites} sites; res_partner "
        f"{sizes['res_partner_rows']} rows ({sizes['res_partner_mb']} MB), "
        f"fsm_location {sizes['fsm_location_rows']} rows"
    )
    copies = {
        "baseline": "pmb_scale_baseline",
        "install": "pmb_scale_install",
        "empty": "pmb_scale_install_empty",
        "trace": "pmb_scale_install_trace",
    }
    bases, installs, empties = [], [], []
    try:
        for run in range(args.repeat):
            if args.repeat > 1:
                benchlib.emit(f"run {run + 1} of {args.repeat}")
            # (a) baseline on its own copy: a rolled-back UPDATE leaves dead rows
            benchlib.clone(data, copies["baseline"])
            base = baseline(copies["baseline"])
            benchlib.drop(copies["baseline"])
            bases.append(base)
            benchlib.emit(
                f"(a) bare SQL ADD COLUMN + UPDATE: res_partner "
                f"{base['res_partner']['update_seconds']} s "
                f"({base['res_partner']['rows']} rows), fsm_location "
                f"{base['fsm_location']['update_seconds']} s "
                f"({base['fsm_location']['rows']} rows); total "
                f"{base['update_seconds']} s (an index on the column: "
                f"+{base['index_seconds']} s)"
            )
            # (b) the install on the data
            nodes = filenodes(data)
            installs.append(install(data, copies["install"], "install"))
            if run == 0:
                rewritten = filenodes(copies["install"]) != nodes
                statuses = status_counts(copies["install"])
                state = devenv.module_state(copies["install"])
            benchlib.emit(
                f"(b) install on the data: {installs[-1]:.2f} s (state {state})"
            )
            if run == 0:
                for table, counts in statuses.items():
                    benchlib.emit(
                        f"    {table}: {counts['active']} of {counts['rows']} rows "
                        f"active, {counts['null']} without status"
                    )
                benchlib.emit(
                    "    tables rewritten by the install: "
                    + ("yes (relfilenode changed)" if rewritten else "no")
                )
            # (c) the same install without data
            benchlib.template(with_addon=False)
            empties.append(install(benchlib.BASE_DB, copies["empty"], "install-empty"))
            benchlib.emit(f"(c) install on the empty database: {empties[-1]:.2f} s")
    finally:
        if not args.keep:
            for name in ("baseline", "install", "empty"):
                benchlib.drop(copies[name])
    update = benchlib.median([b["update_seconds"] for b in bases])
    seconds = benchlib.median(installs)
    empty = benchlib.median(empties)
    base = dict(bases[0], update_seconds=update, runs=bases)
    data_part = seconds - empty
    ratio = benchlib.ratio(seconds, update)
    data_ratio = benchlib.ratio(data_part, update)
    all_active = all(c["active"] == c["rows"] for c in statuses.values())
    benchlib.emit(
        f"{'medians of ' + str(args.repeat) + ' runs: ' if args.repeat > 1 else ''}"
        f"install {seconds:.2f} s (target < {TARGET_SECONDS} s); "
        f"install / UPDATE = {ratio:.2f}; data part (b - c) {data_part:.2f} s, "
        f"/ UPDATE = {data_ratio:.2f} (target <= {TARGET_RATIO}); every "
        f"partner and site active: {'yes' if all_active else 'NO'}"
    )
    slow = seconds >= TARGET_SECONDS or data_ratio > TARGET_RATIO
    trace = None
    if args.trace == "always" or (args.trace == "auto" and slow):
        try:
            trace = traced_install(data, copies["trace"])
        finally:
            if not args.keep:
                benchlib.drop(copies["trace"])
        report_trace(trace)
    result = {
        "partners": args.partners,
        "sites": args.sites,
        "tables": sizes,
        "generated": generated,
        "baseline": base,
        "repeat": args.repeat,
        "install_seconds": round(seconds, 2),
        "install_empty_seconds": round(empty, 2),
        "install_runs": [round(x, 2) for x in installs],
        "install_empty_runs": [round(x, 2) for x in empties],
        "data_part_seconds": round(data_part, 2),
        "ratio_install_to_update": round(ratio, 3),
        "ratio_data_part_to_update": round(data_ratio, 3),
        "targets": {"install_seconds": TARGET_SECONDS, "ratio": TARGET_RATIO},
        "status_after_install": statuses,
        "all_active": all_active,
        "tables_rewritten": rewritten,
        "trace": trace,
        "machine": benchlib.machine(),
    }
    benchlib.save("install", result)
    return result


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--odoo":
        run_traced_odoo(sys.argv[2], sys.argv[3:])
    else:
        main()
