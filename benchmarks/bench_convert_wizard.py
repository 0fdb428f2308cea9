#!/usr/bin/env python3
# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Queries and time of the conversion wizard as a prospect's history grows.

    python3 benchmarks/bench_convert_wizard.py            # the sizes of issue 7
    python3 benchmarks/bench_convert_wizard.py --quick    # a smoke run

Runs on a copy of the template database ``pmb_addon`` (benchlib); every
measurement is rolled back, so each starts from the same data.

Measured, each mode on fresh data:

- ONE prospect with a large history (default: 10,000 messages, 1 in 10 a
  reply, 2,000 attachments, 1,000 activities, 200 sites, 100 open quotes, 20
  contacts) against the same prospect with a small one (10 messages, 2
  attachments, 1 activity, 2 sites, 1 quote, 2 contacts), in ``new`` mode and in
  ``existing`` mode copying, then moving, messages and documents. The query
  count must not grow with the history; the time is given with its ratio to
  the small prospect's, measured in the same run (target: < 2 s).
- bulk ``new`` mode: 1,000 prospects (each with a contact, a site and a quote)
  in one wizard, against 10 prospects.

Each figure is the median of --repeat runs.
"""

import argparse
import functools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchlib

WORK_DB = "pmb_convert"
SMALL = {
    "messages": 10,
    "attachments": 2,
    "activities": 1,
    "sites": 2,
    "quotes": 1,
    "contacts": 2,
}
LARGE = {
    "messages": 10_000,
    "attachments": 2_000,
    "activities": 1_000,
    "sites": 200,
    "quotes": 100,
    "contacts": 20,
}
QUICK = {
    "messages": 1_000,
    "attachments": 200,
    "activities": 100,
    "sites": 20,
    "quotes": 10,
    "contacts": 5,
}
MODES = (
    ("new", {"mode": "new"}),
    (
        "existing, copy",
        {"mode": "existing", "copy_messages": True, "copy_documents": True},
    ),
    (
        "existing, move",
        {"mode": "existing", "copy_messages": False, "copy_documents": False},
    ),
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--bulk", type=int, default=1000)
    parser.add_argument("--keep-db", action="store_true")
    return parser.parse_args()


# ------------------------------------------------------------------ data
def product(env):
    return env["product.product"].create(
        {"name": "Boiler service", "type": "service", "list_price": 120}
    )


def prospect_with_history(env, name, size, service):
    """A prospect with ``size`` of each kind of history, created in batches."""
    Partner = env["res.partner"]
    prospect = Partner.create(
        {"name": name, "is_company": True, "customer_status": "prospect"}
    )
    Partner.create(
        [
            {"name": f"{name} contact {i}", "parent_id": prospect.id}
            for i in range(size["contacts"])
        ]
    )
    sites = env["fsm.location"].create(
        [
            {"name": f"{name} site {i}", "owner_id": prospect.id}
            for i in range(size["sites"])
        ]
    )
    env["sale.order"].create(
        [
            {
                "partner_id": prospect.id,
                "fsm_location_id": sites[i % len(sites)].id,
                "order_line": [(0, 0, {"product_id": service.id})],
            }
            for i in range(size["quotes"])
        ]
    )
    attachments = env["ir.attachment"].create(
        [
            {
                "name": f"survey-{i}.txt",
                "raw": f"survey {i}: two boilers, one tank".encode(),
                "res_model": "res.partner",
                "res_id": prospect.id,
            }
            for i in range(size["attachments"])
        ]
    )
    note = env.ref("mail.mt_note").id
    Message = env["mail.message"]
    count = size["messages"]
    threads = Message.create(
        [
            {
                "model": "res.partner",
                "res_id": prospect.id,
                "body": f"<p>Call report {i}: discussed the boiler room</p>",
                "message_type": "comment",
                "subtype_id": note,
                "message_id": f"<bench-{prospect.id}-{i}@example.com>",
                # the documents hang on the first messages, as when mailed in
                "attachment_ids": [(6, 0, attachments[i : i + 1].ids)],
            }
            for i in range(count - count // 10)
        ]
    )
    Message.create(
        [
            {
                "model": "res.partner",
                "res_id": prospect.id,
                "body": f"<p>Reply {i}</p>",
                "message_type": "comment",
                "subtype_id": note,
                "parent_id": threads[i].id,
                "message_id": f"<bench-reply-{prospect.id}-{i}@example.com>",
            }
            for i in range(count // 10)
        ]
    )
    # follow first: a batch of activities on one record would subscribe
    # their user once per activity, and the second insert is a duplicate
    prospect.message_subscribe(partner_ids=env.user.partner_id.ids)
    call = env.ref("mail.mail_activity_data_call")
    model_id = env["ir.model"]._get_id("res.partner")
    env["mail.activity"].with_context(mail_activity_quick_update=True).create(
        [
            {
                "res_model_id": model_id,
                "res_id": prospect.id,
                "activity_type_id": call.id,
                "summary": f"Call {i}",
                "user_id": env.uid,
            }
            for i in range(size["activities"])
        ]
    )
    return prospect


def bulk_prospects(env, count, service):
    Partner = env["res.partner"]
    prospects = Partner.create(
        [
            {
                "name": f"Bulk {count}-{i}",
                "is_company": True,
                "customer_status": "prospect",
            }
            for i in range(count)
        ]
    )
    Partner.create([{"name": f"Contact {p.id}", "parent_id": p.id} for p in prospects])
    sites = env["fsm.location"].create(
        [{"name": f"Site {p.id}", "owner_id": p.id} for p in prospects]
    )
    env["sale.order"].create(
        [
            {
                "partner_id": p.id,
                "fsm_location_id": s.id,
                "order_line": [(0, 0, {"product_id": service.id})],
            }
            for p, s in zip(prospects, sites, strict=True)
        ]
    )
    return prospects


# --------------------------------------------------------------- measure
def convert(env, prospects, values, customer):
    from odoo import Command

    admin = env.ref("base.user_admin")
    vals = dict(values, partner_ids=[Command.set(prospects.ids)])
    if vals["mode"] == "existing":
        vals["target_partner_id"] = customer.id
    wizard = env["prospect.convert.wizard"].with_user(admin).create(vals)
    return benchlib.measure(env, wizard.action_convert)


def run_once(db, make, values):
    """Make the data, convert it, check it, roll it all back."""
    with benchlib.environment(db) as env:
        service = product(env)
        customer = env["res.partner"].create(
            {"name": "Bench Customer", "is_company": True, "customer_status": "active"}
        )
        prospects = make(env, service=service)
        _result, queries, seconds = convert(env, prospects, values, customer)
        check(env, prospects, values, customer)
    return queries, seconds


def check(env, prospects, values, customer):
    """The conversion did what it says (a benchmark of a broken run is void)."""
    env.invalidate_all()
    prospects = prospects.with_context(active_test=False)
    if values["mode"] == "new":
        ok = set(prospects.mapped("customer_status")) == {"active"}
    else:
        ok = (
            not any(prospects.mapped("active"))
            and prospects.prospect_customer_id == customer
        )
    if not ok:
        benchlib.devenv.die(f"the conversion ({values}) did not convert", code=1)


def median_of(repeat, func):
    runs = [func() for _ in range(repeat)]
    return {
        "queries": benchlib.median([q for q, _s in runs]),
        "seconds": round(benchlib.median([s for _q, s in runs]), 3),
        "runs": [(q, round(s, 3)) for q, s in runs],
    }


def main():
    args = parse_args()
    benchlib.setup()
    large = QUICK if args.quick else LARGE
    bulk = 100 if args.quick else args.bulk
    benchlib.clone(benchlib.template(with_addon=True), WORK_DB)
    results = {"machine": benchlib.machine(), "small": SMALL, "large": large}
    try:
        history = []
        for label, values in MODES:
            row = {"mode": label}
            for which, size in (("small", SMALL), ("large", large)):
                make = functools.partial(prospect_with_history, name="Bench", size=size)
                run = functools.partial(run_once, WORK_DB, make, values)
                run()  # warm-up: caches and imports of either size
                row[which] = median_of(args.repeat, run)
            row["time_ratio"] = round(
                benchlib.ratio(row["large"]["seconds"], row["small"]["seconds"]), 2
            )
            row["extra_queries"] = row["large"]["queries"] - row["small"]["queries"]
            benchlib.emit(
                f"{label:15} small {row['small']['queries']:>4} queries "
                f"{row['small']['seconds']:.3f} s | large "
                f"{row['large']['queries']:>4} queries "
                f"{row['large']['seconds']:.3f} s | time x{row['time_ratio']}"
            )
            history.append(row)
        results["history"] = history

        bulk_rows = []
        for count in (10, bulk):
            make = functools.partial(bulk_prospects, count=count)
            run = functools.partial(run_once, WORK_DB, make, {"mode": "new"})
            run()  # warm-up
            row = median_of(args.repeat, run)
            row["prospects"] = count
            bulk_rows.append(row)
            benchlib.emit(
                f"bulk new mode, {count:>5} prospects: {row['queries']} queries, "
                f"{row['seconds']:.3f} s"
            )
        small_bulk, large_bulk = bulk_rows
        results["bulk"] = {
            "rows": bulk_rows,
            "time_ratio": round(
                benchlib.ratio(large_bulk["seconds"], small_bulk["seconds"]), 2
            ),
            "prospect_ratio": bulk / 10,
        }
    finally:
        if not args.keep_db:
            benchlib.drop(WORK_DB)
    benchlib.save("convert", results)


if __name__ == "__main__":
    main()
