# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestLikelyDuplicates(ProspectCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.same_vat, cls.same_email, cls.same_phone, cls.same_name = Partner.create(
            [
                {"name": "Tax Twin", "is_company": True, "vat": "BE0477472701"},
                {
                    "name": "Mail Twin",
                    "is_company": True,
                    "email": "Office@Foundry.example.com",
                },
                {"name": "Phone Twin", "is_company": True, "phone": "0114-496-0299"},
                {"name": "Foundry Works Limited", "is_company": True},
            ]
        )
        cls.unrelated = Partner.create(
            {
                "name": "Nothing Alike",
                "is_company": True,
                "email": "office@gmail.com",
                "phone": "+32 2 555 12 12",
            }
        )

    def test_a_new_prospect_shows_what_it_may_duplicate_while_typing(self):
        with Form(self.env["res.partner"].with_user(self.salesman)) as form:
            form.company_type = "company"
            form.is_prospect = True
            form.name = "Foundry Works Ltd"
            self.assertEqual(form.prospect_duplicate_count, 1)
            form.vat = "BE 0477.472.701"
            form.email = "office@foundry.example.com"
            form.phone = "+44 114 496 0299"
            self.assertEqual(form.prospect_duplicate_count, 4)
        prospect = form.record
        self.assertEqual(
            prospect.prospect_duplicate_ids[:1], self.same_vat, "VAT weighs most"
        )
        self.assertEqual(
            set(prospect.prospect_duplicate_ids.ids),
            {
                self.same_vat.id,
                self.same_email.id,
                self.same_phone.id,
                self.same_name.id,
            },
        )
        action = prospect.action_view_prospect_duplicates()
        self.assertEqual(action["res_model"], "res.partner")

    def test_its_own_contacts_and_sites_are_no_duplicates(self):
        email = "office@zebulon-widgets.example.com"
        self.prospect.write({"name": "Zebulon Widgets", "email": email})
        self.env["res.partner"].create(
            {
                "name": "Zebulon Widgets accounts",
                "parent_id": self.prospect.id,
                "email": email,
            }
        )
        self._site(self.prospect, "Zebulon Widgets", email=email)
        self.assertFalse(self.prospect.prospect_duplicate_ids)
        twin = self.env["res.partner"].create(
            {"name": "Zebulon Widgets Ltd", "is_company": True}
        )
        self.prospect.invalidate_recordset(["prospect_duplicate_ids"])
        self.assertEqual(self.prospect.prospect_duplicate_ids, twin)

    def test_public_email_domains_say_nothing(self):
        self.prospect.email = "someone.else@gmail.com"
        self.assertNotIn(self.unrelated, self.prospect.prospect_duplicate_ids)

    def test_customers_are_not_flagged(self):
        self.active.vat = "BE0477472701"
        self.assertFalse(self.active.prospect_duplicate_ids)
