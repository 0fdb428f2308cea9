# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may see and change what, over RPC and HTTP."""

import json
import urllib.request
import uuid
import xmlrpc.client

import pytest


@pytest.fixture(scope="module")
def prospects(admin):
    return [
        admin.call(
            "res.partner",
            "create",
            {
                "name": f"Secret prospect {i}",
                "is_company": True,
                "customer_status": "prospect",
            },
        )
        for i in range(3)
    ]


@pytest.fixture(scope="module")
def portal_customer(admin):
    return admin.call(
        "res.partner",
        "create",
        {
            "name": f"Portal customer {uuid.uuid4().hex[:4]}",
            "customer_status": "active",
        },
    )


@pytest.fixture(scope="module")
def portal(make_user, portal_customer):
    return make_user("rpc_portal", ["base.group_portal"], partner_id=portal_customer)


def test_a_portal_user_sees_no_prospect(portal, portal_customer, prospects):
    # the same search finds the user's own customer, and no prospect
    found = portal.call(
        "res.partner", "search", [("id", "in", [*prospects, portal_customer])]
    )
    assert found == [portal_customer]
    found = portal.call(
        "res.partner", "search", [("customer_status", "in", ["lead", "prospect"])]
    )
    assert found == []
    fault = portal.fault("res.partner", "read", [prospects[0]], ["name"])
    assert "doesn't have 'read' access" in fault
    for model in ("fsm.location", "prospect.stage"):
        fault = portal.fault(model, "search", [])
        assert "You are not allowed to access" in fault


def test_a_public_visitor_cannot_call_the_models(server, prospects):
    payload = json.dumps(
        {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": "res.partner",
                "method": "search_read",
                "args": [[("customer_status", "=", "prospect")]],
                "kwargs": {"fields": ["name"]},
            },
        }
    ).encode()
    request = urllib.request.Request(
        f"{server['url']}/web/dataset/call_kw",
        data=payload,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as resp:
        answer = json.loads(resp.read())
    assert "error" in answer and "result" not in answer
    assert (
        "Session" in answer["error"]["data"]["name"]
        or "session" in answer["error"]["message"]
    )
    with pytest.raises(xmlrpc.client.Fault):
        xmlrpc.client.ServerProxy(f"{server['url']}/xmlrpc/2/object").execute_kw(
            server["db"], 4, "public", "res.partner", "search", [[]]
        )


def test_a_prospect_user_cannot_change_a_status_over_rpc(admin, make_user, prospects):
    user = make_user("rpc_prospect_user", ["prospect_management.group_prospect_user"])
    fault = user.fault(
        "res.partner", "write", [prospects[0]], {"customer_status": "active"}
    )
    assert "Only a Prospect Manager" in fault
    status = admin.call("res.partner", "read", [prospects[0]], ["customer_status"])
    assert status[0]["customer_status"] == "prospect"
    # ... but works the prospect
    user.call("res.partner", "write", [prospects[0]], {"phone": "+44 20 7946 0000"})
