# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What an office user noticed while walking through the addon (issue 16):
the one-click status, the duplicate banners, the site and quote defaults,
the confirmations and the refusal that leads to the conversion wizard."""

from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import Form

from odoo.addons.prospect_management.models.prospect_exceptions import (
    ProspectConversionNeeded,
)

from .common import ProspectDocumentsCommon


class TestWalkthroughFeedback(ProspectDocumentsCommon):
    # ------------------------------------------------ one-click status
    def test_the_status_widget_offers_only_forward_statuses(self):
        Partner = self.env["res.partner"].with_user(self.manager)
        next_of = {
            p.name: p.customer_status_next
            for p in Partner.browse(
                (self.lead | self.prospect | self.active | self.suspended).ids
            )
        }
        self.assertEqual(
            next_of,
            {
                "Lead Ltd": "prospect,active,suspended",
                "ACME Ltd": "active,suspended",
                "Live Ltd": "suspended",
                "Held Ltd": "active",
            },
        )
        # a salesperson may change nothing: nothing is offered
        self.assertFalse(self.prospect.with_user(self.salesman).customer_status_next)

    def test_activating_in_one_click_says_what_happens(self):
        self._site(self.prospect, "ACME Depot")
        sites = self.env["fsm.location"].search_count(
            [("owner_id", "=", self.prospect.id), ("customer_status", "=", "prospect")]
        )
        info = self.prospect.with_user(self.manager).prospect_status_change_info(
            "active"
        )
        self.assertIn("cannot be undone", info["body"])
        self.assertIn(f"prospect sites ({sites}) become active", info["body"])
        self.assertTrue(info["wizard"], "the conversion wizard is offered instead")
        suspend = self.active.prospect_status_change_info("suspended")
        self.assertIn("Suspend Live Ltd", suspend["title"])
        self.assertFalse(suspend["wizard"])
        self.assertFalse(
            self.lead.prospect_status_change_info("prospect"),
            "a lead made a prospect needs no confirmation",
        )

    # ------------------------------------------------------- duplicates
    def test_a_converted_prospect_is_no_duplicate_of_its_customer(self):
        vat = "BE0477472701"
        customer = self.env["res.partner"].create(
            {"name": "Vat Customer", "is_company": True, "vat": vat}
        )
        prospect = self.env["res.partner"].create(
            {
                "name": "Vat Prospect",
                "is_company": True,
                "customer_status": "prospect",
                "vat": vat,
            }
        )
        self.assertEqual(customer.same_vat_partner_id, prospect)
        self.assertIn(customer, prospect.prospect_duplicate_ids)
        prospect.with_user(self.manager).prospect_link_into(customer.id)
        customer.invalidate_recordset(["same_vat_partner_id"])
        prospect.invalidate_recordset(["same_vat_partner_id"])
        self.assertFalse(customer.same_vat_partner_id)
        self.assertFalse(prospect.same_vat_partner_id)
        self.assertFalse(prospect.prospect_duplicate_ids)
        # any other partner with that Tax ID is still flagged
        other = self.env["res.partner"].create(
            {"name": "Vat Other", "is_company": True, "vat": vat}
        )
        self.assertEqual(other.same_vat_partner_id, customer)
        customer.invalidate_recordset(["same_vat_partner_id"])
        self.assertEqual(customer.same_vat_partner_id, other)

    # ------------------------------------------------- sites and quotes
    def test_a_new_site_starts_at_its_customers_address(self):
        self.active.write({"street": "1 Main Street", "city": "Leuven"})
        view = "prospect_management.fsm_location_prospect_form"
        form = Form(
            self.env["fsm.location"].with_context(default_owner_id=self.active.id),
            view=view,
        )
        self.assertEqual(form.street, "1 Main Street")
        self.assertEqual(form.city, "Leuven")
        form.name = "Live Depot"
        site = form.save()
        self.assertEqual(site.street, "1 Main Street")

    def test_a_quote_preselects_the_customers_only_site(self):
        customer = self.customers["prospect"]
        site = self.sites["prospect"]
        order = Form(self.env["sale.order"])
        order.partner_id = customer
        self.assertEqual(order.fsm_location_id, site)
        self._site(customer, "Second Site")
        order = Form(self.env["sale.order"])
        order.partner_id = customer
        self.assertFalse(order.fsm_location_id, "two sites: the user chooses")

    # ---------------------------------------------------- confirmations
    def test_a_won_quote_tells_the_user_who_became_active(self):
        quote = self._create("quote", self.customers["prospect"])
        Users = type(self.env["res.users"])
        with patch.object(Users, "_bus_send", autospec=True) as send:
            self.assertIs(quote.action_confirm(), True)
        (user, kind, payload), __ = send.call_args
        self.assertEqual((user, kind), (self.env.user, "simple_notification"))
        self.assertIn(self.customers["prospect"].name, payload["message"])
        self.assertIn("now an active customer", payload["message"])

    def test_converting_in_place_notifies_and_reloads_the_form(self):
        wizard = (
            self.env["prospect.convert.wizard"]
            .with_user(self.manager)
            .with_context(
                active_model="res.partner",
                active_id=self.prospect.id,
                active_ids=self.prospect.ids,
            )
            .create({})
        )
        action = wizard.action_convert()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("ACME Ltd is now a customer", action["params"]["message"])
        self.assertEqual(
            action["params"]["next"],
            {"type": "ir.actions.act_window_close"},
            "the form it came from reloads: no second breadcrumb",
        )

    # ------------------------------------------------------------ refusal
    def test_a_refused_order_names_the_menu_and_opens_the_wizard(self):
        customer = self.customers["prospect"]
        with self.assertRaises(ProspectConversionNeeded) as caught:
            self.env["res.partner"].with_user(self.manager)._prospect_check_records(
                "job", customer, self.company
            )
        message = str(caught.exception)
        self.assertIn("before creating a Field Service order", message)
        self.assertIn("Sales › Prospects › Prospects", message)
        redirect = caught.exception.context["prospect_redirect"]
        self.assertEqual(redirect["action"]["res_model"], "prospect.convert.wizard")
        self.assertEqual(redirect["additional_context"]["active_ids"], customer.ids)
        # who may not convert gets the sentence alone
        with self.assertRaises(UserError) as caught:
            self.env["res.partner"].with_user(self.salesman)._prospect_check_records(
                "job", customer, self.company
            )
        self.assertNotIsInstance(caught.exception, ProspectConversionNeeded)

    def test_the_job_guard_raises_it_through_the_orm(self):
        with self.assertRaises(ProspectConversionNeeded):
            self.env["fsm.order"].create({"location_id": self.sites["prospect"].id})
        self.assertTrue(
            issubclass(ProspectConversionNeeded, UserError), "imports keep working"
        )
