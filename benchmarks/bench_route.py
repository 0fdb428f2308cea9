#!/usr/bin/env python3
# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plan Visits on 200 stops: nearest-neighbour order on haversine distances.

    python3 benchmarks/bench_route.py               # 200 stops, 7 repeats
    python3 benchmarks/bench_route.py --quick       # 50 stops, 3 repeats

A copy ``pmb_route`` of benchlib's ``pmb_addon`` gets --stops geolocated
prospects (random points over Great Britain, seeded) and a start office. In
one transaction, rolled back each time, --repeats times:

- *baseline*: the --stops partners read, then their Site Visit activities
  created in one call, the values the wizard creates, in the order of the
  selection;
- *plan*: the wizard's route alone (``_plan``: the points read, ordered by
  nearest neighbour);
- *plan visits*: the wizard's whole ``action_plan`` (route, activities,
  route URL).

Medians of wall time and query counts; ratios to the baseline. The target of
issue 14 is "200 stops plan in under a second": the *plan* time, given beside
its baseline. Nothing is asserted; figures go to ``<work dir>/bench/route.json``.
"""

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib

DB = "pmb_route"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stops", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="50 stops, 3 repeats")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()
    if args.quick:
        args.stops, args.repeats = 50, 3
    return args


def seed(env, stops):
    rng = random.Random(14)
    start = env["res.partner"].create(
        {
            "name": "Route Bench Office",
            "partner_latitude": 53.8,
            "partner_longitude": -1.55,
        }
    )
    env.user.context_route_map_website_id = env.ref("partner_external_map.google_maps")
    prospects = env["res.partner"].create(
        [
            {
                "name": f"Route Bench {i:04d}",
                "is_company": True,
                "customer_status": "prospect",
                "partner_latitude": rng.uniform(50.2, 55.8),
                "partner_longitude": rng.uniform(-4.5, 1.6),
            }
            for i in range(stops)
        ]
    )
    env.cr.commit()
    return start.id, prospects.ids


def run_once(env, start_id, prospect_ids):
    Wizard = env["prospect.visit.route.wizard"].with_context(
        active_model="res.partner", active_ids=prospect_ids
    )
    visit = env.ref("prospect_management.mail_activity_type_site_visit")
    model_id = env["ir.model"]._get_id("res.partner")
    today = env["prospect.visit.route.wizard"].default_get(["date"])["date"]
    figures = {}

    def baseline():
        # the partners read in one go, as the wizard reads them for their
        # points: else the activities read their names one by one
        env["res.partner"].browse(prospect_ids).mapped("display_name")
        return env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": pid,
                    "activity_type_id": visit.id,
                    "summary": f"Visit {n} of {len(prospect_ids)}",
                    "user_id": env.uid,
                    "date_deadline": today,
                }
                for n, pid in enumerate(prospect_ids, start=1)
            ]
        )

    for name, func in (
        ("plan", lambda: Wizard.create({"start_partner_id": start_id})._plan()),
        (
            "plan_visits",
            lambda: Wizard.create({"start_partner_id": start_id}).action_plan(),
        ),
        ("baseline", baseline),
    ):
        result, queries, seconds = benchlib.measure(env, func)
        figures[name] = {"seconds": seconds, "queries": queries}
        if name == "plan":
            figures[name]["stops"] = len(result[0])
        env.cr.rollback()
    return figures


def main():
    args = parse_args()
    benchlib.setup()
    benchlib.clone(benchlib.template(with_addon=True), DB)
    try:
        with benchlib.environment(DB) as env:
            start_id, prospect_ids = seed(env, args.stops)
        runs = []
        for _repeat in range(args.repeats):
            with benchlib.environment(DB) as env:
                runs.append(run_once(env, start_id, prospect_ids))
        result = {"machine": benchlib.machine(), "stops": args.stops, "runs": {}}
        for name in ("baseline", "plan", "plan_visits"):
            result["runs"][name] = {
                "seconds": benchlib.median([r[name]["seconds"] for r in runs]),
                "queries": benchlib.median([r[name]["queries"] for r in runs]),
            }
        base = result["runs"]["baseline"]["seconds"]
        for name in ("plan", "plan_visits"):
            result["runs"][name]["ratio"] = benchlib.ratio(
                result["runs"][name]["seconds"], base
            )
        assert runs[0]["plan"]["stops"] == args.stops, "every stop is planned"
        for name, run in result["runs"].items():
            benchlib.emit(
                f"{name:12s} {run['seconds']:.3f} s  {run['queries']:.0f} queries",
                f" ratio {run['ratio']:.2f}" if "ratio" in run else "",
            )
        benchlib.save("route", result)
    finally:
        if not args.keep:
            benchlib.drop(DB)


if __name__ == "__main__":
    main()
