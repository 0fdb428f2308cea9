# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTours(HttpCase):
    """The stories of the README, played in a real browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write(
            {"prospect_enabled": True, "prospect_auto_activate": True}
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Tour Boiler Visit",
                "type": "service",
                "list_price": 150.0,
                "field_service_tracking": "sale",
            }
        )

    def test_quote_won_turns_the_prospect_and_its_site_active(self):
        self.start_tour("/odoo", "prospect_management_quote_won", login="admin")
        customer = self.env["res.partner"].search([("name", "=", "Tour Prospect Ltd")])
        self.assertEqual(customer.customer_status, "active")
        site = self.env["fsm.location"].search([("name", "=", "Tour Head Office")])
        self.assertEqual(site.customer_status, "active")
        order = self.env["sale.order"].search([("partner_id", "=", customer.id)])
        self.assertEqual(order.state, "sale")
        self.assertEqual(
            self.env["fsm.order"].search([("sale_id", "=", order.id)]).location_id, site
        )

    def test_a_job_for_a_prospect_site_is_refused_with_a_dialog(self):
        prospect = self.env["res.partner"].create(
            {
                "name": "Tour Job Prospect",
                "is_company": True,
                "customer_status": "prospect",
            }
        )
        jobs = self.env["fsm.order"].search_count([])
        self.start_tour("/odoo", "prospect_management_job_refused", login="admin")
        self.assertEqual(self.env["fsm.order"].search_count([]), jobs, "no job created")
        site = self.env["fsm.location"].search([("name", "=", "Tour New Depot")])
        self.assertEqual(site.owner_id, prospect)
        self.assertEqual(site.customer_status, "prospect")
