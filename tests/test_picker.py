# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestPickerHidden(ProspectCommon):
    """What a document's picker leaves out is said, with the way out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.school = Partner.create(
            {"name": "Quillfield School", "is_company": True, "is_prospect": True}
        )
        cls.school_site = cls._site(cls.school, "Quillfield Playground")
        cls.live = Partner.create({"name": "Quillfield Garage", "is_company": True})
        cls.live_site = cls._site(cls.live, "Quillfield Workshop")
        cls.early = Partner.create(
            {"name": "Quillfield Lead", "is_company": True, "customer_status": "lead"}
        )

    def hidden(self, model, kind, name="Quillfield", user=None, company=None):
        Model = self.env[model].with_user(user or self.manager)
        result = Model.prospect_picker_hidden(name, kind, (company or self.company).id)
        return {row["name"]: row for row in result}

    def test_a_jobs_location_picker_names_the_prospect_site_and_the_way_out(self):
        hidden = self.hidden("fsm.location", "job")
        self.assertEqual(set(hidden), {"Quillfield Playground"})
        row = hidden["Quillfield Playground"]
        self.assertEqual(row["status"], "Prospect")
        self.assertIn("prospect site", row["reason"])
        self.assertEqual(row["convert_id"], self.school.id)

    def test_an_invoices_customer_picker_says_convert_it_first(self):
        hidden = self.hidden("res.partner", "invoice")
        self.assertEqual(set(hidden), {"Quillfield School", "Quillfield Lead"})
        self.assertEqual(
            hidden["Quillfield School"]["reason"],
            "Convert Quillfield School to a customer before invoicing it.",
        )
        self.assertNotIn("Quillfield Garage", hidden)

    def test_a_quotes_customer_picker_hides_only_leads(self):
        hidden = self.hidden("res.partner", "quote")
        self.assertEqual(set(hidden), {"Quillfield Lead"})

    def test_only_a_manager_is_offered_the_conversion(self):
        row = self.hidden("res.partner", "invoice", user=self.salesman)[
            "Quillfield School"
        ]
        self.assertFalse(row["convert_id"])
        self.assertTrue(row["reason"])

    def test_nothing_is_hidden_where_prospects_are_not_managed(self):
        self.company.prospect_enabled = False
        self.assertEqual(self.hidden("fsm.location", "job"), {})

    def test_no_name_or_an_unknown_kind_hides_nothing(self):
        self.assertEqual(self.hidden("res.partner", "invoice", name="  "), {})
        self.assertEqual(self.hidden("res.partner", "no-such-kind"), {})

    def test_a_customer_created_from_a_picker_is_checked_for_duplicates(self):
        # "Create and edit..." from an invoice's customer: a new, active
        # customer named like the prospect is warned about before it is saved
        form = Form(
            self.env["res.partner"].with_context(default_is_company=True),
            view="base.view_partner_form",
        )
        form.name = "Quillfield School"
        self.assertEqual(form.customer_status, "active")
        self.assertIn(self.school, form.prospect_duplicate_ids[:])
