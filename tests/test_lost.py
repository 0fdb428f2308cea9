# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestLost(ProspectCommon):
    """A salesperson gives up prospects with a reason, and reopens one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason = cls.env.ref("prospect_management.lost_reason_competitor")
        cls.lost_stage = cls.env.ref("prospect_management.stage_lost")
        cls.first_stage = cls.env["prospect.stage"]._prospect_stage_for(
            "open", cls.company
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Lost Test Service", "type": "service", "list_price": 80}
        )

    def wizard(self, partners, **vals):
        form = Form(
            self.env["prospect.lost.wizard"]
            .with_user(self.salesman)
            .with_context(active_model="res.partner", active_ids=partners.ids)
        )
        form.lost_reason_id = vals.pop("reason", self.reason)
        for name, value in vals.items():
            setattr(form, name, value)
        return form.save()

    def test_mark_fifty_prospects_lost_from_the_list_in_one_go(self):
        prospects = self.env["res.partner"].create(
            [
                {"name": f"Gone {i}", "is_company": True, "customer_status": "prospect"}
                for i in range(50)
            ]
        )
        wizard = self.wizard(prospects, note="<p>Met them at the fair</p>")
        self.assertEqual(wizard.prospect_count, 50)
        self.assertEqual(wizard.summary, "50 prospects go to the Lost stage.")
        wizard.action_mark_lost()
        self.assertEqual(prospects.prospect_stage_id, self.lost_stage)
        self.assertEqual(prospects.prospect_lost_reason_id, self.reason)
        self.assertTrue(all(prospects.mapped("prospect_is_lost")))
        self.assertEqual(set(prospects.mapped("customer_status")), {"prospect"})
        for prospect in prospects[:3]:
            note = prospect.message_ids.filtered(
                lambda m: "Marked lost" in (m.body or "")
            )
            self.assertEqual(len(note), 1)
            self.assertIn("Went to a competitor", note.body)
            self.assertIn("Met them at the fair", note.body)
        self.assertEqual(
            self.env["res.partner"].search_count(
                [
                    ("prospect_lost_reason_id", "=", self.reason.id),
                    ("id", "in", prospects.ids),
                ]
            ),
            50,
        )

    def test_open_activities_and_draft_quotes_are_cancelled_when_asked(self):
        self.prospect.activity_schedule(
            "mail.mail_activity_data_todo", summary="Call back"
        )
        quote = self.env["sale.order"].create(
            {
                "partner_id": self.prospect.id,
                "user_id": self.salesman.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        wizard = self.wizard(self.prospect)
        self.assertEqual(
            (wizard.activity_count, wizard.quote_count, wizard.summary),
            (1, 1, "ACME Ltd goes to the Lost stage."),
        )
        wizard.action_mark_lost()
        self.assertFalse(self.prospect.activity_ids)
        self.assertEqual(quote.state, "cancel")
        self.assertIn(quote.name, self.prospect.message_ids[0].body)

    def test_activities_and_quotes_stay_when_not_asked(self):
        self.prospect.activity_schedule(
            "mail.mail_activity_data_todo", summary="Call back"
        )
        quote = self.env["sale.order"].create(
            {
                "partner_id": self.prospect.id,
                "user_id": self.salesman.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        self.wizard(
            self.prospect, cancel_activities=False, cancel_quotes=False
        ).action_mark_lost()
        self.assertTrue(self.prospect.prospect_is_lost)
        self.assertEqual(len(self.prospect.activity_ids), 1)
        self.assertEqual(quote.state, "draft")

    def test_reopen_puts_it_back_at_the_first_stage_with_its_status(self):
        self.wizard(self.lead).action_mark_lost()
        self.lead.with_user(self.salesman).action_prospect_reopen()
        self.assertEqual(self.lead.prospect_stage_id, self.first_stage)
        self.assertFalse(self.lead.prospect_lost_reason_id)
        self.assertEqual(self.lead.customer_status, "lead")
        self.assertIn("Reopened", self.lead.message_ids[0].body)

    def test_live_customers_cannot_be_marked_lost(self):
        for customer in (self.active, self.suspended):
            with self.subTest(customer.name):
                with self.assertRaisesRegex(UserError, "only leads and prospects"):
                    self.wizard(customer)
                with self.assertRaisesRegex(UserError, "only leads and prospects"):
                    customer._prospect_mark_lost(self.reason)
                self.assertFalse(customer.prospect_lost_reason_id)
                self.assertNotEqual(customer.prospect_stage_id, self.lost_stage)

    def test_a_reason_is_required(self):
        with self.assertRaisesRegex(UserError, "Choose why"):
            self.prospect._prospect_mark_lost(self.env["prospect.lost.reason"])
        self.assertFalse(self.prospect.prospect_is_lost)

    def test_reopen_refuses_what_is_not_lost_or_was_converted(self):
        with self.assertRaisesRegex(UserError, "only a lost prospect"):
            self.prospect.action_prospect_reopen()
        customer = self.active
        self.wizard(self.prospect).action_mark_lost()
        self.prospect.write({"prospect_customer_id": customer.id, "active": False})
        with self.assertRaisesRegex(UserError, "was converted into Live Ltd"):
            self.prospect.action_prospect_reopen()
        self.assertEqual(self.prospect.prospect_stage_id, self.lost_stage)

    def test_the_analysis_counts_lost_prospects_by_reason(self):
        price = self.env.ref("prospect_management.lost_reason_price")
        others = self.env["res.partner"].create(
            [
                {"name": f"Dear {i}", "is_company": True, "customer_status": "prospect"}
                for i in range(2)
            ]
        )
        self.wizard(others, reason=price).action_mark_lost()
        self.wizard(self.prospect).action_mark_lost()
        self.env.flush_all()
        groups = self.env["prospect.conversion.report"]._read_group(
            [
                ("lost_reason_id", "!=", False),
                ("partner_id", "in", (others | self.prospect).ids),
            ],
            ["lost_reason_id"],
            ["lost_count:sum"],
        )
        counts = {reason: lost for reason, lost in groups}
        self.assertEqual(counts[price], 2)
        self.assertEqual(counts[self.reason], 1)

    def test_reasons_of_another_company_are_not_offered(self):
        other = self.env["res.company"].create({"name": "Other Co"})
        theirs = self.env["prospect.lost.reason"].create(
            {"name": "Their reason", "company_id": other.id}
        )
        reasons = self.env["prospect.lost.reason"].with_user(self.salesman).search([])
        self.assertNotIn(theirs, reasons)
        self.assertIn(self.reason, reasons)
