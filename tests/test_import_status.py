# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestImportStatus(ProspectCommon):
    """Odoo's import (``load``) goes through the same lifecycle rules."""

    def _load(self, fields, rows, user=None):
        Partner = self.env["res.partner"].with_user(user or self.manager)
        return Partner.load(fields, rows)

    def test_import_new_customers_with_a_status_column(self):
        result = self._load(
            ["name", "customer_status"],
            [
                ["Imported Prospect", "Prospect"],
                ["Imported Lead", "lead"],
                ["Live", "Active"],
            ],
        )
        self.assertFalse(result["messages"], result["messages"])
        partners = self.env["res.partner"].browse(result["ids"])
        self.assertEqual(
            partners.mapped("customer_status"), ["prospect", "lead", "active"]
        )

    def test_import_update_moves_a_status_forward(self):
        xmlid = self._xmlid(self.prospect)
        result = self._load(["id", "customer_status"], [[xmlid, "Active"]])
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(self.prospect.customer_status, "active")

    def test_a_refused_back_transition_imports_nothing(self):
        active_id = self._xmlid(self.active)
        prospect_id = self._xmlid(self.prospect)
        result = self._load(
            ["id", "name", "customer_status"],
            [
                [prospect_id, "ACME renamed", "Active"],
                ["__import__.brand_new", "Brand New", "Prospect"],
                [active_id, "Live Ltd", "Prospect"],
            ],
        )
        self.assertFalse(result["ids"], "nothing imported")
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertEqual(len(errors), 1, result["messages"])
        self.assertIn(
            "Live Ltd cannot go from Active back to Prospect", errors[0]["message"]
        )
        self.assertEqual(errors[0]["record"], 2, "the third row is named")
        self.prospect.invalidate_recordset()
        self.assertEqual(self.prospect.name, "ACME Ltd")
        self.assertEqual(self.prospect.customer_status, "prospect")
        self.assertFalse(self.env.ref("__import__.brand_new", raise_if_not_found=False))

    def test_prospect_user_import_cannot_change_status(self):
        result = self._load(
            ["id", "customer_status"],
            [[self._xmlid(self.prospect), "Active"]],
            user=self.salesman,
        )
        self.assertFalse(result["ids"])
        self.assertIn("Only a Prospect Manager", result["messages"][0]["message"])
        self.assertEqual(self.prospect.customer_status, "prospect")

    def _xmlid(self, record):
        name = f"pm_test_{record.id}"
        self.env["ir.model.data"].create(
            {
                "module": "__import__",
                "name": name,
                "model": record._name,
                "res_id": record.id,
            }
        )
        return f"__import__.{name}"
