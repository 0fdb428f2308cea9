# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Several clients win quotes at the same time against the multi-worker server."""

import multiprocessing
import uuid
import xmlrpc.client

CLIENTS = 8


def _confirm(args):
    """One client process: log in and confirm its quotes one call each."""
    url, db, login, password, quote_ids = args
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, login, password, {})
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)
    outcomes = []
    for quote in quote_ids:
        try:
            models.execute_kw(
                db, uid, password, "sale.order", "action_confirm", [[quote]]
            )
            outcomes.append((quote, "ok"))
        except xmlrpc.client.Fault as fault:
            outcomes.append((quote, fault.faultString))
        except (OSError, xmlrpc.client.ProtocolError) as error:  # transport failures
            outcomes.append((quote, repr(error)))
    return outcomes


def test_clients_confirm_quotes_of_the_same_and_different_prospects(
    server, admin, make_user
):
    salesman = make_user(
        "rpc_concurrent_salesman",
        ["sales_team.group_sale_salesman_all_leads", "fieldservice.group_fsm_user"],
    )
    visit = admin.ref("prospect_management.product_service_visit")
    tag = uuid.uuid4().hex[:6]
    # 2 prospects shared by every client, plus one prospect of its own per client
    shared = [
        admin.call(
            "res.partner",
            "create",
            {
                "name": f"Shared {tag} {i}",
                "is_company": True,
                "customer_status": "prospect",
            },
        )
        for i in range(2)
    ]
    own = [
        admin.call(
            "res.partner",
            "create",
            {
                "name": f"Own {tag} {i}",
                "is_company": True,
                "customer_status": "prospect",
            },
        )
        for i in range(CLIENTS)
    ]
    sites = {
        p: admin.call("fsm.location", "create", {"name": f"Site of {p}", "owner_id": p})
        for p in shared + own
    }

    def quote(partner):
        return admin.call(
            "sale.order",
            "create",
            {
                "partner_id": partner,
                "fsm_location_id": sites[partner],
                "order_line": [(0, 0, {"product_id": visit, "product_uom_qty": 1})],
            },
        )

    batches = [
        [quote(shared[0]), quote(shared[1]), quote(own[i])] for i in range(CLIENTS)
    ]
    all_quotes = [q for batch in batches for q in batch]
    jobs_before = admin.call("fsm.order", "search_count", [])

    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(CLIENTS) as pool:
        results = pool.map(
            _confirm,
            [
                (server["url"], server["db"], salesman.login, salesman.password, batch)
                for batch in batches
            ],
        )
    failures = [outcome for batch in results for outcome in batch if outcome[1] != "ok"]
    assert not failures, failures

    orders = admin.call("sale.order", "read", all_quotes, ["state"])
    assert {o["state"] for o in orders} == {"sale"}
    partners = admin.call("res.partner", "read", shared + own, ["customer_status"])
    assert {p["customer_status"] for p in partners} == {"active"}
    site_states = admin.call(
        "fsm.location", "read", list(sites.values()), ["customer_status"]
    )
    assert {s["customer_status"] for s in site_states} == {"active"}
    # exactly one status change per customer in its chatter
    field_id = admin.call(
        "ir.model.fields",
        "search",
        [("model", "=", "res.partner"), ("name", "=", "customer_status")],
    )[0]
    for partner in shared + own:
        changes = admin.call(
            "mail.tracking.value",
            "search_count",
            [
                ("field_id", "=", field_id),
                ("mail_message_id.model", "=", "res.partner"),
                ("mail_message_id.res_id", "=", partner),
            ],
        )
        assert changes == 1, f"partner {partner}: {changes} status changes"
    jobs_after = admin.call("fsm.order", "search_count", [])
    assert jobs_after - jobs_before == len(all_quotes), "one job per quote, no more"
