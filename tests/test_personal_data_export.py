# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

import openpyxl
from markupsafe import Markup

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestPersonalDataExport(ProspectCommon):
    """A data-subject access request: everything held on a prospect."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prospect.write(
            {
                "email": "office@acme.example.com",
                "phone": "+44 114 496 0200",
                "city": "Sheffield",
                "comment": "<p>Prefers calls in the morning</p>",
            }
        )
        cls.env["res.partner"].create(
            [
                {
                    "name": "Ann Buyer",
                    "parent_id": cls.prospect.id,
                    "email": "ann@acme.example.com",
                },
                {
                    "name": "Bob Boss",
                    "parent_id": cls.prospect.id,
                    "phone": "+44 114 496 0201",
                },
            ]
        )
        cls._site(cls.prospect, "ACME Depot", city="Leeds")
        attachment = cls.env["ir.attachment"].create(
            {
                "name": "survey.txt",
                "datas": base64.b64encode(b"notes"),
                "res_model": "res.partner",
                "res_id": cls.prospect.id,
            }
        )
        cls.prospect.message_post(body=Markup("<p>Met at the trade fair</p>"))
        cls.prospect.message_post(
            body=Markup("<p>Sent the brochure</p>"), attachment_ids=attachment.ids
        )
        cls.prospect.activity_schedule(
            "mail.mail_activity_data_call",
            summary="Call back about the boiler",
            user_id=cls.manager.id,
        )

    def export(self, partner, user=None):
        Report = self.env["ir.actions.report"].with_user(user or self.manager)
        content, fmt = Report._render_xlsx(
            "prospect_management.personal_data_xlsx", partner.ids, {}
        )
        self.assertEqual(fmt, "xlsx")
        book = openpyxl.load_workbook(io.BytesIO(content))
        return {
            ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets
        }

    def test_one_workbook_with_profile_contacts_sites_messages_activities(self):
        book = self.export(self.prospect)
        self.assertEqual(
            list(book), ["Profile", "Contacts", "Sites", "Messages", "Activities"]
        )
        profile = dict(book["Profile"][1:])
        self.assertEqual(profile["Name"], "ACME Ltd")
        self.assertEqual(profile["Email"], "office@acme.example.com")
        self.assertEqual(profile["City"], "Sheffield")
        self.assertEqual(profile["Customer Status"], "Prospect")
        self.assertEqual(profile["Notes"], "Prefers calls in the morning")
        contacts = book["Contacts"]
        self.assertEqual({row[0] for row in contacts[1:]}, {"Ann Buyer", "Bob Boss"})
        sites = book["Sites"]
        self.assertEqual(sites[1][0], "ACME Depot")
        self.assertIn("Leeds", sites[1][1])
        self.assertEqual(sites[1][2], "Prospect")
        bodies = [row[4] for row in book["Messages"][1:]]
        self.assertIn("Met at the trade fair", bodies)
        brochure = next(r for r in book["Messages"][1:] if r[4] == "Sent the brochure")
        self.assertEqual(brochure[5], "survey.txt")
        activities = book["Activities"]
        self.assertEqual(activities[1][1], "Call back about the boiler")
        self.assertEqual(activities[1][3], "Morgan Manager")

    def test_a_partner_with_only_a_name_exports_headers(self):
        bare = self.env["res.partner"].create({"name": "Bare Ltd", "is_company": True})
        book = self.export(bare)
        self.assertEqual(len(book["Contacts"]), 1, "only the header row")
        self.assertEqual(len(book["Sites"]), 1)
        self.assertEqual(len(book["Activities"]), 1)
        self.assertEqual(dict(book["Profile"][1:])["Name"], "Bare Ltd")

    def test_only_a_prospect_manager_exports_personal_data(self):
        with self.assertRaisesRegex(AccessError, "Only a Prospect Manager"):
            self.export(self.prospect, user=self.salesman)
