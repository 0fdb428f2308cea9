#!/usr/bin/env python3
# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Winning quotes in bulk: 1,000 prospects confirmed against 1,000 customers.

    python3 benchmarks/bench_quote_won.py              # 1,000 + 1,000 quotes
    python3 benchmarks/bench_quote_won.py --quick      # smoke run (~3 minutes)
    python3 benchmarks/bench_quote_won.py --keep --skip-concurrent \
        --profile /tmp/won.prof                         # then: --reuse ...

A seed database ``pmb_qw_seed`` is copied from benchlib's ``pmb_addon`` and
receives, committed: --quotes prospect companies, each with one prospect site
and one draft quote for that site (one line of a plain service product), and
as many active companies, each with one active site and the same quote (plus
2 x --clients of each for warming the server up); a salesperson (sales and
field service user rights, no prospect manager right) confirms them.

(a) In this process, as the salesperson: ``action_confirm`` on all the
prospects' quotes in one call, then on all the active customers' quotes
(who goes first alternating), each in a transaction rolled back, --repeats
times: medians of wall time, of this process' CPU time, and query counts;
ratio prospects/active. Every run is checked: all quotes confirmed, every
customer and site active, every prospect with exactly one "won" note and
one tracked status change (active customers: none). Then the queries of one
call for each size of --counts (per quote: set-based work makes it fall
with the batch), and the statements whose number grows with the batch for
prospects more than for active customers, with where they come from (SQL
recorded with Odoo's query hooks, normalised by bench_overhead.py).
--profile FILE adds a cProfile of one prospects run.

(b) Concurrency: the seed is copied into ``pmb_qw_prospects`` and
``pmb_qw_active``, an Odoo server with --workers workers serves both (the
command line of e2e/conftest.py), every worker is warmed up by confirming a
few spare quotes, then --clients client processes log in with xmlrpc.client
and, started together (a barrier), each call ``action_confirm`` once on its
share of the quotes: wall time from the first start to the last finish, for
the prospects' quotes and for the active customers' quotes (separate fresh
copies, so neither run sees the other), and the ratio. Checked as in (a),
plus: no client got a fault; the server's log gives the transactions retried
on serialization failures, and pg_stat_activity, sampled every 0.1 s, what
the sessions were doing (running SQL, waiting for a lock, or idle in a
transaction while Odoo computes). The server is stopped at the end, also on
errors.

Nothing is asserted on timings. Figures go to standard output and to
``<work dir>/bench/quote_won.json``; the databases are dropped unless --keep
(--reuse then starts from the kept seed).
"""

import argparse
import collections
import contextlib
import cProfile
import gc
import io
import multiprocessing
import pstats
import re
import socket
import statistics
import subprocess
import threading
import time
import urllib.request
import xmlrpc.client

import benchlib
from bench_overhead import grown_statements, normalise, recording

devenv = benchlib.devenv

SEED = "pmb_qw_seed"
RUN_DBS = {"prospects": "pmb_qw_prospects", "active": "pmb_qw_active"}
KINDS = ("prospects", "active")
# kind: (name label, status); the warm-up quotes let every server worker
# confirm a quote before the measured run (a worker's caches start cold)
SEED_KINDS = {
    "prospects": ("Prospect", "prospect"),
    "active": ("Active", "active"),
    "warm_prospects": ("Warm Prospect", "prospect"),
    "warm_active": ("Warm Active", "active"),
}
LOGIN = "pmb_qw_sales"
PASSWORD = "pmb-qw-sales-Pass-1"
# the text of sale.order._prospect_won_note: "Activated: <user> confirmed ..."
WON_NOTE = "%confirmed%"


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument(
        "--quotes", type=int, default=1000, help="prospects (and active customers)"
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="in-process runs of each kind"
    )
    parser.add_argument(
        "--counts", default="1,10,100,1000", help="sizes of the query counts"
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--concurrent-repeats",
        type=int,
        default=1,
        help="concurrent runs of each kind (a fresh server and copies each)",
    )
    parser.add_argument("--skip-in-process", action="store_true", help="only (b)")
    parser.add_argument("--skip-concurrent", action="store_true", help="only (a)")
    parser.add_argument(
        "--profile", metavar="FILE", help="cProfile of one prospects run (pstats)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 80 quotes of each kind, 2 repeats, counts 1,10,80 "
        "(overrides those options)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument(
        "--reuse", action="store_true", help="use the seed kept by an earlier run"
    )
    args = parser.parse_args()
    if args.quick:
        args.quotes, args.repeats, args.counts = 80, 2, "1,10,80"
    args.counts = [int(n) for n in args.counts.split(",") if n.strip()]
    return args


# ------------------------------------------------------------------- seed
def release(*dbs):
    """Close this process' registries and connections on ``dbs``."""
    import odoo

    for db in dbs:
        odoo.modules.registry.Registry.delete(db)
        odoo.sql_db.close_db(db)


def make_seed(quotes, warm):
    from odoo import SUPERUSER_ID, Command, api

    benchlib.clone(benchlib.template(with_addon=True), SEED)
    with benchlib.registry(SEED).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        salesman = env["res.users"].create(
            {
                "name": "Bench Salesperson",
                "login": LOGIN,
                "password": PASSWORD,
                "groups_id": [
                    Command.set(
                        [
                            env.ref("sales_team.group_sale_salesman_all_leads").id,
                            env.ref("fieldservice.group_fsm_user").id,
                        ]
                    )
                ],
            }
        )
        product = env["product.product"].create(
            {
                "name": "QW Service",
                "type": "service",
                "list_price": 100.0,
                "field_service_tracking": "no",
            }
        )
        for kind, (label, status) in SEED_KINDS.items():
            count = quotes if kind in KINDS else warm
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"QW {label} {i:05d}",
                        "is_company": True,
                        "customer_status": status,
                    }
                    for i in range(count)
                ]
            )
            sites = env["fsm.location"].create(
                [
                    {"name": f"QW {label} Site {i:05d}", "owner_id": p.id}
                    for i, p in enumerate(partners)
                ]
            )
            env["sale.order"].with_user(salesman).create(
                [
                    {
                        "partner_id": p.id,
                        "fsm_location_id": s.id,
                        "order_line": [
                            Command.create(
                                {"product_id": product.id, "product_uom_qty": 1}
                            )
                        ],
                    }
                    for p, s in zip(partners, sites, strict=True)
                ]
            )
            devenv.say(f"seed: {count} {kind} with a site and a draft quote")
        # the seed is the starting point every run copies or rolls back to
        cr.commit()  # pylint: disable=invalid-commit


def load_seed(env):
    """{kind: {partners, sites, quotes}} and the salesperson, by name."""
    seed = {}
    for kind, (label, _status) in SEED_KINDS.items():
        partners = env["res.partner"].search(
            [("name", "=like", f"QW {label} 0%"), ("is_company", "=", True)],
            order="id",
        )
        sites = env["fsm.location"].search(
            [("owner_id", "in", partners.ids)], order="owner_id"
        )
        quotes = env["sale.order"].search(
            [("partner_id", "in", partners.ids), ("state", "=", "draft")],
            order="partner_id",
        )
        seed[kind] = {
            "partners": partners.ids,
            "sites": sites.ids,
            "quotes": quotes.ids,
        }
    user = env["res.users"].search([("login", "=", LOGIN)])
    if not user or not seed["prospects"]["quotes"]:
        devenv.die(f"{env.cr.dbname} is not a seed of this benchmark")
    return seed, user.id


# ----------------------------------------------------------------- checks
def check(env, seed, kind, n=None):
    """Problems found after confirming the first ``n`` quotes of ``kind``
    (all by default), as a list of sentences (empty: all good)."""
    from odoo.tools import SQL

    part = {key: ids[:n] for key, ids in seed[kind].items()}
    cr = env.cr
    problems = []
    cr.execute(
        "SELECT state, count(*) FROM sale_order WHERE id = ANY(%s) GROUP BY state",
        [part["quotes"]],
    )
    states = dict(cr.fetchall())
    if states != {"sale": len(part["quotes"])}:
        problems.append(f"{kind}: quote states {states}")
    for table, ids in (
        ("res_partner", part["partners"]),
        ("fsm_location", part["sites"]),
    ):
        cr.execute(
            SQL(
                "SELECT customer_status, count(*) FROM %s "
                "WHERE id = ANY(%s) GROUP BY customer_status",
                SQL.identifier(table),
                ids,
            )
        )
        statuses = dict(cr.fetchall())
        if statuses != {"active": len(ids)}:
            problems.append(f"{kind}: {table} statuses {statuses}")
    notes = per_partner(
        cr,
        "SELECT res_id, count(*) FROM mail_message WHERE model = 'res.partner' "
        "AND res_id = ANY(%s) AND body::text ILIKE %s GROUP BY res_id",
        [part["partners"], WON_NOTE],
    )
    changes = per_partner(
        cr,
        "SELECT m.res_id, count(*) FROM mail_tracking_value v "
        "JOIN mail_message m ON m.id = v.mail_message_id "
        "JOIN ir_model_fields f ON f.id = v.field_id "
        "WHERE f.model = 'res.partner' AND f.name = 'customer_status' "
        "AND m.model = 'res.partner' AND m.res_id = ANY(%s) GROUP BY m.res_id",
        [part["partners"]],
    )
    expected = 1 if kind == "prospects" else 0
    for what, counted in (("won notes", notes), ("status changes", changes)):
        wrong = {p: counted.get(p, 0) for p in part["partners"]}
        wrong = {p: c for p, c in wrong.items() if c != expected}
        if wrong:
            sample = dict(list(wrong.items())[:5])
            problems.append(
                f"{kind}: {len(wrong)} partners without exactly {expected} "
                f"{what} (e.g. {sample})"
            )
    return problems


def per_partner(cr, query, params):
    cr.execute(query, params)
    return dict(cr.fetchall())


# ------------------------------------------------------------- in process
def confirm_in_process(seed, uid, kind, n, profile=None):
    """Confirm the first ``n`` quotes of ``kind`` in a rolled-back
    transaction: (queries, wall seconds, CPU seconds, problems)."""
    gc.collect()
    with benchlib.environment(SEED, uid=uid) as env:
        quotes = env["sale.order"].browse(seed[kind]["quotes"][:n])
        confirm = quotes.action_confirm
        if profile:
            profiler = cProfile.Profile()

            def confirm():
                profiler.enable()
                try:
                    return quotes.action_confirm()
                finally:
                    profiler.disable()

        cpu = time.process_time()
        _res, queries, seconds = benchlib.measure(env, confirm)
        cpu = time.process_time() - cpu
        problems = check(env, seed, kind, n)
        if profile:
            profiler.dump_stats(profile)
    return queries, seconds, cpu, problems


def in_process(args, seed, uid):
    runs = {kind: [] for kind in KINDS}
    problems = []
    for number in range(args.repeats):
        order = KINDS if number % 2 == 0 else KINDS[::-1]
        for kind in order:
            queries, seconds, cpu, found = confirm_in_process(
                seed, uid, kind, args.quotes
            )
            runs[kind].append({"queries": queries, "wall": seconds, "cpu": cpu})
            problems += found
            benchlib.emit(
                f"  run {number + 1} {kind}: {seconds:.2f} s (CPU {cpu:.2f} s), "
                f"{queries} queries{'' if not found else ' PROBLEMS: ' + str(found)}"
            )
    summary = {
        kind: {
            clock: round(statistics.median(r[clock] for r in runs[kind]), 4)
            for clock in ("wall", "cpu", "queries")
        }
        for kind in KINDS
    }
    for clock in ("wall", "cpu", "queries"):
        summary[f"ratio_{clock}"] = round(
            benchlib.ratio(summary["prospects"][clock], summary["active"][clock]), 4
        )
    return runs, summary, problems


def query_counts(args, seed, uid, runs):
    """Queries of one call per size, and per quote; the full size is taken
    from the timed runs."""
    table, problems = {}, []
    for n in args.counts:
        table[n] = {}
        for kind in KINDS:
            if n == args.quotes:
                queries = runs[kind][-1]["queries"]
            else:
                queries, _s, _c, found = confirm_in_process(seed, uid, kind, n)
                problems += found
            table[n][kind] = {"queries": queries, "per_quote": round(queries / n, 2)}
        pro, act = table[n]["prospects"], table[n]["active"]
        benchlib.emit(
            f"  n={n}: prospects {pro['queries']} ({pro['per_quote']}/quote), "
            f"active {act['queries']} ({act['per_quote']}/quote), "
            f"extra {pro['queries'] - act['queries']}"
        )
    return table, problems


def growing(args, seed, uid):
    """Statements whose number grows with the batch more for prospects
    than for active customers, between the two smallest sizes of --counts,
    with where they come from (innermost frame of the addon > innermost
    frame outside the ORM)."""
    sizes = args.counts[:2]
    if len(sizes) < 2:
        return []
    sql = {kind: {} for kind in KINDS}
    for kind in KINDS:
        for n in sizes:
            gc.collect()
            with benchlib.environment(SEED, uid=uid) as env:
                quotes = env["sale.order"].browse(seed[kind]["quotes"][:n])
                benchlib.settle(env)
                origins = {}
                with recording(origins) as statements:
                    benchlib.measure(env, quotes.action_confirm)
                sql[kind][n] = (collections.Counter(statements), origins)
    return grown_statements(
        sql["prospects"], sql["active"], sizes, labels=("prospects", "active")
    )


def profile_run(args, seed, uid):
    confirm_in_process(seed, uid, "prospects", args.quotes, profile=args.profile)
    out = io.StringIO()
    stats = pstats.Stats(args.profile, stream=out)
    stats.sort_stats("cumulative").print_stats(r"prospect_management|sale_order", 25)
    benchlib.emit(f"profile of one prospects run ({args.profile}):")
    benchlib.emit(out.getvalue())


# ------------------------------------------------------------- concurrent
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def server(args, dbs, log):
    """An Odoo server with ``--workers`` workers serving ``dbs`` (loaded by
    the master before it forks), as in e2e/conftest.py; stopped on exit."""
    port = free_port()
    cmd = [
        *devenv.odoo_cmd(),
        "-d",
        ",".join(dbs),
        f"--db-filter=^({'|'.join(dbs)})$",
        f"--addons-path={devenv.addons_path()}",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        f"--gevent-port={free_port()}",
        f"--workers={args.workers}",
        "--max-cron-threads=0",
        "--limit-time-real=1800",
        "--limit-time-cpu=1200",
        "--limit-memory-soft=4294967296",
        "--limit-memory-hard=5368709120",
        "--log-level=warn",
        # the retries of transactions that hit a serialization failure
        "--log-handler=odoo.service.model:INFO",
        f"--logfile={log}",
    ]
    # stdout and stderr to a file: the server respawns its gevent worker
    # whenever it dies (it cannot start where gevent's dependencies lack)
    with open(f"{log}.out", "a") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(proc, url, log)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def wait_healthy(proc, url, log, timeout=300):
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            devenv.die(f"the Odoo server exited with {proc.returncode}; see {log}")
        try:
            with urllib.request.urlopen(f"{url}/web/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                devenv.die(f"the Odoo server did not answer on {url}; see {log}")
            time.sleep(0.5)


def client(url, db, quote_ids, barrier, results, index):
    """One client process: log in, warm up, wait for the others, then
    confirm its quotes in one call."""
    try:
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
        uid = common.authenticate(db, LOGIN, PASSWORD, {})
        models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
        models.execute_kw(db, uid, PASSWORD, "sale.order", "search_count", [[]])
    except (OSError, xmlrpc.client.Error) as error:
        barrier.abort()
        results.put((index, 0.0, 0.0, f"login: {error!r}"))
        return
    try:
        barrier.wait(timeout=600)
    except threading.BrokenBarrierError:
        results.put((index, 0.0, 0.0, "another client could not start"))
        return
    started = time.monotonic()
    try:
        models.execute_kw(
            db, uid, PASSWORD, "sale.order", "action_confirm", [quote_ids]
        )
        outcome = "ok"
    except xmlrpc.client.Fault as fault:
        outcome = fault.faultString[-2000:]
    except (OSError, xmlrpc.client.ProtocolError) as error:  # transport failures
        outcome = repr(error)
    results.put((index, started, time.monotonic(), outcome))


def concurrent_run(url, db, quote_ids, clients):
    """Wall time from the first client's start to the last one's finish."""
    if not quote_ids:
        return {"wall": None, "client_seconds": [0.0], "faults": []}
    ctx = multiprocessing.get_context("spawn")
    size = -(-len(quote_ids) // clients)
    chunks = [quote_ids[i : i + size] for i in range(0, len(quote_ids), size)]
    barrier = ctx.Barrier(len(chunks) + 1)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=client, args=(url, db, chunk, barrier, results, i))
        for i, chunk in enumerate(chunks)
    ]
    for proc in procs:
        proc.start()
    try:
        barrier.wait(timeout=600)
    except threading.BrokenBarrierError:
        devenv.say("a client could not start (its outcome says why)")
    outcomes = sorted(results.get(timeout=3600) for _ in procs)
    for proc in procs:
        proc.join()
    starts = [o[1] for o in outcomes if o[1]]
    ends = [o[2] for o in outcomes if o[2]]
    return {
        "wall": round(max(ends) - min(starts), 4) if starts else None,
        "client_seconds": [round(o[2] - o[1], 3) for o in outcomes],
        "quotes_per_client": [len(c) for c in chunks],
        "faults": [o[3] for o in outcomes if o[3] != "ok"],
    }


def retries(log, since):
    """Serialization failures retried by the server (lines after ``since``)."""
    with open(log, errors="replace") as fh:
        fh.seek(since)
        text = fh.read()
    return {
        "retried": len(re.findall(r"tries left, try again", text)),
        "gave_up": len(re.findall(r"maximum number of tries reached", text)),
    }


class Sampler(threading.Thread):
    """Samples pg_stat_activity of ``db`` every ``interval`` seconds: what
    the server's sessions are doing (running, waiting for a lock, or idle
    in a transaction while Odoo computes), and which statements wait."""

    def __init__(self, db, interval=0.1):
        super().__init__(daemon=True)
        self.db, self.interval = db, interval
        self.halt = threading.Event()
        self.samples = 0
        self.states = collections.Counter()
        self.blocked = collections.Counter()

    def run(self):
        import psycopg2

        conn = psycopg2.connect(dbname="postgres")
        conn.autocommit = True
        try:
            with conn.cursor() as cr:
                while not self.halt.is_set():
                    cr.execute(
                        "SELECT state, wait_event_type, wait_event, query "
                        "FROM pg_stat_activity WHERE datname = %s "
                        "AND state IS NOT NULL AND state <> 'idle'",
                        [self.db],
                    )
                    self.samples += 1
                    for state, wait_type, wait, query in cr.fetchall():
                        if state == "active" and wait_type:
                            state = f"waiting {wait_type}:{wait}"
                        self.states[state] += 1
                        if wait_type == "Lock":
                            self.blocked[normalise(query)[:200]] += 1
                    time.sleep(self.interval)
        finally:
            conn.close()

    def figures(self):
        self.halt.set()
        self.join()
        per_sample = {
            state: round(count / max(self.samples, 1), 2)
            for state, count in self.states.most_common()
        }
        return {
            "samples": self.samples,
            "sessions_per_sample": per_sample,
            "lock_waits": dict(self.blocked.most_common(5)),
        }


def concurrent(args, seed):
    results = {kind: [] for kind in KINDS}
    problems = []
    log = benchlib.OUTPUT / "quote_won-server.log"
    for number in range(args.concurrent_repeats):
        order = KINDS if number % 2 == 0 else KINDS[::-1]
        for db in RUN_DBS.values():
            benchlib.clone(SEED, db)
        with server(args, list(RUN_DBS.values()), log) as url:
            for kind in KINDS:  # warm-up: every worker confirms in each db
                warm = concurrent_run(
                    url, RUN_DBS[kind], seed[f"warm_{kind}"]["quotes"], args.clients
                )
                problems += [f"warm-up {kind}: fault {f}" for f in warm["faults"]]
            for kind in order:
                since = log.stat().st_size if log.exists() else 0
                sampler = Sampler(RUN_DBS[kind])
                sampler.start()
                figures = concurrent_run(
                    url, RUN_DBS[kind], seed[kind]["quotes"], args.clients
                )
                figures["pg_activity"] = sampler.figures()
                figures.update(retries(log, since) if log.exists() else {})
                results[kind].append(figures)
                problems += [f"{kind}: fault {f}" for f in figures["faults"]]
                benchlib.emit(
                    f"  run {number + 1} {kind}: {figures['wall']} s for "
                    f"{len(seed[kind]['quotes'])} quotes in {args.clients} clients "
                    f"(each {min(figures['client_seconds'])}-"
                    f"{max(figures['client_seconds'])} s), "
                    f"{len(figures['faults'])} faults, "
                    f"{figures.get('retried', 0)} retried transactions; sessions "
                    f"per sample {figures['pg_activity']['sessions_per_sample']}"
                )
        for kind, db in RUN_DBS.items():
            with benchlib.environment(db) as env:
                found = check(env, seed, kind)
            problems += found
            if found:
                benchlib.emit(f"  PROBLEMS in {db}: {found}")
        release(*RUN_DBS.values())
    walls = {
        kind: statistics.median(r["wall"] for r in results[kind] if r["wall"])
        for kind in KINDS
        if any(r["wall"] for r in results[kind])
    }
    summary = {f"{kind}_wall": round(walls[kind], 4) for kind in walls}
    if len(walls) == 2:
        summary["ratio"] = round(benchlib.ratio(walls["prospects"], walls["active"]), 4)
    return results, summary, problems


# ------------------------------------------------------------------- main
def part_a(args, seed, uid, result):
    """(a): one call in this process; returns the problems found."""
    benchlib.emit(f"(a) one call, in process, {args.quotes} quotes of each kind:")
    runs, summary, problems = in_process(args, seed, uid)
    benchlib.emit(
        f"  medians: prospects {summary['prospects']['wall']:.2f} s, active "
        f"{summary['active']['wall']:.2f} s, ratio {summary['ratio_wall']:.3f} "
        f"(CPU {summary['ratio_cpu']:.3f}, queries {summary['ratio_queries']:.3f})"
    )
    benchlib.emit("queries of one call:")
    table, found = query_counts(args, seed, uid, runs)
    problems += found
    grown = growing(args, seed, uid)
    result.update(
        in_process={"runs": runs, "summary": summary},
        queries=table,
        growing_queries=grown,
    )
    if len(args.counts) > 1:
        benchlib.emit(
            "statements growing with the batch for prospects beyond active "
            f"customers (n={args.counts[0]} vs n={args.counts[1]}):"
        )
    for line in grown:
        benchlib.emit(f"  {line}")
    if args.profile:
        profile_run(args, seed, uid)
    return problems


def part_b(args, seed, result):
    """(b): concurrent clients against a server; returns the problems."""
    release(SEED)  # the seed is copied: no session of ours may stay on it
    benchlib.emit(f"(b) {args.clients} concurrent clients, {args.workers} workers:")
    runs, summary, problems = concurrent(args, seed)
    benchlib.emit(f"  {summary}")
    result.update(
        concurrent={
            "clients": args.clients,
            "workers": args.workers,
            "runs": runs,
            "summary": summary,
        }
    )
    return problems


def main():
    args = parse_args()
    benchlib.setup()
    from odoo import SUPERUSER_ID

    result = {"quotes": args.quotes, "repeats": args.repeats}
    problems = []
    try:
        if not (args.reuse and devenv.database_exists(SEED)):
            devenv.say(f"preparing {SEED} ({args.quotes} quotes of each kind)")
            make_seed(args.quotes, warm=args.clients * 2)
        with benchlib.environment(SEED, uid=SUPERUSER_ID) as env:
            seed, uid = load_seed(env)
        result["quotes"] = args.quotes = len(seed["prospects"]["quotes"])
        args.counts = sorted({min(n, args.quotes) for n in args.counts})
        if not args.skip_in_process:
            problems += part_a(args, seed, uid, result)
        if not args.skip_concurrent:
            problems += part_b(args, seed, result)
        result.update(problems=problems, machine=benchlib.machine())
        benchlib.save("quote_won", result)
        benchlib.emit(f"problems: {len(problems)}")
        for problem in problems[:20]:
            benchlib.emit(f"  {problem}")
    finally:
        release(SEED, *RUN_DBS.values())
        if not args.keep:
            for db in (SEED, *RUN_DBS.values()):
                benchlib.drop(db)


if __name__ == "__main__":
    main()
