# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ProspectDocumentsCommon


@tagged("post_install", "-at_install")
class TestPartnerMoves(ProspectDocumentsCommon):
    """Moving a contact, a site or a merge never puts live documents under a
    pre-customer: the documents stay as they are, the customer they belong
    to would change."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.jane = Partner.create(
            {
                "name": "Jane Foster",
                "email": "jane@live.example.com",
                "parent_id": cls.active.id,
            }
        )
        cls.bob = Partner.create({"name": "Bob Stone", "parent_id": cls.active.id})

    def _invoice(self, partner, post=True):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_line_ids": [
                    Command.create({"name": "Visit", "quantity": 1, "price_unit": 80})
                ],
            }
        )
        if post:
            invoice.action_post()
        return invoice

    def _refused(self, regex, move):
        with self.assertRaisesRegex(UserError, regex) as caught:
            move()
        return caught

    # ------------------------------------------------------------ contacts
    def test_a_contact_with_invoices_does_not_move_under_a_prospect(self):
        invoice = self._invoice(self.jane)
        self.assertEqual(invoice.state, "posted")
        caught = self._refused(
            "Jane Foster has invoices",
            lambda: self.jane.write({"parent_id": self.prospect.id}),
        )
        self.assertEqual(
            str(caught.exception),
            "Jane Foster has invoices: convert ACME Ltd to a customer before "
            "moving Jane Foster under it.",
        )
        self.assertEqual(self.jane.parent_id, self.active, "nothing changed")
        self.assertEqual(invoice.commercial_partner_id, self.active)

    def test_moving_many_contacts_is_refused_as_a_whole(self):
        self._invoice(self.bob)
        contacts = self.jane | self.bob
        self._refused(
            "Bob Stone has invoices",
            lambda: contacts.write({"parent_id": self.prospect.id}),
        )
        self.assertEqual(contacts.parent_id, self.active)
        self.assertEqual(set(contacts.mapped("customer_status")), {"active"})

    def test_a_contact_without_documents_moves_freely(self):
        self.jane.parent_id = self.prospect
        self.assertEqual(self.jane.customer_status, "prospect")

    def test_quotes_follow_the_matrix(self):
        """A prospect may have quotes; a lead may not; cancelled ones do not
        count."""
        quote = self._create("quote", self.jane)
        self.jane.parent_id = self.prospect
        self.assertEqual(quote.partner_id.commercial_partner_id, self.prospect)
        self._refused(
            "Jane Foster has quotes: make Lead Ltd a prospect before moving "
            "Jane Foster under it",
            lambda: self.jane.write({"parent_id": self.lead.id}),
        )
        quote._action_cancel()
        self.jane.parent_id = self.lead
        self.assertEqual(self.jane.customer_status, "lead")

    def test_a_suspended_customer_is_reactivated_first(self):
        self._create("contract", self.jane)
        self._refused(
            "Jane Foster has contracts: reactivate Held Ltd before moving "
            "Jane Foster under it",
            lambda: self.jane.write({"parent_id": self.suspended.id}),
        )
        self._invoice(self.bob)
        self.bob.parent_id = self.suspended  # billing is allowed on hold

    def test_the_contacts_of_a_moved_contact_move_with_it(self):
        assistant = self.env["res.partner"].create(
            {"name": "Tim Assistant", "parent_id": self.jane.id}
        )
        self._invoice(assistant)
        self._refused(
            "Tim Assistant has invoices: convert ACME Ltd to a customer before "
            "moving Jane Foster under it",
            lambda: self.jane.write({"parent_id": self.prospect.id}),
        )
        self.assertEqual(assistant.commercial_partner_id, self.active)

    def test_a_company_made_a_contact_of_a_prospect(self):
        branch = self.env["res.partner"].create(
            {"name": "Branch Office", "is_company": True, "parent_id": self.prospect.id}
        )
        self.assertEqual(branch.commercial_partner_id, branch)
        self._invoice(branch)
        self._refused(
            "Branch Office has invoices: convert ACME Ltd",
            lambda: branch.write({"is_company": False}),
        )
        self.assertTrue(branch.is_company)
        self.assertEqual(branch.commercial_partner_id, branch)

    def test_a_contact_owning_a_site_with_jobs(self):
        site = self._site(self.jane, "Jane's Workshop")
        self.env["fsm.order"].create({"location_id": site.id})
        self._refused(
            "Site .*Jane's Workshop has field service orders: convert ACME Ltd "
            "to a customer before moving Jane Foster under it",
            lambda: self.jane.write({"parent_id": self.prospect.id}),
        )
        self.assertEqual(self.jane.parent_id, self.active)

    def test_a_contact_owning_a_live_site_without_documents(self):
        site = self._site(self.jane, "Jane's Shed")
        self.assertEqual(site.customer_status, "active")
        self._refused(
            "Jane's Shed cannot be Active while its customer ACME Ltd is a prospect",
            lambda: self.jane.write({"parent_id": self.prospect.id}),
        )

    def test_portal_access_follows_the_company_setting(self):
        self.env["portal.wizard"].with_context(active_ids=self.jane.ids).create(
            {}
        ).user_ids.action_grant_access()
        self.assertTrue(self.jane.user_ids.share)
        self._refused(
            "Jane Foster has portal access: convert ACME Ltd to a customer",
            lambda: self.jane.write({"parent_id": self.prospect.id}),
        )
        self.company.prospect_portal_allowed = True
        self.jane.parent_id = self.prospect
        self.assertEqual(self.jane.customer_status, "prospect")

    def test_moving_contacts_costs_the_same_for_1_or_50(self):
        """The check reads the moved partners' documents in a constant
        number of queries (compared with the same move without it)."""
        Partner = self.env["res.partner"]
        contacts = Partner.create(
            [{"name": f"Contact {i}", "parent_id": self.active.id} for i in range(51)]
        )
        self._invoice(contacts[0])
        targets = Partner.create(
            [{"name": f"Target {i}", "is_company": True} for i in range(4)]
        )

        def queries(batch, target):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            batch.write({"parent_id": target.id})
            self.env.flush_all()
            return self.cr.sql_log_count - before

        for warm_up in (targets[0], self.active):  # the caches, both ways
            queries(contacts[1:], warm_up)
        costs = {}
        for n, (checked_to, bare_to) in ((1, targets[:2]), (50, targets[2:])):
            batch = contacts[1 : n + 1]
            checked = queries(batch, checked_to)
            with patch.object(
                type(Partner), "_prospect_check_moved", lambda self, roots: None
            ):
                bare = queries(batch, bare_to)
            costs[n] = checked - bare
        self.assertEqual(costs[1], costs[50], costs)
        self.assertLessEqual(costs[50], 20, costs)

    # --------------------------------------------------------------- sites
    def test_a_site_with_jobs_is_not_given_to_a_prospect(self):
        site = self.sites["active"]
        self.env["fsm.order"].create({"location_id": site.id})
        caught = self._refused(
            "has field service orders",
            lambda: site.write({"owner_id": self.prospect.id}),
        )
        self.assertEqual(
            str(caught.exception),
            f"Site {site.display_name} has field service orders: convert ACME Ltd "
            "to a customer before moving the site to it.",
        )
        self.assertEqual(site.owner_id, self.active)

    def test_a_site_with_assets_or_planned_maintenance(self):
        for kind, label in (("asset", "equipment"), ("ppm", "planned-maintenance")):
            with self.subTest(kind=kind):
                site = self._site(self.active, f"Site with {kind}")
                self._create(kind, self.active, site)
                self._refused(
                    f"Site with {kind} has {label}",
                    lambda site=site: site.write({"owner_id": self.lead.id}),
                )
                self.assertEqual(site.owner_id, self.active)

    def test_a_site_with_a_quote_may_go_to_a_prospect_not_to_a_lead(self):
        site = self._site(self.active, "Quoted Depot", customer_status="prospect")
        self.env["sale.order"].create(
            {"partner_id": self.active.id, "fsm_location_id": site.id}
        )
        self._refused(
            "Site Quoted Depot has quotes: make Lead Ltd a prospect",
            lambda: site.write({"owner_id": self.lead.id}),
        )
        site.owner_id = self.prospect
        self.assertEqual(site.owner_id, self.prospect)

    def test_a_site_moves_between_live_customers(self):
        site = self.sites["active"]
        self.env["fsm.order"].create({"location_id": site.id})
        other = self.env["res.partner"].create(
            {"name": "Other Live", "is_company": True}
        )
        site.owner_id = other
        self.assertEqual(site.owner_id, other)

    # --------------------------------------------------------------- merge
    def _merge(self, partners, destination):
        wizard = self.env["base.partner.merge.automatic.wizard"].create(
            {
                "partner_ids": [Command.set(partners.ids)],
                "dst_partner_id": destination.id,
                "state": "selection",
            }
        )
        wizard.action_merge()

    def test_merging_into_a_contact_of_a_prospect(self):
        ann = self.env["res.partner"].create(
            {"name": "Ann Prospect", "parent_id": self.prospect.id}
        )
        self._invoice(self.jane)
        self._refused(
            "Jane Foster has invoices: convert ACME Ltd to a customer before "
            "merging Jane Foster into ACME Ltd, Ann Prospect",
            lambda: self._merge(self.jane | ann, ann),
        )
        self.assertTrue(self.jane.exists())
        self.assertEqual(self.jane.parent_id, self.active)

    def test_merging_a_contact_of_a_live_customer_into_a_prospect(self):
        """The prospect does not become a customer by taking a contact."""
        self._invoice(self.jane)
        self._refused(
            "Jane Foster has invoices: convert ACME Ltd",
            lambda: self._merge(self.jane | self.prospect, self.prospect),
        )
        self.assertEqual(self.prospect.customer_status, "prospect")
        self.assertTrue(self.jane.exists())

    def test_merging_a_live_customer_into_a_prospect_makes_it_live(self):
        self._invoice(self.active)
        self._merge(self.active | self.prospect, self.prospect)
        self.assertEqual(self.prospect.customer_status, "active")
        self.assertEqual(self.jane.commercial_partner_id, self.prospect)

    def test_merging_two_contacts_of_one_customer(self):
        self._invoice(self.jane)
        self._merge(self.jane | self.bob, self.bob)
        self.assertFalse(self.jane.exists())
