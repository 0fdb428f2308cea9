# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestMergeKeepsTheAdvancedStatus(ProspectCommon):
    def _merge(self, partners, destination, user=None):
        Wizard = self.env["base.partner.merge.automatic.wizard"].with_user(
            user or self.salesman
        )
        wizard = Wizard.create(
            {
                "partner_ids": [Command.set(partners.ids)],
                "dst_partner_id": destination.id,
                "state": "selection",
            }
        )
        wizard.action_merge()

    def _same_email(self, *partners):
        for partner in partners:
            partner.email = "office@acme.example.com"

    def test_a_prospect_merged_into_a_customer_leaves_it_live(self):
        self._same_email(self.prospect, self.active)
        site = self._site(self.prospect)
        self._merge(self.prospect | self.active, self.active)
        self.assertFalse(self.prospect.exists())
        self.assertEqual(self.active.customer_status, "active")
        self.assertEqual(site.owner_id, self.active)

    def test_a_customer_merged_into_a_prospect_makes_it_live(self):
        """Even when a Prospect User merges: merging never loses a customer."""
        self._same_email(self.prospect, self.suspended)
        site = self._site(self.prospect)
        self._merge(self.prospect | self.suspended, self.prospect)
        self.assertFalse(self.suspended.exists())
        self.assertEqual(self.prospect.customer_status, "suspended")
        self.assertEqual(site.customer_status, "active", "its sites are live too")
        self.assertEqual(
            self.prospect.prospect_stage_id,
            self.env.ref("prospect_management.stage_converted"),
        )

    def test_a_lead_merged_into_a_prospect_stays_a_prospect(self):
        self._same_email(self.prospect, self.lead)
        self._merge(self.prospect | self.lead, self.prospect)
        self.assertEqual(self.prospect.customer_status, "prospect")

    def test_merging_two_live_customers_keeps_the_destination_status(self):
        self._same_email(self.active, self.suspended)
        self._merge(self.active | self.suspended, self.active)
        self.assertEqual(self.active.customer_status, "active")
