# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestSettings(ProspectCommon):
    def test_settings_are_per_company_and_shown_in_sales_settings(self):
        other = self.env["res.company"].create({"name": "Branch North"})
        admin = self.manager
        admin.write(
            {
                "company_ids": [(4, other.id)],
                "groups_id": [(4, self.ref("base.group_system"))],
            }
        )
        settings = Form(self.env["res.config.settings"].with_user(admin))
        settings.prospect_default_status = "prospect"
        settings.prospect_auto_site = True
        settings.prospect_stale_days = 12
        settings.prospect_account_request_user_id = self.manager
        settings.save().execute()
        self.assertEqual(self.company.prospect_default_status, "prospect")
        self.assertTrue(self.company.prospect_auto_site)
        self.assertEqual(self.company.prospect_stale_days, 12)
        self.assertEqual(self.company.prospect_account_request_user_id, self.manager)
        # the other company keeps the out-of-the-box values
        self.assertEqual(other.prospect_default_status, "active")
        self.assertFalse(other.prospect_auto_site)
        self.assertTrue(other.prospect_enabled)
        self.assertTrue(other.prospect_auto_activate)
        self.assertFalse(other.prospect_portal_allowed)
        self.assertFalse(other.prospect_use_leads)

    def test_settings_block_is_in_the_sales_app(self):
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        for fname in (
            "prospect_enabled",
            "prospect_default_status",
            "prospect_use_leads",
            "prospect_auto_activate",
            "prospect_portal_allowed",
            "prospect_auto_site",
            "prospect_stale_days",
            "prospect_account_request_user_id",
        ):
            self.assertIn(f'name="{fname}"', arch)
