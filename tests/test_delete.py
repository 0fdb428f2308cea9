# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestDeleteProspect(ProspectCommon):
    def test_a_prospect_goes_with_its_own_data(self):
        contact = self.env["res.partner"].create(
            {"name": "Jane", "parent_id": self.prospect.id}
        )
        site = self._site(self.prospect)
        site_partner = site.partner_id
        self.prospect.message_post(body="Met at the fair")
        activity = self.prospect.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.salesman.id
        )
        document = self.env["ir.attachment"].create(
            {
                "name": "card.txt",
                "raw": b"business card",
                "res_model": "res.partner",
                "res_id": self.prospect.id,
            }
        )
        prospect_id = self.prospect.id
        self.prospect.with_user(self.salesman).unlink()
        self.assertFalse(self.prospect.exists())
        self.assertFalse((contact | site_partner).exists())
        self.assertFalse(site.exists())
        self.assertFalse(activity.exists())
        self.assertFalse(document.exists())
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "=", prospect_id)]
            )
        )

    def test_a_prospect_with_quotes_is_archived_instead(self):
        product = self.env["product.product"].create(
            {"name": "Survey", "type": "service"}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.prospect.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        with self.assertRaisesRegex(UserError, "Archive it instead") as caught:
            self.prospect.with_user(self.manager).unlink()
        self.assertIn(order.name, str(caught.exception))
        self.assertTrue(self.prospect.exists())

    def test_customers_are_deleted_as_before(self):
        self.active.unlink()
        self.assertFalse(self.active.exists())
