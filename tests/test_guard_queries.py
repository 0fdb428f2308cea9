# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import ExitStack
from unittest.mock import patch

from odoo.tests import tagged

from .common import ProspectDocumentsCommon

GUARDS = {
    "quote": [
        ("sale.order", "_check_prospect_quote"),
        ("sale.order.line", "_check_prospect_ppm_quote"),
    ],
    "job": [("fsm.order", "_check_prospect_job")],
    "invoice": [("account.move", "_check_prospect_invoice")],
    "asset": [("fsm.equipment", "_check_prospect_asset")],
    "contract": [("contract.contract", "_check_prospect_contract")],
    "ppm": [("fsm.recurring", "_check_prospect_ppm")],
}


@tagged("post_install", "-at_install")
class TestGuardQueryCount(ProspectDocumentsCommon):
    """A batch of N documents costs the guards a constant number of queries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.batch_customers = Partner.create(
            [{"name": f"Customer {i}", "is_company": True} for i in range(50)]
        )
        cls.batch_sites = cls.env["fsm.location"].create(
            [
                {"name": f"Site {i}", "owner_id": p.id}
                for i, p in enumerate(cls.batch_customers)
            ]
        )

    def _queries_to_create(self, kind, n):
        model = self.env[self.MODELS[kind]]
        vals_list = [
            self._values(kind, customer, site)
            for customer, site in zip(
                self.batch_customers[:n], self.batch_sites[:n], strict=True
            )
        ]
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        model.create(vals_list)
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _without_guards(self, kind):
        """The document models as they are without this addon's constraints."""
        stack = ExitStack()
        for model, method in GUARDS[kind]:
            Model = self.env[model]
            kept = [m for m in Model._constraint_methods if m.__name__ != method]
            self.assertEqual(len(kept), len(Model._constraint_methods) - 1, method)
            stack.enter_context(patch.object(type(Model), "_constraint_methods", kept))
        return stack

    def _guard_cost(self, kind, n):
        """Queries of creating n documents, minus the same without the guards."""
        self._queries_to_create(kind, n)  # warm the caches
        guarded = self._queries_to_create(kind, n)
        with self._without_guards(kind):
            bare = self._queries_to_create(kind, n)
        return guarded - bare

    def test_guard_cost_does_not_grow_with_the_batch(self):
        costs = {}
        for kind in GUARDS:
            with self.subTest(kind=kind):
                costs[kind] = (self._guard_cost(kind, 1), self._guard_cost(kind, 50))
                self.assertEqual(
                    costs[kind][0],
                    costs[kind][1],
                    f"{kind}: extra queries for 1 and 50",
                )
                self.assertLessEqual(costs[kind][1], 4, f"{kind}: {costs[kind]}")
