#!/usr/bin/env python3
"""Queries and time of the conversion wizard as the data grows.

    python3 benchmarks/bench_convert_wizard.py --db pm_dev
    python3 benchmarks/bench_convert_wizard.py --db pm_dev --messages 5000 \
        --attachments 2000 --bulk 1,20,200

Runs on a database where prospect_management is installed (``tools/test --db
pm_dev --keep-db``) and rolls everything back: nothing is left behind.

Measured, each on fresh data:
- ``existing`` mode (copy, then move) for ONE prospect with --messages chatter
  messages and --attachments documents: the wizard's query count and time;
- ``new`` mode in bulk for each size of --bulk (prospects with a contact and a
  site each): query count and time, to show the cost does not grow per prospect.
"""

import argparse
import sys
import time
from pathlib import Path


def emit(*parts):
    """Results go to standard output: this is a command-line benchmark."""
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import devenv


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--attachments", type=int, default=1000)
    parser.add_argument("--bulk", default="1,20,200")
    return parser.parse_args()


def measure(env, func):
    env.flush_all()
    env.cr.precommit.run()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    func()
    env.flush_all()
    env.cr.precommit.run()
    return env.cr.sql_log_count - queries, time.perf_counter() - started


def prospect_with_history(env, name, messages, attachments):
    Partner = env["res.partner"]
    prospect = Partner.create(
        {"name": name, "is_company": True, "customer_status": "prospect"}
    )
    Partner.create(
        [{"name": f"{name} contact {i}", "parent_id": prospect.id} for i in range(3)]
    )
    env["fsm.location"].create(
        [{"name": f"{name} site {i}", "owner_id": prospect.id} for i in range(3)]
    )
    subtype = env.ref("mail.mt_note").id
    env["mail.message"].create(
        [
            {
                "model": "res.partner",
                "res_id": prospect.id,
                "body": f"<p>Call report {i}: discussed the boiler room</p>",
                "message_type": "comment",
                "subtype_id": subtype,
                "record_name": name,
                "reply_to": False,
                "email_from": False,
                "message_id": f"<bench-{prospect.id}-{i}@example.com>",
            }
            for i in range(messages)
        ]
    )
    env["ir.attachment"].create(
        [
            {
                "name": f"survey-{i}.txt",
                "raw": f"survey {i}: two boilers, one tank".encode(),
                "res_model": "res.partner",
                "res_id": prospect.id,
            }
            for i in range(attachments)
        ]
    )
    for i in range(5):
        prospect.activity_schedule("mail.mail_activity_data_call", summary=f"Call {i}")
    return prospect


def main():
    args = parse_args()
    devenv.require_odoo()
    devenv.ensure_postgres()
    import odoo
    from odoo import Command, api
    from odoo.tools import config

    config.parse_config(["-d", args.db, f"--addons-path={devenv.addons_path()}"])
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        admin = env.ref("base.user_admin")
        Wizard = env["prospect.convert.wizard"].with_user(admin)
        customer = env["res.partner"].create(
            {"name": "Bench Customer", "is_company": True, "customer_status": "active"}
        )
        emit(
            f"existing mode, one prospect with {args.messages} messages and "
            f"{args.attachments} documents:"
        )
        for copy in (True, False):
            prospect = prospect_with_history(
                env, f"Bench {copy}", args.messages, args.attachments
            )
            wizard = Wizard.create(
                {
                    "partner_ids": [Command.set(prospect.ids)],
                    "mode": "existing",
                    "target_partner_id": customer.id,
                    "copy_messages": copy,
                    "copy_documents": copy,
                }
            )
            queries, seconds = measure(env, wizard.action_convert)
            emit(f"  {'copy' if copy else 'move'}: {queries} queries, {seconds:.2f} s")

        emit("new mode in bulk (each prospect with a contact and a site):")
        Partner = env["res.partner"]
        sizes = [int(s) for s in args.bulk.split(",")]
        for run, size in enumerate([1, *sizes]):
            prospects = Partner.create(
                [
                    {
                        "name": f"Bulk {size}-{i}",
                        "is_company": True,
                        "customer_status": "prospect",
                    }
                    for i in range(size)
                ]
            )
            Partner.create([{"name": f"c{p.id}", "parent_id": p.id} for p in prospects])
            env["fsm.location"].create(
                [{"name": f"s{p.id}", "owner_id": p.id} for p in prospects]
            )
            wizard = Wizard.create({"partner_ids": [Command.set(prospects.ids)]})
            queries, seconds = measure(env, wizard.action_convert)
            label = "warm-up" if not run else f"{size} prospect(s)"
            emit(f"  {label}: {queries} queries, {seconds:.2f} s")
        cr.rollback()


if __name__ == "__main__":
    main()
