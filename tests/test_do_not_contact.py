# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestDoNotContact(ProspectCommon):
    """ "Do not contact" is Odoo's own blacklist of emails and phone numbers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prospect.write(
            {
                "email": "Boss <boss@acme.example.com>",
                "phone": "+32 2 555 12 34",
                "mobile": "+32 470 12 34 56",
            }
        )

    def test_do_not_contact_blacklists_email_and_both_numbers(self):
        self.prospect.with_user(self.salesman).action_prospect_do_not_contact()
        self.assertTrue(self.prospect.prospect_do_not_contact)
        self.assertTrue(self.prospect.is_blacklisted)
        self.assertTrue(self.prospect.phone_sanitized_blacklisted)
        blacklisted = self.env["phone.blacklist"].search([]).mapped("number")
        # as Odoo stores them (E.164 when the phonenumbers library is there)
        for fname in ("phone", "mobile"):
            self.assertIn(self.prospect._phone_format(fname=fname), blacklisted)
        self.assertIn(
            self.prospect,
            self.env["res.partner"].search([("prospect_do_not_contact", "=", True)]),
        )
        self.assertIn("Do not contact", self.prospect.message_ids[0].body)

    def test_allow_contact_again_takes_them_off(self):
        self.prospect.action_prospect_do_not_contact()
        self.prospect.action_prospect_allow_contact()
        self.assertFalse(self.prospect.prospect_do_not_contact)
        self.assertFalse(self.prospect.is_blacklisted)
        self.assertNotIn(
            self.prospect,
            self.env["res.partner"].search([("prospect_do_not_contact", "=", True)]),
        )

    def test_nothing_to_block_is_refused(self):
        with self.assertRaisesRegex(UserError, "no email or phone number"):
            self.lead.action_prospect_do_not_contact()

    def test_stale_follow_up_skips_who_must_not_be_contacted(self):
        self.company.prospect_stale_days = 10
        other = self.env["res.partner"].create(
            {
                "name": "Quiet Ltd",
                "is_company": True,
                "customer_status": "prospect",
                "email": "hello@quiet.example.com",
            }
        )
        self.prospect.action_prospect_do_not_contact()
        self.env.flush_all()
        old = fields.Datetime.now() - timedelta(days=30)
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = %s WHERE id IN %s",
            (old, (self.prospect.id, other.id)),
        )
        self.env.invalidate_all()
        activities = self.env["res.partner"]._cron_prospect_stale_followup()
        self.assertIn(other.id, activities.mapped("res_id"))
        self.assertNotIn(self.prospect.id, activities.mapped("res_id"))
