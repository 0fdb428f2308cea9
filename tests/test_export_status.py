# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestExportStatus(ProspectCommon):
    """Exports of customers and sites carry the status, as its label."""

    def export_with_template(self, xmlid, records):
        template = self.env.ref(xmlid)
        self.assertEqual(template.resource, records._name)
        names = template.export_fields.mapped("name")
        self.assertIn("customer_status", names)
        rows = records.export_data(names)["datas"]
        return [dict(zip(names, row, strict=True)) for row in rows]

    def test_customers_with_status_template_exports_the_label(self):
        rows = self.export_with_template(
            "prospect_management.export_customers_with_status",
            self.lead | self.prospect | self.active | self.suspended,
        )
        self.assertEqual(
            [(row["name"], row["customer_status"]) for row in rows],
            [
                ("Lead Ltd", "Lead"),
                ("ACME Ltd", "Prospect"),
                ("Live Ltd", "Active"),
                ("Held Ltd", "Suspended"),
            ],
        )
        self.assertEqual(
            rows[1]["prospect_stage_id"], self.prospect.prospect_stage_id.name
        )

    def test_sites_with_status_template_exports_the_label(self):
        sites = self._site(self.prospect, "ACME Depot") | self._site(
            self.active, "Live Depot"
        )
        rows = self.export_with_template(
            "prospect_management.export_sites_with_status", sites
        )
        self.assertEqual(
            [(row["name"], row["owner_id"], row["customer_status"]) for row in rows],
            [
                ("ACME Depot", "ACME Ltd", "Prospect"),
                ("Live Depot", "Live Ltd", "Active"),
            ],
        )

    def test_an_export_imports_back_unchanged(self):
        names = self.env.ref(
            "prospect_management.export_customers_with_status"
        ).export_fields.mapped("name")
        partners = self.prospect | self.active
        data = partners.export_data(names)["datas"]
        result = self.env["res.partner"].with_user(self.manager).load(names, data)
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(result["ids"], partners.ids)
        self.assertEqual(partners.mapped("customer_status"), ["prospect", "active"])
