# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.tests import tagged

from .common import ProspectDocumentsCommon

KINDS = ("quote", "job", "invoice", "asset", "contract", "ppm")


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

    def _guard_cost(self, kind, n):
        """Queries of creating n documents, minus the same without the policy."""
        self._queries_to_create(kind, n)  # warm the caches
        guarded = self._queries_to_create(kind, n)
        Partner = type(self.env["res.partner"])
        with patch.object(Partner, "_prospect_check_records", lambda *a, **k: None):
            bare = self._queries_to_create(kind, n)
        return guarded - bare

    def test_guard_cost_does_not_grow_with_the_batch(self):
        costs = {}
        for kind in KINDS:
            with self.subTest(kind=kind):
                costs[kind] = (self._guard_cost(kind, 1), self._guard_cost(kind, 50))
                self.assertEqual(
                    costs[kind][0],
                    costs[kind][1],
                    f"{kind}: extra queries for 1 and 50",
                )
                self.assertLessEqual(costs[kind][1], 4, f"{kind}: {costs[kind]}")
