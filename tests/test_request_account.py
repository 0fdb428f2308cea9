# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestRequestAccountCreation(ProspectCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accounts = new_test_user(
            cls.env,
            login="pm_accounts",
            groups="base.group_user",
            name="Alex Accounts",
            email="accounts@example.com",
        )
        cls.prospect.write(
            {
                "email": "office@acme.example.com",
                "phone": "+44 114 496 0200",
                "vat": "GB123456782",
                "city": "Sheffield",
                "user_id": cls.salesman.id,
            }
        )

    def _request(self, note=None, user=None):
        Wizard = (
            self.env["prospect.account.request.wizard"]
            .with_user(user or self.salesman)
            .with_context(active_model="res.partner", active_id=self.prospect.id)
        )
        with Form(Wizard) as wizard:
            if note:
                wizard.note = note
        return wizard.record.action_request()

    def _request_mails(self):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", self.prospect.id),
                ("subject", "ilike", "Account creation request"),
            ]
        )

    def test_a_salesperson_asks_for_the_customer_account(self):
        self.company.prospect_account_request_user_id = self.accounts
        self._request("<p>Credit terms: 30 days, urgent</p>")

        activity = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", self.prospect.id),
                ("user_id", "=", self.accounts.id),
            ]
        )
        self.assertEqual(len(activity), 1)
        self.assertIn("Create the customer account of ACME Ltd", activity.summary)
        self.assertIn("Sam Salesman", activity.note)
        self.assertIn("Credit terms", activity.note)

        mail = self._request_mails()
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.accounts.partner_id)
        self.assertIn("ACME Ltd", mail.subject)
        for detail in (
            "ACME Ltd",
            "GB123456782",
            "office@acme.example.com",
            "+44 114 496 0200",
            "Sheffield",
            "Sam Salesman",  # the requesting user
            "Credit terms: 30 days, urgent",  # the note
        ):
            self.assertIn(detail, mail.body_html)

        note = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", self.prospect.id),
                ("body", "ilike", "Account creation requested"),
            ]
        )
        self.assertEqual(note.author_id, self.salesman.partner_id)

    def test_refused_when_nobody_receives_the_requests(self):
        self.company.prospect_account_request_user_id = False
        with self.assertRaisesRegex(UserError, "Account Creation Recipient"):
            self._request()
        self.assertFalse(self._request_mails())

    def test_no_request_for_a_live_customer(self):
        self.company.prospect_account_request_user_id = self.accounts
        wizard = (
            self.env["prospect.account.request.wizard"]
            .with_user(self.salesman)
            .create({"partner_id": self.active.id})
        )
        with self.assertRaisesRegex(UserError, "already a customer"):
            wizard.action_request()
