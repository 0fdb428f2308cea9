# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo.tests import Form, tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestProfileMerge(ProspectCommon):
    """Linking a prospect into an existing customer completes the customer's
    profile with what the prospect knew, and shows it first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Tag = cls.env["res.partner.category"]
        cls.tag_school = Tag.create({"name": "School"})
        cls.tag_vip = Tag.create({"name": "VIP"})
        cls.prospect.write(
            {
                "phone": "+44 114 496 0200",
                "website": "https://acme.example.com",
                "email": "sales@acme.example.com",
                "category_id": [(6, 0, (cls.tag_school | cls.tag_vip).ids)],
                "comment": Markup("<p>Gate code 1234</p>"),
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "ACME Group",
                "is_company": True,
                "customer_status": "active",
                "email": "accounts@acme.example.com",
                "category_id": [(6, 0, cls.tag_vip.ids)],
                "comment": Markup("<p>Pays by transfer</p>"),
            }
        )

    def wizard(self):
        form = Form(
            self.env["prospect.convert.wizard"]
            .with_user(self.manager)
            .with_context(active_model="res.partner", active_ids=self.prospect.ids)
        )
        form.mode = "existing"
        form.target_partner_id = self.customer
        return form

    def lines(self, form):
        record = form.save()
        return record, {line.key: line for line in record.profile_line_ids}

    def test_the_preview_lists_what_fills_and_what_differs(self):
        __, lines = self.lines(self.wizard())
        self.assertEqual(lines["phone"].how, "fill")
        self.assertEqual(lines["website"].how, "fill")
        self.assertEqual(lines["email"].how, "choose")
        self.assertEqual(lines["email"].customer_value, "accounts@acme.example.com")
        self.assertEqual(lines["email"].prospect_value, "sales@acme.example.com")
        self.assertFalse(lines["email"].take, "the customer's by default")
        self.assertEqual(lines["category_id"].how, "unite")
        self.assertEqual(lines["category_id"].prospect_value, "School")
        self.assertEqual(lines["comment"].how, "append")
        self.assertNotIn("mobile", lines, "nothing to bring is not listed")

    def test_conversion_fills_the_gaps_and_keeps_the_customers_by_default(self):
        wizard, __ = self.lines(self.wizard())
        wizard.action_convert()
        self.assertEqual(self.customer.phone, "+44 114 496 0200")
        self.assertEqual(self.customer.website, "https://acme.example.com")
        self.assertEqual(self.customer.email, "accounts@acme.example.com")
        self.assertEqual(self.customer.category_id, self.tag_school | self.tag_vip)
        self.assertIn("Pays by transfer", self.customer.comment)
        self.assertIn("Gate code 1234", self.customer.comment)
        log = self.customer.message_ids.filtered(
            lambda m: "Prospects converted into this customer" in (m.body or "")
        )
        self.assertEqual(len(log), 1)
        self.assertIn(
            "Website Link from the prospect: https://acme.example.com", log.body
        )
        self.assertNotIn("Email from the prospect", log.body)

    def test_the_user_takes_the_prospects_value_where_both_differ(self):
        wizard, lines = self.lines(self.wizard())
        lines["email"].take = True
        wizard.action_convert()
        self.assertEqual(self.customer.email, "sales@acme.example.com")

    def test_rpc_callers_choose_with_explicit_options(self):
        self.prospect.with_user(self.manager).prospect_link_into(
            self.customer.id, profile_take=["email"]
        )
        self.assertEqual(self.customer.email, "sales@acme.example.com")
        self.assertEqual(self.customer.phone, "+44 114 496 0200")

    def test_merge_profile_false_leaves_the_customer_as_it_was(self):
        self.prospect.with_user(self.manager).prospect_link_into(
            self.customer.id, merge_profile=False
        )
        self.assertFalse(self.customer.phone)
        self.assertEqual(self.customer.category_id, self.tag_vip)

    def test_nothing_to_bring_lists_nothing_and_changes_nothing(self):
        self.prospect.write(
            {
                "phone": False,
                "website": False,
                "email": "accounts@acme.example.com",
                "category_id": [(6, 0, self.tag_vip.ids)],
                "comment": False,
            }
        )
        wizard, lines = self.lines(self.wizard())
        self.assertEqual(lines, {})
        wizard.action_convert()
        self.assertFalse(
            self.customer.message_ids.filtered(
                lambda m: "from the prospect:" in (m.body or "")
            )
        )
