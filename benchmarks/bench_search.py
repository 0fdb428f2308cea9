#!/usr/bin/env python3
# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Prospects list and the prospect pipeline (kanban) as the customers grow.

    python3 benchmarks/bench_search.py                   # N = 10k, 100k, 1M
    python3 benchmarks/bench_search.py --sizes 10000,100000 --repeat 9
    python3 benchmarks/bench_search.py --quick           # smoke run, ~1 minute

Issue: the "Prospects" filter and the prospect kanban on up to 1,000,000
partners: the query plan uses an index, and the time stays flat as the
number of customers grows from 10,000 to 1,000,000.

One database (``--db``, a fresh copy of ``pmb_addon``) is grown by
``generate.py`` to each of ``--sizes`` customers (plus a site for one in ten,
and the generator's default contacts, quotes, messages and activities) with a
FIXED pipeline: ``--pipeline PROSPECTS,LEADS`` (default 2,000 prospects and
500 leads) whatever the number of customers; the pipeline does not grow with
the customer base.  At each size, as the admin (a Prospect Manager), with the
action's context and the ORM cache invalidated before each repetition
(median of ``--repeat`` after a warm-up), what the web client calls:

a. Prospects list (``prospect_management.action_prospects``): the action's
   domain AND its default filters (filter_leads, filter_prospects: one group
   of the search view, so OR-ed, as the web client's search model does),
   ``web_search_read`` with the field specification of the list view
   ``view_partner_list_prospects``, limit 80 and the web client's count limit
   (10,000 + 1: the count the list shows comes from ``search_count`` inside);
b. Pipeline (``prospect_management.action_prospect_pipeline``):
   ``web_read_group`` grouped by prospect_stage_id (lazy, every column), then
   ``web_search_read`` of each unfolded column (kanban limit 40, fields of
   ``view_partner_kanban_prospect_pipeline``), and ``read_progress_bar`` of
   the columns' activity bar (timed apart too: it is core code).

The SQL the ORM runs is captured; at the largest size the main queries get
an ``EXPLAIN (ANALYZE, BUFFERS)`` (printed and saved), and the indexes of
res_partner each plan uses are listed at every size.  Times are reported as a
ratio to the smallest size, measured in the same run.  Figures go to
``bench/search.json`` with the machine and its load.
"""

import argparse
import contextlib
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

LIST_ACTION = "prospect_management.action_prospects"
LIST_VIEW = "prospect_management.view_partner_list_prospects"
KANBAN_ACTION = "prospect_management.action_prospect_pipeline"
KANBAN_VIEW = "prospect_management.view_partner_kanban_prospect_pipeline"
# web/static/src/model/relational_model/relational_model.js
LIST_LIMIT = 80  # DEFAULT_LIMIT
COUNT_LIMIT = 10_000  # DEFAULT_COUNT_LIMIT, sent as count_limit + 1
KANBAN_LIMIT = 40  # kanban_controller.js: archInfo.limit || limit || 40
GROUPS_LIMIT = 2**53 - 1  # kanban: groupsLimit = Number.MAX_SAFE_INTEGER
MAX_OPEN_GROUPS = 10  # MAX_NUMBER_OPENED_GROUPS
# fieldDependencies of mail's list_activity and kanban_activity widgets
ACTIVITY_FIELDS = {
    "activity_exception_decoration": {},
    "activity_exception_icon": {},
    "activity_state": {},
    "activity_summary": {},
    "activity_type_icon": {},
    "activity_type_id": {"fields": {"display_name": {}}},
}
# a ratio above this between the largest and the smallest size is reported
FLAT_RATIO = 2.0
# tables that stay small whatever the number of customers
SMALL = {"res_company", "prospect_stage", "res_users", "res_groups"}
# x2many widgets whose related records are read (their relatedFields)
TAGS = ("many2many_tags", "many2many_avatar_user")
STATUS_INDEXES = re.compile(r"res_partner__(customer_status|prospect_stage_id)_index")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="pmb_search_grow")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--pipeline", default="2000,500", help="PROSPECTS,LEADS")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 2,000 to 20,000 customers, pipeline 200 + 50",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.pipeline = "2000,5000,20000", "200,50"
        if args.db == "pmb_search_grow":
            args.db = "pmb_search_quick"
    args.sizes = sorted(int(s) for s in args.sizes.split(","))
    args.pipeline = generate.parse_pipeline(args.pipeline)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


# ------------------------------------------------------ the web client
def web_context(env, action):
    """What the web client sends: the user's context, the action's context
    (without the search defaults, which the search model consumes)."""
    from odoo.tools.safe_eval import safe_eval

    user = env.user
    context = {
        "lang": user.lang or "en_US",
        "tz": user.tz or "UTC",
        "uid": user.id,
        "allowed_company_ids": [user.company_id.id],
    }
    action_context = safe_eval(action.context or "{}", dict(context))
    context.update(
        {k: v for k, v in action_context.items() if not k.startswith("search_default_")}
    )
    return context, action_context


def default_filters_domain(search_arch, names, eval_context):
    """Domain of the default filters ``names`` of a search view, combined as
    the web client's search model does (search_arch_parser.js): filters of
    one group (between separators, fields, groups or group-bys) are OR-ed,
    groups are AND-ed.  Returns the domain and the groups found."""
    from lxml import etree

    from odoo.osv import expression
    from odoo.tools.safe_eval import safe_eval

    groups, current, tag = [], [], [None]

    def push(new_tag=None):
        if current:
            groups.append((tag[0], list(current)))
        current.clear()
        tag[0] = new_tag

    def visit(node):
        for child in node:
            if child.tag == "separator":
                push()
            elif child.tag == "group":
                push()
                visit(child)
                push()
            elif child.tag == "field":
                push("field")
            elif child.tag == "filter":
                kind = "groupby" if "group_by" in (child.get("context") or "") else ""
                kind = kind or "filter"
                if kind != tag[0]:
                    push(kind)
                current.append(child)

    visit(etree.fromstring(search_arch))
    push()
    domains, chosen = [], []
    for kind, filters in groups:
        active = [f for f in filters if kind == "filter" and f.get("name") in names]
        if active:
            chosen.append([f.get("name") for f in active])
            domains.append(
                expression.OR(
                    [safe_eval(f.get("domain") or "[]", eval_context) for f in active]
                )
            )
    return expression.AND(domains) if domains else [], chosen


def field_spec(arch, fields, nested=False):
    """The field specification the web client sends for a list or kanban arch
    (getFieldsSpec in relational_model/utils.js, for the widgets used here)."""
    from lxml import etree

    root = etree.fromstring(arch)
    spec = {}
    for node in root.iter("field"):
        name = node.get("name")
        if name not in fields:
            continue
        ftype = fields[name]["type"]
        widget = node.get("widget") or ""
        invisible = node.get("invisible") in ("True", "1")
        entry = spec.setdefault(name, {})
        if ftype in ("many2one", "reference"):
            entry.setdefault("fields", {})
            if not invisible:
                entry["fields"]["display_name"] = {}
                entry.setdefault("context", {})
        elif ftype in ("one2many", "many2many") and not invisible and widget in TAGS:
            related = {"display_name": {}}
            color = re.search(r"'color_field':\s*'(\w+)'", node.get("options") or "")
            if color:
                related[color[1]] = {}
            entry.update({"fields": related, "context": {}})
        if widget in ("list_activity", "kanban_activity"):
            for dep, dep_spec in ACTIVITY_FIELDS.items():
                spec.setdefault(dep, json.loads(json.dumps(dep_spec)))
    return spec


class Pages:
    """The two screens, prepared once (actions, views, domains, specs)."""

    def __init__(self, env):
        Partner = env["res.partner"]
        company = env.user.company_id.id
        # list
        action = env.ref(LIST_ACTION)
        self.list_context, action_context = web_context(env, action)
        self.list_context.update(bin_size=True, current_company_id=company)
        view = env.ref(LIST_VIEW)
        views = Partner.with_context(**self.list_context).get_views(
            [[view.id, "list"], [action.search_view_id.id or False, "search"]],
            {"action_id": action.id, "load_filters": True},
        )
        fields = views["models"]["res.partner"]["fields"]
        self.list_spec = field_spec(views["views"]["list"]["arch"], fields)
        defaults = [
            k[len("search_default_") :]
            for k, v in action_context.items()
            if k.startswith("search_default_") and v
        ]
        from odoo.osv import expression
        from odoo.tools.safe_eval import safe_eval

        eval_context = {"uid": env.uid, "context": self.list_context}
        filters, self.list_filter_groups = default_filters_domain(
            views["views"]["search"]["arch"], defaults, eval_context
        )
        self.list_domain = expression.AND(
            [safe_eval(action.domain or "[]", eval_context), filters]
        )
        # kanban
        action = env.ref(KANBAN_ACTION)
        self.kanban_context, action_context = web_context(env, action)
        self.kanban_context.update(bin_size=True, current_company_id=company)
        view = env.ref(KANBAN_VIEW)
        views = Partner.with_context(**self.kanban_context).get_views(
            [[view.id, "kanban"], [action.search_view_id.id or False, "search"]],
            {"action_id": action.id, "load_filters": True},
        )
        arch = views["views"]["kanban"]["arch"]
        fields = views["models"]["res.partner"]["fields"]
        self.kanban_spec = field_spec(arch, fields)
        self.kanban_group_by = re.search(r'default_group_by="(\w+)"', arch)[1]
        bar = re.search(r"<progressbar ([^>]*)/>", arch)[1]
        self.progress_bar = {
            "field": re.search(r'field="(\w+)"', bar)[1],
            "colors": json.loads(
                re.search(r'colors="([^"]*)"', bar)[1].replace("&quot;", '"')
            ),
            "help": "",
        }
        defaults = [k for k, v in action_context.items() if k.startswith("search_")]
        if defaults:
            raise ValueError(f"{KANBAN_ACTION} has default filters now: {defaults}")
        self.kanban_domain = safe_eval(action.domain or "[]", eval_context)

    def prospects_list(self, env):
        Partner = env["res.partner"].with_context(**self.list_context)
        return Partner.web_search_read(
            self.list_domain,
            self.list_spec,
            offset=0,
            limit=LIST_LIMIT,
            order="",
            count_limit=COUNT_LIMIT + 1,
        )

    def prospects_count(self, env):
        Partner = env["res.partner"].with_context(**self.list_context)
        return Partner.search_count(self.list_domain, limit=COUNT_LIMIT + 1)

    def pipeline(self, env, progress=True):
        Partner = env["res.partner"].with_context(**self.kanban_context)
        result = Partner.web_read_group(
            self.kanban_domain,
            [],
            [self.kanban_group_by],
            limit=GROUPS_LIMIT,
            offset=0,
            orderby="",
            lazy=True,
        )
        columns, opened = [], 0
        for group in result["groups"]:
            count = group[f"{self.kanban_group_by}_count"]
            folded = group.get("__fold", False)
            if not folded:
                opened += 1
            if folded or opened > MAX_OPEN_GROUPS or not count:
                columns.append((group[self.kanban_group_by], count, None))
                continue
            value = group[self.kanban_group_by]
            records = Partner.with_context(
                **{f"default_{self.kanban_group_by}": value and value[0]}
            ).web_search_read(
                group["__domain"],
                self.kanban_spec,
                offset=0,
                limit=KANBAN_LIMIT,
                order="",
                count_limit=COUNT_LIMIT + 1,
            )
            columns.append((value, count, len(records["records"])))
        if progress:
            self.progress(env)
        return columns

    def progress(self, env):
        Partner = env["res.partner"].with_context(**self.kanban_context)
        return Partner.read_progress_bar(
            self.kanban_domain, self.kanban_group_by, self.progress_bar
        )


# ------------------------------------------------------------ measuring
@contextlib.contextmanager
def captured(cr):
    """Record the SQL ``cr`` runs (text and parameters)."""
    queries = []
    execute = cr.execute

    def recording(query, params=None, log_exceptions=True):
        code = getattr(query, "code", query)
        queries.append((code, getattr(query, "params", params)))
        return execute(query, params, log_exceptions)

    cr.execute = recording
    try:
        yield queries
    finally:
        del cr.execute


def timed(env, func, repeat):
    """Median seconds of ``func(env)`` over ``repeat`` runs after a warm-up,
    the ORM cache invalidated before each."""
    env.invalidate_all()
    func(env)
    times, cpu = [], []
    for _run in range(repeat):
        env.invalidate_all()
        started, cpu_started = time.perf_counter(), time.process_time()
        func(env)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return benchlib.median(times), times, benchlib.median(cpu)


def main_queries(queries):
    """The queries worth explaining, by role."""
    found = {}
    for code, params in queries:
        text = " ".join(code.split())
        if not text.startswith("SELECT") or '"res_partner"' not in text:
            continue
        counting = text.upper().startswith("SELECT COUNT(*)")
        where = text.split(" WHERE ", 1)[-1]
        column = '"res_partner"."prospect_stage_id" = %s' in where
        if "mail_activity" in text and "GROUP BY" in text:
            role = "kanban_progress_bar"
        elif "GROUP BY" in text and "prospect_stage_id" in text:
            role = "kanban_read_group"
        elif "customer_status" in where and "LIMIT" in text:
            role = "list_count" if counting else "list_search"
        elif column and "LIMIT" in text:
            role = "kanban_column_count" if counting else "kanban_column_search"
        else:
            continue
        found.setdefault(role, (code, params))
    return found


def explain(cr, query, analyze=True):
    code, params = query
    options = "(ANALYZE, BUFFERS)" if analyze else "(COSTS OFF)"
    # the query is the ORM's own, with its parameters
    cr.execute(f"EXPLAIN {options} {code}", params)  # pylint: disable=sql-injection
    return "\n".join(row[0] for row in cr.fetchall())


def indexes_in(plan):
    """Indexes a plan scans ("Index Scan using X", "Bitmap Index Scan on X")."""
    return sorted(set(re.findall(r"(?:using|Index Scan on) (\w+)", plan)))


def measure(db, pages_holder, repeat, full_plans):
    """Time both screens on ``db`` as the admin; plans of their queries."""
    from odoo import api

    with benchlib.environment(db) as env:
        admin = env.ref("base.user_admin")
        env = api.Environment(env.cr, admin.id, {})
        if "pages" not in pages_holder:
            pages_holder["pages"] = Pages(env)
        pages = pages_holder["pages"]
        result = {}
        listed = pages.prospects_list(env)
        result["list_count"] = listed["length"]
        result["list_rows"] = len(listed["records"])
        columns = pages.pipeline(env)
        result["kanban_columns"] = [
            {"stage": value and value[1], "count": count, "loaded": loaded}
            for value, count, loaded in columns
        ]
        for name, func in (
            ("list", pages.prospects_list),
            ("list_count", pages.prospects_count),
            ("kanban", pages.pipeline),
            ("kanban_progress_bar", pages.progress),
        ):
            median, times, cpu = timed(env, func, repeat)
            result[f"{name}_seconds"] = median
            result[f"{name}_runs"] = [round(t, 5) for t in times]
            # this process only (Python): moves less than wall time when
            # other jobs share the machine
            result[f"{name}_cpu_seconds"] = cpu
        env.invalidate_all()
        with captured(env.cr) as queries:
            pages.prospects_list(env)
            pages.pipeline(env)
        env.invalidate_all()
        result["queries_list_and_kanban"] = len(queries)
        plans = {}
        for role, query in main_queries(queries).items():
            plan = explain(env.cr, query, analyze=True)
            spent = re.search(r"Execution Time: ([\d.]+) ms", plan)
            plans[role] = {
                "sql": " ".join(query[0].split()),
                "indexes": indexes_in(plan),
                "execution_ms": float(spent[1]) if spent else None,
            }
            if full_plans:
                plans[role]["plan"] = plan
        result["plans"] = plans
    return result


# ---------------------------------------------------------------- main
def grow(db, size, pipeline):
    cmd = [
        sys.executable,
        str(benchlib.BENCH_DIR / "generate.py"),
        "--db",
        db,
        "--partners",
        str(size),
        "--sites",
        str(size // 10),
        "--pipeline",
        f"{pipeline[0]},{pipeline[1]}",
    ]
    started = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    lines = [line for line in res.stdout.splitlines() if line.startswith("{")]
    if res.returncode or not lines:
        sys.stderr.write(res.stdout[-3000:] + res.stderr[-3000:])
        devenv.die(f"growing {db} to {size} customers failed", code=1)
    result = json.loads(lines[-1])
    result["wall_seconds"] = round(time.perf_counter() - started, 1)
    return result


def population(db):
    out = benchlib.psql(
        db,
        "SELECT count(*), "
        "count(*) FILTER (WHERE is_company AND ref LIKE 'PMB-C%'), "
        "count(*) FILTER (WHERE parent_id IS NULL "
        "AND customer_status IN ('lead', 'prospect')), "
        "count(*) FILTER (WHERE customer_status IN ('lead', 'prospect')), "
        "count(*) FILTER (WHERE prospect_stage_id IS NOT NULL) FROM res_partner",
    )
    rows, customers, pipeline, with_status, staged = (int(v) for v in out.split("|"))
    return {
        "res_partner_rows": rows,
        "customers": customers,
        "pipeline_companies": pipeline,
        "lead_or_prospect_rows": with_status,
        "with_stage": staged,
    }


def report_size(size, figures, base):
    def ratio(key):
        return benchlib.ratio(figures[key], base[key])

    benchlib.emit(
        f"N={size:>9,}: list {figures['list_seconds'] * 1000:7.1f} ms "
        f"(x{ratio('list_seconds'):.2f}), count {figures['list_count']} "
        f"{figures['list_count_seconds'] * 1000:6.1f} ms "
        f"(x{ratio('list_count_seconds'):.2f}); kanban "
        f"{figures['kanban_seconds'] * 1000:7.1f} ms (x{ratio('kanban_seconds'):.2f})"
        f", of which progress bar {figures['kanban_progress_bar_seconds'] * 1000:.1f}"
        f" ms (x{ratio('kanban_progress_bar_seconds'):.2f})"
    )
    benchlib.emit(
        f"    CPU of this process: list {figures['list_cpu_seconds'] * 1000:.1f} ms "
        f"(x{ratio('list_cpu_seconds'):.2f}), kanban "
        f"{figures['kanban_cpu_seconds'] * 1000:.1f} ms "
        f"(x{ratio('kanban_cpu_seconds'):.2f})"
    )
    for role, plan in figures["plans"].items():
        before = base["plans"].get(role, {}).get("execution_ms")
        benchlib.emit(
            f"    {role}: SQL {plan['execution_ms']} ms"
            + (f" (x{plan['execution_ms'] / before:.2f})" if before else "")
            + f", indexes {', '.join(plan['indexes']) or 'NONE'}"
        )


def main(argv=None):
    args = parse_args(argv)
    benchlib.setup()
    benchlib.template(with_addon=True)
    devenv.say(f"copying {benchlib.ADDON_DB} into {args.db}")
    benchlib.clone(benchlib.ADDON_DB, args.db)
    benchlib.emit(
        f"pipeline fixed at {args.pipeline[0]} prospects + {args.pipeline[1]} "
        "leads: it does not grow with the customer base"
    )
    pages, sizes = {}, []
    try:
        for size in args.sizes:
            generated = grow(args.db, size, args.pipeline)
            devenv.say(f"grown to {size} customers in {generated['wall_seconds']}s")
            figures = measure(
                args.db, pages, args.repeat, full_plans=size == args.sizes[-1]
            )
            figures.update(size=size, population=population(args.db))
            figures["generated"] = generated
            sizes.append(figures)
            report_size(size, figures, sizes[0])
    finally:
        if not args.keep:
            benchlib.drop(args.db)
    largest = sizes[-1]
    page = pages["pages"]
    benchlib.emit(f"list domain: {page.list_domain}")
    benchlib.emit(
        f"default filters combined (OR within a group): {page.list_filter_groups}"
    )
    benchlib.emit(f"kanban domain: {page.kanban_domain}")
    benchlib.emit(f"plans at N={largest['size']:,} (EXPLAIN ANALYZE, BUFFERS):")
    for role, plan in largest["plans"].items():
        benchlib.emit(f"--- {role}: {plan['sql'][:300]}")
        benchlib.emit(plan["plan"])
    uses_index = {
        role: bool(STATUS_INDEXES.search(plan["plan"]))
        for role, plan in largest["plans"].items()
    }
    ratios = {
        key: round(benchlib.ratio(largest[key], sizes[0][key]), 2)
        for key in (
            "list_seconds",
            "list_cpu_seconds",
            "list_count_seconds",
            "kanban_seconds",
            "kanban_cpu_seconds",
            "kanban_progress_bar_seconds",
        )
    }
    for role, plan in largest["plans"].items():
        first = sizes[0]["plans"].get(role, {}).get("execution_ms")
        if first and plan["execution_ms"]:
            ratios[f"sql_{role}"] = round(plan["execution_ms"] / first, 2)
    benchlib.emit(
        f"status/stage index of res_partner in the plans: {uses_index}; "
        f"time at N={largest['size']:,} / N={sizes[0]['size']:,}: {ratios}"
    )
    for role, plan in largest["plans"].items():
        ratio = ratios.get(f"sql_{role}")
        if ratio and ratio > FLAT_RATIO:
            scans = sorted(set(re.findall(r"Seq Scan on (\w+)", plan["plan"])) - SMALL)
            benchlib.emit(
                f"NOT FLAT: {role} SQL x{ratio} from N={sizes[0]['size']:,}; "
                f"whole tables read: {', '.join(scans) or 'none'} (see its plan)"
            )
    result = {
        "pipeline": {"prospects": args.pipeline[0], "leads": args.pipeline[1]},
        "repeat": args.repeat,
        "list": {
            "action": LIST_ACTION,
            "view": LIST_VIEW,
            "domain": page.list_domain,
            "default_filter_groups": page.list_filter_groups,
            "specification": page.list_spec,
            "context": page.list_context,
        },
        "kanban": {
            "action": KANBAN_ACTION,
            "view": KANBAN_VIEW,
            "domain": page.kanban_domain,
            "group_by": page.kanban_group_by,
            "specification": page.kanban_spec,
            "progress_bar": page.progress_bar,
        },
        "sizes": sizes,
        "status_index_in_plans": uses_index,
        "ratio_largest_to_smallest": ratios,
        "machine": benchlib.machine(),
    }
    benchlib.save("search", result)
    return result


if __name__ == "__main__":
    main()
