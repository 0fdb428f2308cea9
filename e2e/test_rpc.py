# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""An integrator drives the multi-worker server over XML-RPC."""

import uuid

import pytest

SALES_FSM = ["sales_team.group_sale_salesman_all_leads", "fieldservice.group_fsm_user"]


@pytest.fixture(scope="module")
def salesman(make_user):
    return make_user("rpc_salesman", SALES_FSM)


@pytest.fixture(scope="module")
def products(admin):
    visit = admin.ref("prospect_management.product_service_visit")
    ppm = admin.call(
        "product.product",
        "create",
        {
            "name": "RPC maintenance plan",
            "type": "service",
            "field_service_tracking": "recurring",
        },
    )
    return {"visit": visit, "ppm": ppm}


def _prospect(admin, status="prospect", **values):
    name = values.pop("name", f"RPC {status} {uuid.uuid4().hex[:6]}")
    partner = admin.call(
        "res.partner",
        "create",
        dict({"name": name, "is_company": True, "customer_status": status}, **values),
    )
    site = admin.call(
        "fsm.location", "create", {"name": f"{name} site", "owner_id": partner}
    )
    return partner, site, name


def _status(client, model, record_id):
    return client.call(model, "read", [record_id], ["customer_status"])[0][
        "customer_status"
    ]


def test_integrator_wins_a_quote_and_the_prospect_becomes_a_customer(
    admin, salesman, products
):
    partner, site, _name = _prospect(admin)
    quote = salesman.call(
        "sale.order",
        "create",
        {
            "partner_id": partner,
            "fsm_location_id": site,
            "order_line": [
                (0, 0, {"product_id": products["visit"], "product_uom_qty": 1})
            ],
        },
    )
    salesman.call("sale.order", "action_confirm", [quote])
    assert _status(admin, "res.partner", partner) == "active"
    assert _status(admin, "fsm.location", site) == "active"
    jobs = admin.call(
        "fsm.order", "search_read", [("sale_id", "=", quote)], ["location_id"]
    )
    assert [j["location_id"][0] for j in jobs] == [site]


REFUSALS = {
    # kind: (model, values builder, expected message)
    "job": (
        "fsm.order",
        lambda p, s, pr: {"location_id": s},
        "before creating a Field Service order",
    ),
    "invoice": (
        "account.move",
        lambda p, s, pr: {
            "move_type": "out_invoice",
            "partner_id": p,
            "invoice_line_ids": [(0, 0, {"name": "Visit", "price_unit": 80})],
        },
        "before invoicing it",
    ),
    "asset": (
        "fsm.equipment",
        lambda p, s, pr: {"name": f"Boiler {uuid.uuid4().hex[:6]}", "location_id": s},
        "before registering an asset",
    ),
    "contract": (
        "contract.contract",
        lambda p, s, pr: {
            "name": "Maintenance",
            "partner_id": p,
            "contract_type": "sale",
        },
        "before creating a contract",
    ),
    "ppm": (
        "fsm.recurring",
        lambda p, s, pr: {"location_id": s},
        "planned maintenance",
    ),
    "ppm_quote": (
        "sale.order",
        lambda p, s, pr: {
            "partner_id": p,
            "order_line": [(0, 0, {"product_id": pr["ppm"]})],
        },
        "planned-maintenance products",
    ),
    "portal": (
        "res.users",
        lambda p, s, pr: {
            "name": pr["name"],
            "login": f"portal-{uuid.uuid4().hex[:6]}",
            "partner_id": p,
            "groups_id": [(6, 0, [pr["portal_group"]])],
        },
        "portal access",
    ),
}


@pytest.mark.parametrize("kind", sorted(REFUSALS))
def test_every_refused_document_is_a_readable_fault_and_writes_nothing(
    admin, products, kind
):
    model, values, expected = REFUSALS[kind]
    partner, site, name = _prospect(admin)
    products = dict(products, portal_group=admin.ref("base.group_portal"), name=name)
    before = admin.call(model, "search_count", [], context={"active_test": False})
    fault = admin.fault(model, "create", values(partner, site, products))
    assert expected in fault
    assert name in fault
    assert "Traceback" not in fault.splitlines()[-1]
    after = admin.call(model, "search_count", [], context={"active_test": False})
    assert after == before, "nothing written"
    assert _status(admin, "res.partner", partner) == "prospect"


def test_leads_and_suspended_customers_get_no_quote(admin, products):
    for status, expected in (("lead", "is a lead"), ("suspended", "is suspended")):
        partner, _site, name = _prospect(admin, status)
        fault = admin.fault(
            "sale.order",
            "create",
            {
                "partner_id": partner,
                "order_line": [(0, 0, {"product_id": products["visit"]})],
            },
        )
        assert f"{name} {expected}" in fault


def test_repointing_an_existing_job_to_a_prospect_site_is_refused(admin):
    _live, live_site, _ = _prospect(admin, "active")
    job = admin.call("fsm.order", "create", {"location_id": live_site})
    _partner, site, name = _prospect(admin)
    fault = admin.fault("fsm.order", "write", [job], {"location_id": site})
    assert f"Convert {name} to a customer" in fault
    assert (
        admin.call("fsm.order", "read", [job], ["location_id"])[0]["location_id"][0]
        == live_site
    )


def test_server_action_cannot_create_a_refused_document(admin):
    _partner, site, name = _prospect(admin)
    action = admin.call(
        "ir.actions.server",
        "create",
        {
            "name": "RPC job maker",
            "model_id": admin.call(
                "ir.model", "search", [("model", "=", "fsm.location")]
            )[0],
            "state": "code",
            "code": "env['fsm.order'].create({'location_id': record.id})",
        },
    )
    fault = admin.fault(
        "ir.actions.server",
        "run",
        [action],
        context={
            "active_model": "fsm.location",
            "active_id": site,
            "active_ids": [site],
        },
    )
    assert f"Convert {name} to a customer" in fault


def test_a_prospect_site_gets_a_site_survey_and_no_job_over_rpc(admin):
    survey_type = admin.ref("prospect_management.fsm_order_type_survey")
    company = admin.call("res.users", "read", [admin.uid], ["company_id"])[0][
        "company_id"
    ][0]
    admin.call(
        "res.company", "write", [company], {"prospect_survey_type_id": survey_type}
    )
    try:
        _partner, site, name = _prospect(admin)
        survey = admin.call(
            "fsm.order", "create", {"location_id": site, "type": survey_type}
        )
        assert (
            admin.call("fsm.order", "read", [survey], ["prospect_kind"])[0][
                "prospect_kind"
            ]
            == "survey"
        )
        fault = admin.fault("fsm.order", "create", {"location_id": site})
        assert f"Convert {name} to a customer" in fault
        fault = admin.fault("fsm.order", "write", [survey], {"type": False})
        assert "cannot become a job" in fault
        assert admin.call("fsm.order", "read", [survey], ["type"])[0]["type"][0] == (
            survey_type
        )
        assert _status(admin, "fsm.location", site) == "prospect"
    finally:
        admin.call(
            "res.company", "write", [company], {"prospect_survey_type_id": False}
        )
