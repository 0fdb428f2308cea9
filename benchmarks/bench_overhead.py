#!/usr/bin/env python3
# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the guards cost: one workload with the addon and without it.

    python3 benchmarks/bench_overhead.py          # n=100, 15 rounds, counts 1..1000
    python3 benchmarks/bench_overhead.py --quick  # smoke run (~2 minutes)
    python3 benchmarks/bench_overhead.py --keep --counts ''      # timing only
    python3 benchmarks/bench_overhead.py --reuse --rounds 0 --diff  # counts only

The workload W(n), for active customers: (1) create n sale orders of one line
(with the customer's site) in one ``create`` and confirm them with one
``action_confirm``; (2) create n field service jobs in one ``create``; (3)
create n customer invoices of one line in one ``create`` and post them with
one ``action_post``. Order i goes to customer i modulo --customers (with the
default 1,000 customers, every document of W(1000) has its own customer).

Two working databases are copied from the templates of benchlib (``pmb_base``:
the addon's dependencies only; ``pmb_addon``: the same plus the addon) into
``pmb_ovh_base`` and ``pmb_ovh_addon``, and receive the same committed setup
in the same order: --customers active companies with one site each and one
service product without field service tracking (the chart of accounts
``generic_coa`` and its sales journal come with the templates).

Both registries are opened in this process and W(n) runs in one database then
the other, who goes first alternating every round, each time in a transaction
that is rolled back. After --warmup discarded rounds, --rounds rounds at
--size give, per sub-step, per step and in total, the median (quartiles, min,
max) of the per-round ratios addon/base (target of the issue: total median
<= 1.03), of wall time and of this process' CPU time (less disturbed by the
other jobs of a shared machine; PostgreSQL's work is in the wall time only).

Query counts: W(n) for each n of --counts in both databases (flush and
pre-commit hooks included, benchlib.measure; sizes up to 100 twice, to show
the counts are stable); extra = addon - base per step must not grow with n.
When it does (or with --diff, for every step), the SQL of the step is
recorded with Odoo's query hooks at the smallest size and the first size
where the extra is larger (or the two smallest sizes), normalised
(parameters, value lists, column lists and savepoint names folded), and the
statements whose number grows more with the addon than without are listed
with where they come from (innermost frame of the addon > innermost frame
outside the ORM). bench_quote_won.py uses the same helpers.

A full run takes about 25 minutes on 2 shared cores (W(1000) alone is
about 5 minutes per database, mostly posting the invoices). Figures go to
standard output and to ``<work dir>/bench/overhead.json``. The working
databases are dropped at the end unless --keep is given (--reuse then
starts from them).
"""

import argparse
import collections
import contextlib
import gc
import re
import statistics
import threading
import time
import traceback

import benchlib

devenv = benchlib.devenv

BASE = "pmb_ovh_base"
ADDON = "pmb_ovh_addon"
STEPS = ("so_create", "so_confirm", "job_create", "inv_create", "inv_post")
# the three steps of the issue, as sums of the measured sub-steps
GROUPS = {
    "sale_orders": ("so_create", "so_confirm"),
    "jobs": ("job_create",),
    "invoices": ("inv_create", "inv_post"),
    "total": STEPS,
}


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("--size", type=int, default=100, help="n of the timed W(n)")
    parser.add_argument(
        "--rounds", type=int, default=15, help="measured rounds (0: no timing)"
    )
    parser.add_argument("--warmup", type=int, default=2, help="discarded rounds")
    parser.add_argument(
        "--counts",
        default="1,10,100,1000",
        help="sizes of the query counts ('': no counts)",
    )
    parser.add_argument(
        "--customers", type=int, default=1000, help="active customers in the setup"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: n=10, 3 rounds, 1 warm-up, counts 1,10,50, 100 customers",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the working databases"
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="list the statements growing with n for every step, not only "
        "for the steps whose extra queries grow",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use the working databases kept by an earlier run (--keep)",
    )
    args = parser.parse_args()
    if args.quick:
        args.size, args.rounds, args.warmup = 10, 3, 1
        args.counts, args.customers = "1,10,50", 100
    args.counts = sorted({int(n) for n in args.counts.split(",") if n.strip()})
    return args


# ------------------------------------------------------------------ setup
def prepare(db, template, customers):
    """Copy ``template`` into ``db`` and commit the setup of the workload."""
    from odoo import SUPERUSER_ID, api

    benchlib.clone(template, db)
    with benchlib.registry(db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        partners = env["res.partner"].create(
            [
                {
                    "name": f"Bench Customer {i:05d}",
                    "is_company": True,
                    "customer_rank": 1,
                }
                for i in range(customers)
            ]
        )
        sites = env["fsm.location"].create(
            [
                {"name": f"Bench Site {i:05d}", "owner_id": partner.id}
                for i, partner in enumerate(partners)
            ]
        )
        product = env["product.product"].create(
            {
                "name": "Bench Service",
                "type": "service",
                "list_price": 100.0,
                "invoice_policy": "order",
                "field_service_tracking": "no",
            }
        )
        if "customer_status" in partners._fields:
            statuses = set(partners.mapped("customer_status"))
            statuses |= set(sites.mapped("customer_status"))
            if statuses != {"active"}:
                devenv.die(f"{db}: the customers are not all active ({statuses})")
        journal = env["account.journal"].search([("type", "=", "sale")], limit=1)
        if not journal:
            devenv.die(f"{db}: no sales journal (chart of accounts missing)")
        data = {
            "customers": partners.ids,
            "sites": sites.ids,
            "product": product.id,
            "chart": env.company.chart_template,
        }
        # the setup is shared by every round, which are rolled back
        cr.commit()  # pylint: disable=invalid-commit
    return data


def existing(db):
    """The setup committed in ``db`` by an earlier run (--reuse)."""
    with benchlib.environment(db) as env:
        partners = env["res.partner"].search(
            [("name", "=like", "Bench Customer %"), ("is_company", "=", True)],
            order="id",
        )
        sites = env["fsm.location"].search(
            [("name", "=like", "Bench Site %")], order="id"
        )
        product = env["product.product"].search([("name", "=", "Bench Service")])
        if not partners or len(sites) != len(partners) or len(product) != 1:
            devenv.die(f"{db} holds no setup of this benchmark: run without --reuse")
        return {
            "customers": partners.ids,
            "sites": sites.ids,
            "product": product.id,
            "chart": env.company.chart_template,
        }


# --------------------------------------------------------------- workload
def workload(env, data, n, measure=benchlib.measure):
    """W(n) in ``env``: {step: (queries, wall seconds, CPU seconds of this
    process)}, sub-step by sub-step."""
    from odoo import Command

    customers, sites = data["customers"], data["sites"]
    pick = [i % len(customers) for i in range(n)]
    product = data["product"]
    out = {}

    def step(name, func):
        cpu = time.process_time()
        result, queries, seconds = measure(env, func)
        out[name] = (queries, seconds, time.process_time() - cpu)
        return result

    orders = step(
        "so_create",
        lambda: env["sale.order"].create(
            [
                {
                    "partner_id": customers[i],
                    "fsm_location_id": sites[i],
                    "order_line": [
                        Command.create({"product_id": product, "product_uom_qty": 1})
                    ],
                }
                for i in pick
            ]
        ),
    )
    step("so_confirm", orders.action_confirm)
    step(
        "job_create",
        lambda: env["fsm.order"].create([{"location_id": sites[i]} for i in pick]),
    )
    moves = step(
        "inv_create",
        lambda: env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": customers[i],
                    "invoice_line_ids": [
                        Command.create(
                            {"product_id": product, "quantity": 1, "price_unit": 100.0}
                        )
                    ],
                }
                for i in pick
            ]
        ),
    )
    step("inv_post", moves.action_post)
    if set(orders.mapped("state")) != {"sale"} or set(moves.mapped("state")) != {
        "posted"
    }:
        devenv.die(f"{env.cr.dbname}: W({n}) did not confirm and post everything")
    return out


def run_once(db, data, n, measure=benchlib.measure):
    gc.collect()
    with benchlib.environment(db) as env:
        return workload(env, data, n, measure)


# ---------------------------------------------------------------- timings
def spread(values):
    values = sorted(values)
    quartiles = statistics.quantiles(values, n=4) if len(values) > 1 else values * 3
    return {
        "median": round(statistics.median(values), 4),
        "q1": round(quartiles[0], 4),
        "q3": round(quartiles[2], 4),
        "min": round(values[0], 4),
        "max": round(values[-1], 4),
    }


def timings(args, data):
    """Interleaved rounds; per step and group the spread of the per-round
    ratios addon/base, of wall time and of this process' CPU time (which
    the other jobs of a shared machine disturb less; PostgreSQL's share of
    the work is in the wall time only)."""
    dbs = {"base": BASE, "addon": ADDON}
    rounds = []
    for number in range(args.warmup + args.rounds):
        order = ("base", "addon") if number % 2 == 0 else ("addon", "base")
        figures = {}
        for side in order:
            result = run_once(dbs[side], data[side], args.size)
            figures[side] = {
                "wall": {step: result[step][1] for step in STEPS},
                "cpu": {step: result[step][2] for step in STEPS},
            }
        warm = number < args.warmup
        total = {side: sum(figures[side]["wall"].values()) for side in figures}
        benchlib.emit(
            f"  round {number + 1}{' (warm-up)' if warm else ''}: "
            f"base {total['base']:.2f} s, addon {total['addon']:.2f} s, "
            f"ratio {benchlib.ratio(total['addon'], total['base']):.3f} "
            f"({order[0]} first)"
        )
        if not warm:
            rounds.append({"first": order[0], **figures})
    summary = {}
    for group, steps in {**{s: (s,) for s in STEPS}, **GROUPS}.items():
        summary[group] = {}
        for clock in ("wall", "cpu"):
            base = [sum(r["base"][clock][s] for s in steps) for r in rounds]
            addon = [sum(r["addon"][clock][s] for s in steps) for r in rounds]
            summary[group][clock] = {
                "ratio": spread(
                    [benchlib.ratio(a, b) for a, b in zip(addon, base, strict=True)]
                ),
                "base_median_s": round(statistics.median(base), 4),
                "addon_median_s": round(statistics.median(addon), 4),
            }
    return rounds, summary


def show_summary(summary):
    for clock in ("wall", "cpu"):
        benchlib.emit(
            f"median ratio addon/base, {clock} time [q1, q3] (min-max), medians:"
        )
        for group, figures in summary.items():
            f = figures[clock]
            r = f["ratio"]
            benchlib.emit(
                f"  {group:<12} {r['median']:.3f} [{r['q1']:.3f}, {r['q3']:.3f}] "
                f"({r['min']:.3f}-{r['max']:.3f})  base {f['base_median_s']:.3f} s, "
                f"addon {f['addon_median_s']:.3f} s"
            )


# ----------------------------------------------------------------- counts
def counts(args, data):
    """{n: {step: {base, addon, extra}}}, after a warm-up W(1). Sizes up to
    100 are run twice: a count that differs between two identical
    transactions is reported as unstable (the smaller one is kept)."""
    dbs = {"base": BASE, "addon": ADDON}
    for side, db in dbs.items():  # the first transaction fills Odoo's caches
        run_once(db, data[side], 1)
    table, unstable = {}, []
    for n in args.counts:
        queries = {}
        for side, db in dbs.items():
            runs = [run_once(db, data[side], n) for _ in range(2 if n <= 100 else 1)]
            queries[side] = {step: min(r[step][0] for r in runs) for step in STEPS}
            unstable += [
                {"db": side, "n": n, "step": step, "counts": [r[step][0] for r in runs]}
                for step in STEPS
                if len({r[step][0] for r in runs}) > 1
            ]
        table[n] = {
            step: {
                "base": queries["base"][step],
                "addon": queries["addon"][step],
                "extra": queries["addon"][step] - queries["base"][step],
            }
            for step in STEPS
        }
        benchlib.emit(
            f"  n={n}: "
            + ", ".join(
                f"{step} {table[n][step]['base']}+{table[n][step]['extra']}"
                for step in STEPS
            )
        )
    for entry in unstable:
        benchlib.emit(f"  unstable count (kept the smaller): {entry}")
    return table, unstable


def extra_growth(table, sizes):
    """{step: (smallest n, first n whose extra exceeds that of the smallest)}
    for the steps whose extra grows with n."""
    grown = {}
    for step in STEPS:
        first = table[sizes[0]][step]["extra"]
        larger = [n for n in sizes[1:] if table[n][step]["extra"] > first]
        if larger:
            grown[step] = (sizes[0], larger[0])
    return grown


# --------------------------------------------------- growing extra queries
_FOLD = [
    (re.compile(r"'(?:[^']|'')*'"), "?"),  # string literals
    (re.compile(r"\b\d+\b"), "?"),  # numbers
    # parameter lists and rows of values, whatever their length
    (re.compile(r"%s(?:\s*,\s*%s)*"), "%s…"),
    (re.compile(r"\(\s*%s…\s*\)(?:\s*,\s*\(\s*%s…\s*\))*"), "(%s…)…"),
    (re.compile(r"\s+"), " "),
]
_COLUMNS = [
    # the addon adds columns: compare statements, not their column lists
    (re.compile(r"^SELECT .*? FROM ", re.DOTALL), "SELECT … FROM "),
    (re.compile(r'^INSERT INTO ("\w+") \([^)]*\)'), r"INSERT INTO \1 (…)"),
    (
        re.compile(r'^UPDATE ("\w+") SET .*? (FROM|WHERE) ', re.DOTALL),
        r"UPDATE \1 SET … \2 ",
    ),
    (re.compile(r'AS "__tmp"\([^)]*\)'), 'AS "__tmp"(…)'),
    (re.compile(r'SAVEPOINT "[^"]*"'), 'SAVEPOINT "?"'),  # random names
]


def normalise(query):
    for pattern, repl in _FOLD:
        query = pattern.sub(repl, query)
    query = query.strip()
    for pattern, repl in _COLUMNS:
        query = pattern.sub(repl, query)
    return query


# frames of the ORM and the driver, skipped to find who asked for a statement
_PLUMBING = re.compile(
    r"/odoo/(models|fields|api|sql_db)\.py$|/odoo/tools/|/contextlib\.py$"
    r"|/bench_overhead\.py$|/threading\.py$"
)


def origin(stack):
    """Where a statement comes from: the innermost frame of the addon, and
    the innermost frame outside the ORM, e.g. ``prospect_management/models/
    sale_order.py:84 > base/models/res_partner.py:641 _commercial_sync...``."""
    stack = [f for f in stack if not f.filename.startswith("<")]  # decorators
    addon = [f for f in stack if _ADDON in f.filename]
    # outside Odoo, the benchmark's own frame: the flush at the end of a step
    inner = [f for f in stack if not _PLUMBING.search(f.filename)]

    def name(frame):
        path = frame.filename
        if _ADDON in path:  # the addon, wherever its addons path is
            path = "prospect_management/" + path.split(_ADDON, 1)[1]
        elif "/odoo/" in path:
            path = path.split("/odoo/", 1)[-1]
        else:
            path = path.rsplit("/", 1)[-1]
        return f"{path}:{frame.lineno} {frame.name}"

    parts = [name(addon[-1])] if addon else []
    if inner and (not addon or inner[-1] is not addon[-1]):
        parts.append(name(inner[-1]))
    return " > ".join(parts) or "?"


_ADDON = "/prospect_management/"


@contextlib.contextmanager
def recording(origins=None):
    """Record the SQL of this thread (Odoo's query hooks, as its profiler):
    the list of normalised statements; with a dict ``origins``, also
    {statement: Counter(origin)} (slower: a stack per statement)."""
    statements = []
    thread = threading.current_thread()
    hooks = list(getattr(thread, "query_hooks", ()))

    def hook(cr, query, params, start, delay):
        code = query.decode() if isinstance(query, bytes) else str(query)
        statement = normalise(code)
        statements.append(statement)
        if origins is not None:
            where = origin(traceback.extract_stack()[:-1])
            origins.setdefault(statement, collections.Counter())[where] += 1

    thread.query_hooks = [*hooks, hook]
    try:
        yield statements
    finally:
        thread.query_hooks = hooks


class StepRecorder:
    """Callable like benchlib.measure; records the SQL of one step, found by
    its position in the workload (the steps always run in STEPS order)."""

    def __init__(self, step, store):
        self.index = STEPS.index(step)
        self.step = step
        self.store = store
        self.calls = 0

    def __call__(self, env, func):
        position, self.calls = self.calls, self.calls + 1
        if position != self.index:
            return benchlib.measure(env, func)
        benchlib.settle(env)
        origins = {}
        with recording(origins) as statements:
            result = benchlib.measure(env, func)
        self.store[self.step] = (collections.Counter(statements), origins)
        return result


def grown_statements(subject, reference, sizes, labels=("addon", "base")):
    """Statements whose count grows more in ``subject`` than in ``reference``
    between the two ``sizes``; each of them is {size: (Counter of
    statements, {statement: Counter(origin)})}. Listed with their counts and
    where the subject's come from."""
    small, large = sizes
    growth = subject[large][0] - subject[small][0]
    growth_ref = reference[large][0] - reference[small][0]
    lines = []
    for statement in set(growth) | set(growth_ref):
        if growth[statement] - growth_ref[statement] <= 0:
            continue
        origins = subject[large][1].get(statement, collections.Counter())
        lines.append(
            {
                "extra_growth": growth[statement] - growth_ref[statement],
                "sql": statement[:400],
                **{
                    f"{label}_n{n}": side[n][0][statement]
                    for label, side in zip(labels, (subject, reference), strict=True)
                    for n in sizes
                },
                "from": dict(origins.most_common(3)),
            }
        )
    return sorted(lines, key=lambda line: -line["extra_growth"])


def growing_queries(table, args, data):
    """For each step whose extra grows (every step with --diff): the
    statements whose count grows more with the addon than without, between
    the smallest size and the first size where the extra is larger (with
    --diff and no growth, the two smallest sizes)."""
    if len(args.counts) < 2:
        return {}
    grown = extra_growth(table, args.counts)
    if args.diff:
        grown = {step: grown.get(step, tuple(args.counts[:2])) for step in STEPS}
    dbs = {"base": BASE, "addon": ADDON}
    report = {}
    for step, sizes in grown.items():
        sql = {side: {} for side in dbs}
        for side, db in dbs.items():
            for n in sizes:
                store = {step: None}
                run_once(db, data[side], n, measure=StepRecorder(step, store))
                sql[side][n] = store[step]
        report[step] = {
            "sizes": sizes,
            "statements": grown_statements(sql["addon"], sql["base"], sizes),
        }
    return report


# ------------------------------------------------------------------- main
def main():
    args = parse_args()
    benchlib.setup()
    data = {}
    result = {}
    try:
        for side, db, with_addon in (("base", BASE, False), ("addon", ADDON, True)):
            if args.reuse and devenv.database_exists(db):
                data[side] = existing(db)
                devenv.say(f"reusing {db} ({len(data[side]['customers'])} customers)")
                continue
            template = benchlib.template(with_addon)
            devenv.say(f"preparing {db} from {template} ({args.customers} customers)")
            data[side] = prepare(db, template, args.customers)
        result.update(
            customers=len(data["base"]["customers"]), chart=data["base"]["chart"]
        )
        if args.rounds:
            result.update(time_part(args, data))
        if args.counts:
            result.update(count_part(args, data))
        result["machine"] = benchlib.machine()
        benchlib.save("overhead", result)
    finally:
        _release()
        if not args.keep:
            for db in (BASE, ADDON):
                benchlib.drop(db)


def time_part(args, data):
    benchlib.emit(
        f"timing W({args.size}): {args.warmup} warm-up + {args.rounds} rounds"
    )
    rounds, summary = timings(args, data)
    show_summary(summary)
    return {
        "size": args.size,
        "rounds": args.rounds,
        "warmup": args.warmup,
        "ratio_target": 1.03,
        "total_median_ratio": summary["total"]["wall"]["ratio"]["median"],
        "total_median_ratio_cpu": summary["total"]["cpu"]["ratio"]["median"],
        "summary": summary,
        "rounds_seconds": rounds,
    }


def count_part(args, data):
    benchlib.emit("queries per step, base+extra:")
    table, unstable = counts(args, data)
    grows = extra_growth(table, args.counts)
    extras = {step: [table[n][step]["extra"] for n in args.counts] for step in STEPS}
    benchlib.emit(
        f"extra queries for n = {', '.join(map(str, args.counts))}: "
        + "; ".join(
            f"{step} {'/'.join(map(str, extras[step]))}"
            f"{' GROWS' if step in grows else ''}"
            for step in STEPS
        )
    )
    growing = growing_queries(table, args, data)
    for step, found in growing.items():
        small, large = found["sizes"]
        benchlib.emit(
            f"statements growing from n={small} to n={large} in {step} "
            "(addon beyond base):"
        )
        for line in found["statements"]:
            benchlib.emit(f"  {line}")
    return {
        "queries": table,
        "unstable_counts": unstable,
        "extra_by_n": extras,
        "extra_grows": sorted(grows),
        "growing_queries": growing,
    }


def _release():
    """Close this process' connections to the working databases."""
    import odoo

    for db in (BASE, ADDON):
        odoo.modules.registry.Registry.delete(db)
        odoo.sql_db.close_db(db)


if __name__ == "__main__":
    main()
