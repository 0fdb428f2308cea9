# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from ..models.prospect_route import haversine_km, nearest_neighbour
from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestVisitRoute(ProspectCommon):
    """Plan visits: stops in nearest-neighbour order, one Site Visit activity
    each, and the route on the user's route map website."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start = cls.env["res.partner"].create(
            {
                "name": "Route Office",
                "is_company": True,
                "partner_latitude": 53.8008,  # Leeds
                "partner_longitude": -1.5491,
            }
        )
        cls.visit = cls.env.ref("prospect_management.mail_activity_type_site_visit")
        cls.google = cls.env.ref("partner_external_map.google_maps")
        cls.osm = cls.env.ref("partner_external_map.openstreetmap")
        cls.env.user.context_route_map_website_id = cls.google

    def _prospect(self, name, lat=None, lon=None):
        values = {"name": name, "is_company": True, "customer_status": "prospect"}
        if lat is not None:
            values.update(partner_latitude=lat, partner_longitude=lon)
        return self.env["res.partner"].create(values)

    def _wizard(self, records, **values):
        form = Form(
            self.env["prospect.visit.route.wizard"].with_context(
                active_model=records._name, active_ids=records.ids
            )
        )
        form.start_partner_id = values.pop("start", self.start)
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    def test_haversine_and_nearest_neighbour(self):
        london, paris = (51.5074, -0.1278), (48.8566, 2.3522)
        self.assertAlmostEqual(haversine_km(london, paris), 343.5, delta=1)
        self.assertEqual(haversine_km(london, london), 0)
        stops = [("far", (0, 3)), ("near", (0, 1)), ("middle", (0, 2))]
        order = [key for key, __ in nearest_neighbour((0, 0), stops)]
        self.assertEqual(order, ["near", "middle", "far"])

    def test_plan_ten_demo_prospects_ten_visits_and_the_route_in_order(self):
        prospects = self.env["res.partner"].search(
            [
                ("customer_status", "=", "prospect"),
                ("parent_id", "=", False),
                ("partner_latitude", "!=", 0),
            ],
            limit=10,
        )
        self.assertEqual(len(prospects), 10, "the demo prospects are geolocated")
        wizard = self._wizard(prospects, date="2026-12-14", user_id=self.salesman)
        route, missing, start = wizard._plan()
        self.assertFalse(missing)
        self.assertEqual({r for r, __, __ in route}, set(prospects))
        # each next stop is the closest of those left
        here = start
        left = set(prospects)
        for record, point, km in route:
            closest = min(left, key=lambda p: haversine_km(here, p._prospect_point()))
            self.assertEqual(record, closest)
            self.assertAlmostEqual(km, haversine_km(here, point))
            left.discard(record)
            here = point
        action = wizard.action_plan()
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", prospects.ids),
                ("activity_type_id", "=", self.visit.id),
            ]
        )
        self.assertEqual(len(activities), 10)
        self.assertEqual(set(activities.mapped("user_id")), {self.salesman})
        self.assertEqual(
            {str(d) for d in activities.mapped("date_deadline")}, {"2026-12-14"}
        )
        self.assertEqual(action["type"], "ir.actions.act_url")
        url = action["url"]
        self.assertTrue(
            url.startswith("https://www.google.com/maps?saddr=53.80080,-1.54910")
        )
        positions = [url.index(f"{p[0]:.5f},{p[1]:.5f}") for __, p, __ in route]
        self.assertEqual(positions, sorted(positions), "stops in the computed order")
        self.assertEqual(url.count("+to:"), 9)

    def test_records_without_coordinates_are_listed_and_left_out(self):
        placed = self._prospect("Placed Ltd", 53.96, -1.08)
        lost = self._prospect("Nowhere Ltd")
        wizard = self._wizard(placed | lost)
        self.assertEqual(wizard.stop_count, 1)
        self.assertEqual(wizard.missing_count, 1)
        self.assertIn("Nowhere Ltd", wizard.route_html)
        self.assertIn("Left out", wizard.route_html)
        wizard.action_plan()
        self.assertFalse(lost.activity_ids)
        self.assertEqual(placed.activity_ids.activity_type_id, self.visit)

    def test_a_start_without_coordinates_or_no_stop_is_refused(self):
        placed = self._prospect("Placed Ltd", 53.96, -1.08)
        nowhere = self.env["res.partner"].create({"name": "Unknown Office"})
        with self.assertRaisesRegex(UserError, "Unknown Office has no coordinates"):
            self._wizard(placed, start=nowhere).action_plan()
        with self.assertRaisesRegex(UserError, "None of the selected records"):
            self._wizard(self._prospect("Nowhere Ltd")).action_plan()
        self.assertFalse(placed.activity_ids)

    def test_sites_route_on_openstreetmap_with_visits_on_their_owners(self):
        self.env.user.context_route_map_website_id = self.osm
        york = self._site(self.prospect, "York Yard")
        york.partner_id.write({"partner_latitude": 53.96, "partner_longitude": -1.08})
        hull = self._site(self.prospect, "Hull Dock")
        hull.partner_id.write({"partner_latitude": 53.77, "partner_longitude": -0.33})
        action = self._wizard(hull | york).action_plan()
        self.assertIn(
            "route=53.80080,-1.54910;53.96000,-1.08000;53.77000,-0.33000", action["url"]
        )
        summaries = self.prospect.activity_ids.mapped("summary")
        self.assertEqual(len(summaries), 2)
        self.assertIn("Visit 1 of 2: York Yard", " ".join(summaries))

    def test_without_a_preference_the_default_route_map_website_is_used(self):
        self.env.user.context_route_map_website_id = False
        self.env["ir.config_parameter"].set_param(
            "partner_external_map.default_route_map_website_id", self.osm.id
        )
        action = self._wizard(self._prospect("Placed Ltd", 53.96, -1.08)).action_plan()
        self.assertTrue(action["url"].startswith("https://www.openstreetmap.org/"))

    def test_a_route_map_website_without_coordinates_is_refused(self):
        bing = self.env.ref("partner_external_map.bing_maps")
        self.env.user.context_route_map_website_id = bing
        with self.assertRaisesRegex(UserError, "no route URL with coordinates"):
            self._wizard(self._prospect("Placed Ltd", 53.96, -1.08)).action_plan()
