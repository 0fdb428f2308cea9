# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


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
        self.assertEqual(prospect.customer_status, "prospect", "wizard cancelled")
        site = self.env["fsm.location"].search([("name", "=", "Tour New Depot")])
        self.assertEqual(site.owner_id, prospect)
        self.assertEqual(site.customer_status, "prospect")

    def test_convert_a_prospect_into_an_existing_customer(self):
        customer = self.env["res.partner"].create(
            {
                "name": "Tour Existing Customer",
                "is_company": True,
                "customer_status": "active",
                "email": "accounts@tour-existing.example.com",
            }
        )
        prospect = self.env["res.partner"].create(
            {
                "name": "Tour Convert Prospect",
                "is_company": True,
                "customer_status": "prospect",
                "email": "hello@tour-existing.example.com",
            }
        )
        quote = self.env["sale.order"].create(
            {
                "partner_id": prospect.id,
                "order_line": [
                    (0, 0, {"product_id": self.product.id, "price_unit": 4321.0})
                ],
            }
        )
        self.start_tour(
            f"/odoo/res.partner/{prospect.id}",
            "prospect_management_convert_existing",
            login="admin",
        )
        self.assertEqual(quote.partner_id, customer)
        self.assertFalse(prospect.active)
        self.assertEqual(prospect.prospect_customer_id, customer)
        self.assertEqual(customer.customer_status, "active")

    def _list_prospect(self):
        return self.env["res.partner"].create(
            {
                "name": "Tour List Prospect",
                "is_company": True,
                "customer_status": "prospect",
            }
        )

    def test_a_manager_changes_a_status_from_the_list_in_one_click(self):
        prospect = self._list_prospect()
        self.start_tour(
            "/odoo/action-prospect_management.action_prospects",
            "prospect_management_status_list_manager",
            login="admin",
        )
        self.assertEqual(prospect.customer_status, "active")
        self.assertTrue(prospect.prospect_converted_date)

    def test_a_prospect_with_a_customers_tax_id_shows_one_banner(self):
        vat = "BE0477472701"
        self.env["res.partner"].create(
            {
                "name": "Tour Banner Customer",
                "is_company": True,
                "customer_status": "active",
                "vat": vat,
            }
        )
        prospect = self.env["res.partner"].create(
            {
                "name": "Tour Banner Prospect",
                "is_company": True,
                "customer_status": "prospect",
                "vat": vat,
            }
        )
        self.assertTrue(prospect.same_vat_partner_id, "Odoo's own warning applies")
        self.start_tour(
            f"/odoo/res.partner/{prospect.id}",
            "prospect_management_duplicate_banner",
            login="admin",
        )

    def test_a_prospect_user_cannot_change_a_status_from_the_list(self):
        prospect = self._list_prospect()
        new_test_user(
            self.env,
            login="tour_prospect_user",
            groups="sales_team.group_sale_salesman_all_leads",
            name="Tour Prospect User",
        )
        self.start_tour(
            "/odoo/action-prospect_management.action_prospects",
            "prospect_management_status_list_user",
            login="tour_prospect_user",
        )
        self.assertEqual(prospect.customer_status, "prospect")

    def test_import_template_unchanged_from_the_prospects_menu(self):
        self.start_tour(
            "/odoo/action-prospect_management.action_prospects",
            "prospect_management_import_template",
            login="admin",
        )
        imported = self.env["res.partner"].search(
            [("name", "=like", "Example % Ltd")], order="id"
        )
        self.assertEqual(
            imported.mapped("customer_status"),
            ["lead", "prospect", "active", "suspended"],
        )

    def test_a_card_dropped_on_lost_asks_for_the_reason(self):
        prospect = self.env["res.partner"].create(
            {
                "name": "Tour Lost Prospect",
                "is_company": True,
                "customer_status": "prospect",
            }
        )
        # in the last open column, beside the folded Lost one
        prospect.prospect_stage_id = self.env.ref("prospect_management.stage_proposal")
        self.start_tour(
            "/odoo/action-prospect_management.action_prospect_pipeline",
            "prospect_management_lost_drop",
            login="admin",
        )
        self.assertEqual(prospect.prospect_stage_id.stage_type, "lost")
        self.assertEqual(
            prospect.prospect_lost_reason_id,
            self.env.ref("prospect_management.lost_reason_competitor"),
        )

    def test_a_jobs_location_picker_says_why_the_prospect_site_is_missing(self):
        school = self.env["res.partner"].create(
            {
                "name": "Tour Greenfield School",
                "is_company": True,
                "customer_status": "prospect",
            }
        )
        self.env["fsm.location"].create(
            {"name": "Tour Greenfield Playground", "owner_id": school.id}
        )
        partners = self.env["res.partner"].search_count([])
        self.start_tour("/odoo", "prospect_management_picker_hidden", login="admin")
        self.assertEqual(
            self.env["res.partner"].search_count([]), partners, "no namesake created"
        )

    def test_schedule_a_site_survey_for_a_prospect_site_from_the_prospects_menu(self):
        survey_type = self.env.ref("prospect_management.fsm_order_type_survey")
        self.env.company.prospect_survey_type_id = survey_type
        prospect = self.env["res.partner"].create(
            {
                "name": "Tour Survey Ltd",
                "is_company": True,
                "customer_status": "prospect",
            }
        )
        site = self.env["fsm.location"].create(
            {"name": "Tour Survey Yard", "owner_id": prospect.id}
        )
        self.assertEqual(site.customer_status, "prospect")
        self.start_tour("/odoo", "prospect_management_survey", login="admin")
        survey = self.env["fsm.order"].search([("location_id", "=", site.id)])
        self.assertEqual(len(survey), 1)
        self.assertEqual(survey.type, survey_type)
        self.assertEqual(site.customer_status, "prospect", "a survey wins nothing")

    def test_the_prospects_map_shows_one_marker_per_geolocated_prospect(self):
        self.env["res.partner"].create(
            [
                {
                    "name": "Tour Map Far Ltd",
                    "is_company": True,
                    "customer_status": "prospect",
                    "partner_latitude": -33.8688,
                    "partner_longitude": 151.2093,
                },
                {
                    "name": "Tour Map Nowhere Ltd",
                    "is_company": True,
                    "customer_status": "prospect",
                },
            ]
        )
        expected = self.env["res.partner"].search_count(
            [
                ("parent_id", "=", False),
                ("customer_status", "in", ["lead", "prospect"]),
                ("partner_latitude", "!=", 0),
                ("partner_longitude", "!=", 0),
            ]
        )
        self.assertGreaterEqual(expected, 10, "the demo prospects have coordinates")
        self.env["ir.config_parameter"].set_param(
            "prospect_management.tour_map_markers", expected
        )
        self.start_tour("/odoo", "prospect_management_map", login="admin")
