# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The conversion wizard over RPC: races, forged values and who may convert."""

import multiprocessing
import uuid
import xmlrpc.client

import pytest
from conftest import Client

MANAGER = ["sales_team.group_sale_manager"]
REFUSED_RACE = ("being converted by someone else", "already converted", "not a lead")


def _company_partner(admin, status, company=False, **values):
    name = values.pop("name", f"Conv {status} {uuid.uuid4().hex[:6]}")
    return admin.call(
        "res.partner",
        "create",
        dict(
            {
                "name": name,
                "is_company": True,
                "customer_status": status,
                "company_id": company,
            },
            **values,
        ),
    ), name


def _convert(client, prospect, mode="existing", target=False, **values):
    wizard = client.call(
        "prospect.convert.wizard",
        "create",
        dict(
            {
                "partner_ids": [(6, 0, [prospect])],
                "mode": mode,
                "target_partner_id": target,
            },
            **values,
        ),
    )
    return client.call("prospect.convert.wizard", "action_convert", [wizard])


def _snapshot(admin, *partners):
    return admin.call(
        "res.partner",
        "read",
        list(partners),
        ["customer_status", "active", "prospect_customer_id", "write_date"],
        context={"active_test": False},
    )


@pytest.fixture(scope="module")
def manager(make_user):
    return make_user("rpc_conv_manager", MANAGER)


def _race(args):
    """One of two clients converting the same prospect at the same moment."""
    server, login, password, prospect, target, barrier = args
    client = Client(server, login, password)
    wizard = client.call(
        "prospect.convert.wizard",
        "create",
        {
            "partner_ids": [(6, 0, [prospect])],
            "mode": "existing",
            "target_partner_id": target,
        },
    )
    barrier.wait(timeout=60)
    try:
        client.call("prospect.convert.wizard", "action_convert", [wizard])
        return "ok"
    except xmlrpc.client.Fault as fault:
        return fault.faultString.strip().splitlines()[-1]


def test_two_simultaneous_conversions_one_wins_one_is_told(server, admin, manager):
    target, _ = _company_partner(admin, "active")
    results = []
    for _round in range(3):  # several rounds: the two calls overlap differently
        prospect, name = _company_partner(admin, "prospect")
        # some history to convert, so that the two calls overlap
        for i in range(30):
            admin.call("res.partner", "message_post", [prospect], body=f"Call {i}")
        ctx = multiprocessing.get_context("spawn")
        with ctx.Manager() as sync:
            barrier = sync.Barrier(2)
            with ctx.Pool(2) as pool:
                outcome = pool.map(
                    _race,
                    [
                        (
                            server,
                            manager.login,
                            manager.password,
                            prospect,
                            target,
                            barrier,
                        )
                        for _ in range(2)
                    ],
                )
        results.append(outcome)
        assert outcome.count("ok") == 1, outcome
        refusal = next(o for o in outcome if o != "ok")
        assert any(reason in refusal for reason in REFUSED_RACE), refusal
        assert name in refusal
        state = _snapshot(admin, prospect)[0]
        assert state["active"] is False
        assert state["prospect_customer_id"][0] == target
        notes = admin.call(
            "mail.message",
            "search_count",
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", prospect),
                ("body", "ilike", "Converted into the customer"),
            ],
        )
        assert notes == 1, "converted once"


def _forged(client, prospect, **values):
    """Create a wizard with the given values and convert: return the fault."""
    wizard = client.call(
        "prospect.convert.wizard",
        "create",
        dict({"partner_ids": [(6, 0, [prospect])], "mode": "new"}, **values),
    )
    return client.fault("prospect.convert.wizard", "action_convert", [wizard])


def test_forged_wizard_values_are_refused_and_change_nothing(admin, manager):
    live, live_name = _company_partner(admin, "active")
    prospect, _ = _company_partner(admin, "prospect")
    other, other_name = _company_partner(admin, "prospect")
    before = _snapshot(admin, live, prospect, other)

    fault = _forged(manager, live)
    assert f"{live_name} is not a lead or a prospect" in fault
    fault = _forged(manager, prospect, mode="existing", target_partner_id=other)
    assert f"{other_name} is a prospect, not a live customer" in fault
    fault = _forged(manager, prospect, mode="existing", target_partner_id=prospect)
    assert "is one of the prospects being converted" in fault
    fault = manager.fault(
        "prospect.convert.wizard",
        "create",
        {"partner_ids": [(6, 0, [prospect])], "status_after": "prospect"},
    )
    assert "Wrong value for prospect.convert.wizard.status_after: 'prospect'" in fault
    assert _snapshot(admin, live, prospect, other) == before


def test_a_prospect_user_cannot_convert(admin, make_user):
    user = make_user("rpc_conv_salesman", ["sales_team.group_sale_salesman_all_leads"])
    prospect, _ = _company_partner(admin, "prospect")
    target, _ = _company_partner(admin, "active")
    before = _snapshot(admin, prospect, target)
    try:
        _convert(user, prospect, target=target)
    except xmlrpc.client.Fault as fault:
        assert "You are not allowed" in fault.faultString or "Prospect Manager" in (
            fault.faultString
        )
    else:
        raise AssertionError("a prospect user converted a prospect")
    assert _snapshot(admin, prospect, target) == before


def test_a_user_of_company_a_cannot_convert_into_a_customer_of_company_b(
    admin, make_user
):
    company_a = admin.call(
        "res.company", "create", {"name": f"Company A {uuid.uuid4().hex[:4]}"}
    )
    company_b = admin.call(
        "res.company", "create", {"name": f"Company B {uuid.uuid4().hex[:4]}"}
    )
    user = make_user("rpc_conv_manager_a", MANAGER, company=company_a)
    prospect, _ = _company_partner(admin, "prospect", company=company_a)
    customer_b, _ = _company_partner(admin, "active", company=company_b)
    before = _snapshot(admin, prospect, customer_b)
    try:
        _convert(user, prospect, target=customer_b)
    except xmlrpc.client.Fault as fault:
        message = fault.faultString.strip().splitlines()[-1]
        # Odoo's own access check on the customer refuses it
        assert "You may not change" in message, message
    else:
        raise AssertionError("converted into another company's customer")
    assert _snapshot(admin, prospect, customer_b) == before


def test_a_script_converts_without_the_wizard(admin, manager, make_user):
    """The conversion is an operation of the partner: an integration script
    calls it over XML-RPC with explicit options, and a Prospect User still
    cannot."""
    target, _ = _company_partner(admin, "active")
    prospect, _ = _company_partner(admin, "prospect")
    contact = admin.call(
        "res.partner", "create", {"name": "Script Contact", "parent_id": prospect}
    )
    result = manager.call(
        "res.partner",
        "prospect_link_into",
        [prospect],
        target,
        copy_messages=False,
        contact_ids=[contact],
    )
    assert result == target
    after = _snapshot(admin, prospect)[0]
    assert after["active"] is False
    assert after["prospect_customer_id"][0] == target
    moved = admin.call("res.partner", "read", [contact], ["parent_id"])[0]
    assert moved["parent_id"][0] == target

    other, _ = _company_partner(admin, "prospect")
    assert manager.call("res.partner", "prospect_convert", [other], "suspended") == [
        other
    ]
    assert _snapshot(admin, other)[0]["customer_status"] == "suspended"

    user = make_user("rpc_script_salesman", ["sales_team.group_sale_salesman"])
    third, _ = _company_partner(admin, "prospect")
    assert "Only a Prospect Manager" in user.fault(
        "res.partner", "prospect_convert", [third]
    )
    assert _snapshot(admin, third)[0]["customer_status"] == "prospect"
