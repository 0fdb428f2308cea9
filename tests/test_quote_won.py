# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import ProspectDocumentsCommon


@tagged("post_install", "-at_install")
class TestQuoteWon(ProspectDocumentsCommon):
    """Winning a quote turns the prospect and its sites into a live customer."""

    def _quote(self, customer, site=None, product=None, user=None):
        form = Form(self.env["sale.order"].with_user(user or self.field_salesman))
        form.partner_id = customer
        if site:
            form.fsm_location_id = site
        with form.order_line.new() as line:
            line.product_id = product or self.product_visit
        return form.save()

    def _jobs(self, quote):
        return self.env["fsm.order"].search([("sale_id", "=", quote.id)])

    def test_salesperson_wins_a_quote_and_the_prospect_becomes_a_customer(self):
        head_office = self.sites["prospect"]
        depot = self._site(self.prospect, "ACME depot")
        quote = self._quote(self.prospect, head_office)
        self.assertEqual(
            quote.partner_customer_status, "prospect", "shown on the quote"
        )
        self.assertFalse(
            self.field_salesman.has_group("prospect_management.group_prospect_manager")
        )

        quote.with_user(self.field_salesman).action_confirm()

        self.assertEqual(quote.state, "sale")
        self.assertEqual(self.prospect.customer_status, "active")
        self.assertEqual(
            (head_office | depot).mapped("customer_status"), ["active"] * 2
        )
        job = self._jobs(quote)
        self.assertEqual(len(job), 1, "fieldservice_sale created the job")
        self.assertEqual(job.location_id, head_office)
        note = self.prospect.message_ids.filtered(
            lambda m: quote.name in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn("Sam Salesman confirmed", note.body)
        self.assertEqual(self.prospect.prospect_converted_user_id, self.field_salesman)
        self.assertEqual(
            self.prospect.prospect_stage_id,
            self.env.ref("prospect_management.stage_converted"),
        )

    def test_the_customer_can_then_be_invoiced(self):
        quote = self._quote(self.prospect, self.sites["prospect"], self.product_plain)
        quote.action_confirm()
        self.assertTrue(self._create("invoice", self.prospect))

    def test_confirmation_refused_when_auto_activation_is_off(self):
        self.company.prospect_auto_activate = False
        quote = self._quote(self.prospect, self.sites["prospect"])
        with self.assertRaisesRegex(UserError, "Convert to Customer"):
            quote.with_user(self.field_salesman).action_confirm()
        self.assertEqual(self.prospect.customer_status, "prospect")
        self.assertFalse(self._jobs(quote))

    def test_winning_a_quote_for_a_prospect_site_of_an_active_customer(self):
        annex = self._site(self.active, "Annex", customer_status="prospect")
        other = self._site(self.active, "Other quoted site", customer_status="prospect")
        quote = self._quote(self.active, annex)
        quote.with_user(self.field_salesman).action_confirm()
        self.assertEqual(annex.customer_status, "active")
        self.assertEqual(other.customer_status, "prospect", "only the quoted site")
        self.assertEqual(self._jobs(quote).location_id, annex)
        self.assertIn(quote.name, annex.message_ids[0].body)

    def test_suspended_and_lead_customers_cannot_confirm(self):
        quote = self._quote(self.active, self.sites["active"])
        self.active.write({"customer_status": "suspended"})
        with self.assertRaisesRegex(UserError, "Live Ltd is suspended"):
            quote.action_confirm()
        # a quote of a lead can only be legacy data: point one at it in SQL
        legacy = self._quote(self.prospect)
        self.env.cr.execute(
            "UPDATE sale_order SET partner_id = %s WHERE id = %s",
            [self.lead.id, legacy.id],
        )
        legacy.invalidate_recordset()
        with self.assertRaisesRegex(UserError, "Lead Ltd is a lead"):
            legacy.action_confirm()
        self.assertEqual(self.lead.customer_status, "lead")

    def test_many_quotes_at_once_activate_each_customer_once(self):
        other = self.env["res.partner"].create(
            {"name": "Beta Ltd", "is_company": True, "customer_status": "prospect"}
        )
        other_site = self._site(other)
        quotes = (
            self._quote(self.prospect, self.sites["prospect"])
            | self._quote(self.prospect, self.sites["prospect"])
            | self._quote(other, other_site)
        )
        self.env.flush_all()
        self.env.cr.precommit.run()  # let the customers' creation settle
        quotes.with_user(self.field_salesman).action_confirm()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(set(quotes.mapped("state")), {"sale"})
        won = {self.prospect: quotes[:2], other: quotes[2]}
        for customer, site in (
            (self.prospect, self.sites["prospect"]),
            (other, other_site),
        ):
            tracked = customer.message_ids.tracking_value_ids.filtered(
                lambda t: t.field_id.name == "customer_status"
            )
            self.assertEqual(len(tracked), 1, f"{customer.name} activated once")
            # one note per customer, naming its own won quotes and no other
            won_notes = customer.message_ids.filtered(
                lambda m: "Activated: Sam Salesman confirmed" in (m.body or "")
            )
            self.assertEqual(len(won_notes), 1, customer.name)
            for quote in quotes:
                if quote in won[customer]:
                    self.assertIn(quote.name, won_notes.body)
                else:
                    self.assertNotIn(quote.name, won_notes.body)
            # its site is activated once, with its customer, and says so
            site_notes = site.message_ids.filtered(
                lambda m: "activated" in (m.body or "").lower()
            )
            self.assertEqual(len(site_notes), 1, site.name)
            self.assertIn(
                f"Site activated with its customer {customer.name}.",
                site_notes.body,
            )
        for quote in quotes:
            self.assertEqual(len(self._jobs(quote)), 1)

    def test_activation_does_not_need_the_manager_group_but_manual_change_does(self):
        quote = self._quote(self.prospect, product=self.product_plain)
        with self.assertRaises(AccessError):
            self.prospect.with_user(self.field_salesman).write(
                {"customer_status": "active"}
            )
        quote.with_user(self.field_salesman).action_confirm()
        self.assertEqual(self.prospect.customer_status, "active")

    def test_ppm_quote_refused_for_prospect_allowed_once_active(self):
        with self.assertRaisesRegex(UserError, "planned-maintenance products"):
            self._quote(self.prospect, product=self.product_ppm)
        quote = self._quote(self.prospect, product=self.product_plain)
        with self.assertRaisesRegex(UserError, "planned-maintenance products"):
            quote.write(
                {"order_line": [Command.create({"product_id": self.product_ppm.id})]}
            )
        quote.action_confirm()
        self.assertTrue(self._quote(self.prospect, product=self.product_ppm))

    def test_a_ppm_quote_cannot_be_moved_to_a_prospect(self):
        quote = self._quote(self.active, product=self.product_ppm)
        with self.assertRaisesRegex(UserError, "planned-maintenance products"):
            quote.write({"partner_id": self.prospect.id})

    def test_a_company_without_prospect_management_confirms_without_activating(self):
        self.company.prospect_enabled = False
        quote = self._quote(self.prospect, product=self.product_plain)
        quote.action_confirm()
        self.assertEqual(quote.state, "sale")
        self.assertEqual(self.prospect.customer_status, "prospect")
