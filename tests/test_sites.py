# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestSiteStatus(ProspectCommon):
    def test_a_site_of_a_prospect_is_a_prospect_site(self):
        site = self._site(self.prospect)
        self.assertEqual(site.customer_status, "prospect")
        self.assertIn(site, self.prospect.prospect_site_ids)
        self.assertNotIn(site, self.prospect.live_site_ids)

    def test_a_site_of_an_active_customer_is_active(self):
        site = self._site(self.active)
        self.assertEqual(site.customer_status, "active")
        self.assertIn(site, self.active.live_site_ids)

    def test_activating_a_customer_activates_all_its_prospect_sites(self):
        sites = self._site(self.prospect, "North") | self._site(self.prospect, "South")
        other = self._site(self.lead, "Other customer's site")
        self.prospect.with_user(self.manager).write({"customer_status": "active"})
        self.assertEqual(sites.mapped("customer_status"), ["active", "active"])
        self.assertEqual(other.customer_status, "lead", "other customers untouched")
        self.assertFalse(self.prospect.prospect_site_ids)
        self.assertEqual(self.prospect.live_site_ids, sites)

    def test_the_cascade_needs_no_site_rights_of_its_own(self):
        """A manager without field service rights still activates the sites."""
        site = self._site(self.prospect)
        manager = self.manager
        manager.groups_id -= self.env.ref("fieldservice.group_fsm_manager")
        self.prospect.with_user(manager).write({"customer_status": "active"})
        self.assertEqual(site.customer_status, "active")

    def test_cascade_costs_the_same_for_1_or_20_sites(self):
        warm_up, big, small = self.env["res.partner"].create(
            [{"name": f"P{i}", "customer_status": "prospect"} for i in range(3)]
        )
        self._site(warm_up)
        self._site(small)
        self.env["fsm.location"].create(
            [{"name": f"S{i}", "owner_id": big.id} for i in range(20)]
        )
        counts = {}
        for customer in (warm_up, big, small):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            customer.with_user(self.manager).write({"customer_status": "active"})
            self.env.flush_all()
            counts[customer.name] = self.cr.sql_log_count - before
        self.assertEqual(
            counts["P1"], counts["P2"], f"queries for 20 and 1 sites: {counts}"
        )
        self.assertEqual(len(big.live_site_ids), 20)
        self.assertEqual(set(big.live_site_ids.mapped("customer_status")), {"active"})
        notes = self.env["mail.message"].search(
            [
                ("model", "=", "fsm.location"),
                ("res_id", "in", big.live_site_ids.ids),
                ("body", "ilike", "activated with its customer"),
            ]
        )
        self.assertEqual(
            len(notes), 20, "each site's chatter says why it became active"
        )
        self.assertIn("activated with its customer P1", notes[0].body)

    def test_a_prospect_site_of_an_active_customer_stays_independent(self):
        quoted = self._site(self.active, "Being quoted", customer_status="prospect")
        self.assertEqual(quoted.customer_status, "prospect")
        self.active.with_user(self.manager).write({"customer_status": "suspended"})
        self.active.with_user(self.manager).write({"customer_status": "active"})
        self.assertEqual(
            quoted.customer_status, "prospect", "no cascade between live statuses"
        )
        self.assertIn(quoted, self.active.prospect_site_ids)

    def test_a_site_cannot_be_ahead_of_its_customer(self):
        with self.assertRaisesRegex(ValidationError, "convert the customer first"):
            self._site(self.prospect, customer_status="active")

    def test_site_statuses_only_move_forward(self):
        site = self._site(self.active, customer_status="prospect").with_user(
            self.manager
        )
        site.write({"customer_status": "active"})
        with self.assertRaisesRegex(UserError, "only moves forward"):
            site.write({"customer_status": "prospect"})
        self.assertEqual(site.customer_status, "active")

    def test_prospect_user_cannot_change_a_site_status(self):
        site = self._site(self.active, customer_status="prospect")
        with self.assertRaises(AccessError):
            site.with_user(self.salesman).write({"customer_status": "active"})

    def test_prospect_user_adds_a_prospect_site_from_the_customer_form(self):
        form = Form(self.prospect.with_user(self.salesman))
        with form.prospect_site_ids.new() as line:
            line.name = "Depot"
        form.save()
        site = self.prospect.prospect_site_ids
        self.assertEqual(site.name, "Depot")
        self.assertEqual(site.customer_status, "prospect")

    def test_new_customer_gets_a_site_when_the_company_asks(self):
        self.company.prospect_auto_site = True
        form = Form(self.env["res.partner"].with_context(default_customer_rank=1))
        form.name = "Auto Site Ltd"
        form.is_prospect = True
        form.city = "Leeds"
        partner = form.save()
        site = partner.prospect_site_ids
        self.assertEqual(len(site), 1)
        self.assertEqual(site.customer_status, "prospect")
        self.assertEqual(site.city, "Leeds")
        active = self.env["res.partner"].create(
            {"name": "Live Auto", "customer_rank": 1}
        )
        self.assertEqual(active.live_site_ids.customer_status, "active")

    def test_no_site_without_the_setting_or_for_non_customers(self):
        partner = self.env["res.partner"].create(
            {"name": "Quiet Ltd", "is_prospect": True}
        )
        self.assertFalse(partner.prospect_site_ids | partner.live_site_ids)
        self.company.prospect_auto_site = True
        vendor = self.env["res.partner"].create(
            {"name": "Vendor Ltd", "supplier_rank": 1}
        )
        self.assertFalse(vendor.live_site_ids)
        contact = self.env["res.partner"].create(
            {"name": "Jane", "parent_id": self.prospect.id, "customer_rank": 1}
        )
        self.assertFalse(contact.live_site_ids | contact.prospect_site_ids)
