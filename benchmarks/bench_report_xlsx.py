#!/usr/bin/env python3
# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Time and memory of the prospect lists: XLSX for 100,000 prospects, PDF for 1,000.

    benchmarks/bench_report_xlsx.py                      # 100,000 prospects
    benchmarks/bench_report_xlsx.py --prospects 20000 --pdf 200
    benchmarks/bench_report_xlsx.py --measure xlsx --profile /tmp/xlsx.prof

The scratch database ``--db`` (default ``pmb_reports``) is copied from the
template ``pmb_addon`` (benchlib) the first time, or from ``--template``.
The prospects are then added in set-based SQL, cloned from one prospect
created through the ORM (so every column has a legal value): each with a
salesperson, a stage and a chatter message, one in ten with an open quote.
They stay in ``--db``: the next run reuses them.

Each measurement runs in a fresh process, after a warm-up render of 10
records: wall time of ``ir.actions.report._render_xlsx`` (what the download
controller calls) for the whole selection, given as a domain like the print
wizard does; peak RSS over the idle process (sampled every 20 ms, and
``ru_maxrss``); and, in a separate run because it slows Python down, the peak
of Python allocations seen by ``tracemalloc``.  The CPU time of the Odoo
process is reported too: on a shared machine it moves less than wall time.

The baseline, measured in the same run and the same way: Odoo's own list
export of the same records and columns to XLSX (``export_data``, then one
xlsxwriter cell per value, as the web client's *Export* does).
Targets (issue 7): 100,000 prospects in < 15 s and < 300 MB over the idle
process.

Nothing is committed by the measurements.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
import benchlib

devenv = benchlib.devenv

BENCH_REF = "BENCH-%"
XLSX_REPORT = "prospect_management.action_report_prospect_customers_xlsx"
PDF_REPORT = "prospect_management.action_report_prospect_customers"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="pmb_reports", help="scratch database")
    parser.add_argument(
        "--template",
        help="database with the module installed, copied into --db "
        "(default: the benchmarks' template pmb_addon)",
    )
    parser.add_argument("--prospects", type=int, default=100_000)
    parser.add_argument("--pdf", type=int, default=1000, help="prospects in the PDF")
    parser.add_argument(
        "--measure", choices=["xlsx", "xlsx-tracemalloc", "pdf", "export"]
    )
    parser.add_argument("--profile", help="write a cProfile of the XLSX run here")
    return parser.parse_args()


# ------------------------------------------------------------------ odoo
def rss_kb():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


class RssSampler(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.peak = rss_kb()
        self.running = True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_kb())
            time.sleep(0.02)

    def stop(self):
        self.running = False
        self.join()
        self.peak = max(self.peak, rss_kb())


# ----------------------------------------------------------------- setup
def ensure_database(args):
    if devenv.database_exists(args.db):
        return
    template = args.template or benchlib.template(with_addon=True)
    devenv.say(f"copying {template} into {args.db}")
    benchlib.clone(template, args.db)


def populate(db, count):
    """Add prospects BENCH-000001... up to ``count``, in set-based SQL."""
    from odoo import SUPERUSER_ID, api

    registry = benchlib.registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        cr.execute("SELECT count(*) FROM res_partner WHERE ref LIKE %s", [BENCH_REF])
        existing = cr.fetchone()[0]
        if existing >= count:
            devenv.say(f"{existing} benchmark prospects already in {db}")
            return
        salespeople = env["res.users"].search([("share", "=", False)], limit=5)
        stages = env["prospect.stage"].search([("stage_type", "=", "open")])
        source = env["utm.source"].search([], limit=1)
        model = env["res.partner"].create(
            {
                "name": "Bench model",
                "is_company": True,
                "customer_status": "prospect",
                "customer_rank": 1,
                "prospect_source_id": source.id,
            }
        )
        product = env["product.product"].search(
            [("sale_ok", "=", True)], limit=1
        ) or env["product.product"].create(
            {"name": "Boiler service", "type": "service", "list_price": 100}
        )
        quote = env["sale.order"].create(
            {
                "partner_id": model.id,
                "order_line": [(0, 0, {"product_id": product.id, "price_unit": 100})],
            }
        )
        # benchmark data, never shown to a user: no translation
        # pylint: disable-next=translation-required
        message = model.message_post(body="Bench call", message_type="comment")
        env.flush_all()
        started = time.monotonic()
        new = count - existing
        ids = clone(
            cr,
            "res_partner",
            model.id,
            f"SELECT g FROM generate_series({existing + 1}, {count}) g",
            {
                "name": "'Bench Prospect ' || lpad(src.g::text, 6, '0')",
                "complete_name": "'Bench Prospect ' || lpad(src.g::text, 6, '0')",
                "ref": "'BENCH-' || lpad(src.g::text, 6, '0')",
                "email": "'p' || src.g || '@bench.example'",
                "phone": "'+32 9 ' || lpad(src.g::text, 6, '0')",
                "street": "'Rue du Banc ' || src.g",
                "zip": "'9000'",
                "city": "'Ghent'",
                "user_id": f"(ARRAY{salespeople.ids})[1 + src.g % {len(salespeople)}]",
                "prospect_stage_id": f"(ARRAY{stages.ids})[1 + src.g % {len(stages)}]",
                "prospect_since": "DATE '2026-01-01' + (src.g % 300)",
                "commercial_partner_id": "NULL",
            },
        )
        cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)",
            [ids],
        )
        clone(
            cr,
            "mail_message",
            message.id,
            f"SELECT unnest(ARRAY{ids}::int[]) AS pid",
            {"res_id": "src.pid", "record_name": "NULL"},
        )
        clone(
            cr,
            "sale_order",
            quote.id,
            "SELECT pid, row_number() OVER () AS n "
            f"FROM unnest(ARRAY{ids[::10]}::int[]) pid",
            {
                "name": "'BENCH-Q' || src.n",
                "partner_id": "src.pid",
                "partner_invoice_id": "src.pid",
                "partner_shipping_id": "src.pid",
                "amount_untaxed": "100 + src.n % 900",
                "amount_total": "100 + src.n % 900",
                "fsm_location_id": "NULL",
            },
        )
        cr.execute("ANALYZE res_partner; ANALYZE mail_message; ANALYZE sale_order")
        devenv.say(
            f"added {new} prospects, {new} messages and {len(ids[::10])} quotes "
            f"in {time.monotonic() - started:.1f}s"
        )
        # the data must outlive this process: the measurements run in others
        cr.commit()  # pylint: disable=invalid-commit


def clone(cr, table, template_id, source, overrides):
    """Insert one copy of row ``template_id`` per row of ``source``."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = %s AND column_name != 'id' "
        "AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [table],
    )
    columns = [row[0] for row in cr.fetchall()]
    # the expressions use SQL's modulo: escape it from the query parameters
    select = [overrides.get(col, f't."{col}"').replace("%", "%%") for col in columns]
    source = source.replace("%", "%%")
    cr.execute(
        f"""
        INSERT INTO "{table}" ({", ".join(f'"{c}"' for c in columns)})
        SELECT {", ".join(select)} FROM "{table}" t, ({source}) src
        WHERE t.id = %s
        RETURNING id
        """,
        [template_id],
    )
    return sorted(row[0] for row in cr.fetchall())


# --------------------------------------------------------------- measure
def measure(db, what, count, profile=None):
    from odoo import api

    registry = benchlib.registry(db)
    with registry.cursor() as cr:
        admin = api.Environment(cr, 1, {})["res.users"].search(
            [("login", "=", "admin")]
        )
        env = api.Environment(cr, admin.id, {"lang": "en_US", "tz": "UTC"})
        Report = env["ir.actions.report"]
        domain = [("ref", "=like", BENCH_REF)]
        records = env["res.partner"].search(domain, order="id", limit=count)
        data = {"domain": [("id", "in", records.ids)] if what == "pdf" else domain}
        # warm-up: templates, imports and caches that any first render loads
        Report._render_xlsx(XLSX_REPORT, records[:10].ids, {})
        env.invalidate_all()
        idle_rss = rss_kb()
        idle_maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if what == "xlsx-tracemalloc":
            tracemalloc.start()
        sampler = RssSampler()
        sampler.start()
        profiler = None
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        started = time.monotonic()
        if what == "pdf":
            content, fmt = Report._render_qweb_pdf(PDF_REPORT, None, data=data)
        elif what == "export":
            content, fmt = odoo_export(env, domain)
        else:
            content, fmt = Report._render_xlsx(XLSX_REPORT, None, data)
        wall = time.monotonic() - started
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile)
        sampler.stop()
        result = {
            "what": what,
            "records": len(records),
            "format": fmt,
            "bytes": len(content),
            "wall_s": round(wall, 2),
            # this process only (not PostgreSQL, not wkhtmltopdf): less
            # sensitive than wall time to the other jobs of a shared machine
            "python_cpu_s": round(cpu, 2),
            "load_average": os.getloadavg()[0],
            "rss_idle_mb": round(idle_rss / 1024, 1),
            "rss_peak_over_idle_mb": round((sampler.peak - idle_rss) / 1024, 1),
            "maxrss_over_idle_mb": round(
                (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - idle_maxrss)
                / 1024,
                1,
            ),
        }
        if what == "xlsx-tracemalloc":
            result["tracemalloc_peak_mb"] = round(
                tracemalloc.get_traced_memory()[1] / 1024 / 1024, 1
            )
            tracemalloc.stop()
        cr.rollback()
    # the parent process reads this JSON line on stdout
    print(json.dumps(result), flush=True)  # pylint: disable=print-used


# the columns of the prospect list, as a user would pick them in Export
EXPORT_COLUMNS = [
    "ref",
    "name",
    "customer_status",
    "prospect_stage_id",
    "user_id",
    "phone",
    "email",
    "street",
    "city",
    "prospect_source_id",
    "prospect_since",
    "sale_order_count",
]


def odoo_export(env, domain):
    """The baseline: Odoo's list export of the same records to XLSX, as the
    web client's Export does (export_data, then one xlsxwriter cell per
    value in an in-memory workbook)."""
    import io

    import xlsxwriter

    records = env["res.partner"].search(domain, order="complete_name, id")
    rows = records.export_data(EXPORT_COLUMNS)["datas"]
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = book.add_worksheet()
    for column, header in enumerate(EXPORT_COLUMNS):
        sheet.write(0, column, header)
    for row_index, row in enumerate(rows, 1):
        for column, value in enumerate(row):
            sheet.write(row_index, column, value)
    book.close()
    return output.getvalue(), "xlsx"


def main():
    args = parse_args()
    benchlib.setup()
    if args.measure:
        count = args.pdf if args.measure == "pdf" else args.prospects
        return measure(args.db, args.measure, count, args.profile)
    ensure_database(args)
    populate(args.db, args.prospects)
    results = {}
    for what in ("export", "xlsx", "xlsx-tracemalloc", "pdf"):
        cmd = [sys.executable, __file__, "--db", args.db, "--measure", what]
        cmd += ["--prospects", str(args.prospects), "--pdf", str(args.pdf)]
        if args.profile and what == "xlsx":
            cmd += ["--profile", args.profile]
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
        if out.returncode or not lines:
            sys.stderr.write(out.stdout[-3000:] + out.stderr[-3000:])
            devenv.die(f"the {what} measurement failed", code=1)
        results[what] = json.loads(lines[-1])
        devenv.say(lines[-1])
    xlsx, export = results["xlsx"], results["export"]
    summary = {
        "machine": benchlib.machine(),
        "prospects": args.prospects,
        "runs": results,
        "xlsx_time_ratio_to_export": round(
            benchlib.ratio(xlsx["wall_s"], export["wall_s"]), 2
        ),
        "xlsx_memory_ratio_to_export": round(
            benchlib.ratio(
                xlsx["rss_peak_over_idle_mb"], export["rss_peak_over_idle_mb"]
            ),
            2,
        ),
    }
    devenv.say(
        f"XLSX, {xlsx['records']} prospects: {xlsx['wall_s']} s "
        f"(Odoo's export of the same: {export['wall_s']} s), peak RSS "
        f"+{xlsx['rss_peak_over_idle_mb']} MB over the idle process (export: "
        f"+{export['rss_peak_over_idle_mb']} MB; tracemalloc peak "
        f"{results['xlsx-tracemalloc']['tracemalloc_peak_mb']} MB); "
        f"PDF, {results['pdf']['records']} prospects: {results['pdf']['wall_s']} s"
    )
    benchlib.save("reports", summary)


if __name__ == "__main__":
    main()
