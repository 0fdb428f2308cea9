# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestPortalAccess(ProspectCommon):
    def _grant(self, partner):
        partner.email = partner.email or f"{partner.id}@example.com"
        wizard = (
            self.env["portal.wizard"]
            .with_context(active_ids=partner.ids, active_model="res.partner")
            .create({})
        )
        wizard.user_ids.action_grant_access()
        return partner.with_context(active_test=False).user_ids

    def test_portal_wizard_refuses_a_prospect(self):
        with self.assertRaisesRegex(
            UserError, "does not give portal access to prospects"
        ):
            self._grant(self.prospect)
        self.assertFalse(self.prospect.with_context(active_test=False).user_ids)

    def test_the_setting_opens_the_portal_to_prospects_but_never_to_leads(self):
        self.company.prospect_portal_allowed = True
        user = self._grant(self.prospect)
        self.assertTrue(user.share)
        self.assertTrue(user.has_group("base.group_portal"))
        with self.assertRaisesRegex(UserError, "leads never get portal access"):
            self._grant(self.lead)

    def test_live_customers_get_portal_access(self):
        self.assertTrue(self._grant(self.active).share)
        self.assertTrue(self._grant(self.suspended).share)

    def test_a_contact_of_a_prospect_is_refused_too(self):
        contact = self.env["res.partner"].create(
            {
                "name": "Jane",
                "parent_id": self.prospect.id,
                "email": "jane@acme.example.com",
            }
        )
        with self.assertRaisesRegex(UserError, "ACME Ltd is a prospect"):
            self._grant(contact)

    def test_any_other_path_creating_a_share_user_is_refused(self):
        with self.assertRaisesRegex(UserError, "ACME Ltd is a prospect"):
            self.env["res.users"].create(
                {
                    "name": "ACME Ltd",
                    "login": "acme-portal",
                    "partner_id": self.prospect.id,
                    "groups_id": [Command.set([self.ref("base.group_portal")])],
                }
            )
        internal = self.env["res.users"].create(
            {
                "name": "Employee",
                "login": "acme-employee",
                "partner_id": self.prospect.id,
            }
        )
        self.assertFalse(internal.share, "internal users are not portal access")

    def test_importing_a_portal_user_for_a_prospect_imports_nothing(self):
        before = self.env["res.users"].with_context(active_test=False).search_count([])
        result = self.env["res.users"].load(
            ["name", "login", "partner_id/.id", "groups_id/id"],
            [["ACME Ltd", "acme-import", str(self.prospect.id), "base.group_portal"]],
        )
        self.assertFalse(result["ids"])
        self.assertIn("ACME Ltd is a prospect", result["messages"][0]["message"])
        after = self.env["res.users"].with_context(active_test=False).search_count([])
        self.assertEqual(after, before)
        self.company.prospect_portal_allowed = True
        result = self.env["res.users"].load(
            ["name", "login", "partner_id/.id", "groups_id/id"],
            [["ACME Ltd", "acme-import", str(self.prospect.id), "base.group_portal"]],
        )
        self.assertTrue(result["ids"], result["messages"])
