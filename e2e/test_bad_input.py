# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Garbage, wrong types and back-transitions: refused clearly, nothing changed."""

import uuid

import pytest

GARBAGE = [
    "gold",
    "",
    "PROSPECTS",
    "x" * 100_000,
    "Activé",
    42,
    True,
    ["active"],
    {"a": 1},
]


@pytest.fixture()
def customer(admin):
    name = f"Bad input Ltd {uuid.uuid4().hex[:6]}"
    return admin.call(
        "res.partner",
        "create",
        {"name": name, "is_company": True, "customer_status": "prospect"},
    )


def _state(admin, partner):
    return admin.call(
        "res.partner", "read", [partner], ["customer_status", "write_date"]
    )[0]


@pytest.mark.parametrize("value", GARBAGE, ids=lambda v: repr(v)[:20])
def test_garbage_status_written_over_rpc(admin, customer, value):
    before = _state(admin, customer)
    fault = admin.fault("res.partner", "write", [customer], {"customer_status": value})
    message = fault.strip().splitlines()[-1]
    assert "is not a customer status" in message
    assert len(message) < 300, "a huge value is not echoed back in full"
    assert _state(admin, customer) == before


@pytest.mark.parametrize("value", ["gold", "PROSPECTS", "x" * 100_000, "Activé", 7])
def test_garbage_status_on_create_creates_nothing(admin, value):
    count = admin.call(
        "res.partner", "search_count", [], context={"active_test": False}
    )
    fault = admin.fault(
        "res.partner", "create", {"name": "Garbage Ltd", "customer_status": value}
    )
    assert "is not a customer status" in fault
    after = admin.call(
        "res.partner", "search_count", [], context={"active_test": False}
    )
    assert after == count


def test_an_empty_status_on_create_means_the_default(admin):
    partner = admin.call(
        "res.partner", "create", {"name": "Empty Ltd", "customer_status": ""}
    )
    status = admin.call("res.partner", "read", [partner], ["customer_status"])
    assert status[0]["customer_status"] == "active"


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("active", "prospect"),
        ("active", "lead"),
        ("suspended", "prospect"),
        ("prospect", "lead"),
    ],
)
def test_back_transitions_over_rpc(admin, start, target):
    partner = admin.call(
        "res.partner", "create", {"name": f"Back {start}", "customer_status": start}
    )
    before = _state(admin, partner)
    fault = admin.fault("res.partner", "write", [partner], {"customer_status": target})
    assert "only moves forward" in fault
    assert _state(admin, partner) == before


def test_import_with_garbage_statuses_imports_nothing_and_names_the_row(admin):
    count = admin.call(
        "res.partner", "search_count", [], context={"active_test": False}
    )
    rows = [[f"Import {i}", "Prospect"] for i in range(30)]
    rows[17] = ["Import 17", "Goldish"]
    result = admin.call("res.partner", "load", ["name", "customer_status"], rows)
    assert result["ids"] is False
    errors = [m for m in result["messages"] if m["type"] == "error"]
    assert errors and errors[0]["rows"]["from"] == 17
    assert "Goldish" in errors[0]["message"]
    after = admin.call(
        "res.partner", "search_count", [], context={"active_test": False}
    )
    assert after == count


def test_unicode_names_survive_in_refusals(admin):
    name = "Ünïcødé Ltd 株式会社 🚀 " + uuid.uuid4().hex[:4]
    partner = admin.call(
        "res.partner",
        "create",
        {"name": name, "is_company": True, "customer_status": "prospect"},
    )
    site = admin.call(
        "fsm.location", "create", {"name": "Ünïcødé site", "owner_id": partner}
    )
    fault = admin.fault("fsm.order", "create", {"location_id": site})
    assert (
        f"Convert {name} to a customer before creating a Field Service order" in fault
    )


def test_very_long_names_are_stored_whole(admin):
    name = "Long " + "n" * 5000
    partner = admin.call(
        "res.partner", "create", {"name": name, "customer_status": "prospect"}
    )
    assert admin.call("res.partner", "read", [partner], ["name"])[0]["name"] == name
