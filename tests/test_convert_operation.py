# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestConversionOperation(TransactionCase):
    """Conversion called from code (or RPC) with explicit options, without
    the wizard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.prospect = Partner.create(
            {"name": "Code Prospect", "is_company": True, "customer_status": "prospect"}
        )
        cls.contacts = Partner.create(
            [
                {"name": "Kept Contact", "parent_id": cls.prospect.id},
                {"name": "Dropped Contact", "parent_id": cls.prospect.id},
            ]
        )
        cls.customer = Partner.create(
            {"name": "Code Customer", "is_company": True, "customer_status": "active"}
        )
        cls.prospect.message_post(body="Met at the fair", message_type="comment")

    def test_link_into_with_ids_in_and_out(self):
        result = self.prospect.prospect_link_into(
            self.customer.id,
            copy_messages=False,
            copy_documents=False,
            contact_ids=self.contacts[:1].ids,
        )
        self.assertEqual(result, self.customer.id)
        self.assertFalse(self.prospect.active)
        self.assertEqual(self.prospect.prospect_customer_id, self.customer)
        self.assertEqual(self.contacts[0].parent_id, self.customer)
        self.assertFalse(self.contacts[1].active, "not chosen: archived")
        self.assertIn(
            "Met at the fair", " ".join(self.customer.message_ids.mapped("body"))
        )
        self.assertNotIn(
            "Met at the fair", " ".join(self.prospect.message_ids.mapped("body"))
        )

    def test_convert_in_place_keeps_every_contact_by_default(self):
        held = self.prospect.prospect_convert(status="suspended")
        self.assertEqual(held, self.prospect.ids)
        self.assertEqual(self.prospect.customer_status, "suspended")
        self.assertTrue(all(self.contacts.mapped("active")))

    def test_follow_up_and_note_are_options_of_the_operation(self):
        call = self.env.ref("mail.mail_activity_data_call")
        salesman = self.env["res.users"].create(
            {"name": "Op Salesman", "login": "op_salesman"}
        )
        self.customer.user_id = salesman
        self.prospect.prospect_link_into(
            self.customer.id,
            follow_up={"activity_type_id": call.id, "summary": "Welcome call"},
            note="<p>Signed at the fair</p>",
        )
        activity = self.customer.activity_ids.filtered(
            lambda a: a.activity_type_id == call
        )
        self.assertEqual(activity.summary, "Welcome call")
        self.assertEqual(activity.user_id, salesman, "the customer's salesperson")
        self.assertEqual(activity.date_deadline, call._get_date_deadline())
        self.assertIn(
            "Signed at the fair",
            " ".join(str(b) for b in self.customer.message_ids.mapped("body")),
        )
