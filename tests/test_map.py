# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.base_geolocalize.models.base_geocoder import GeoCoder

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestProspectMap(ProspectCommon):
    """Prospects and their sites on a map; Geolocate fills the coordinates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prospect.write({"city": "Leeds", "street": "1 Briggate"})
        cls.lead.write({"city": "Atlantis"})

    def _geocoder(self, answers):
        def geo_find(geocoder, addr, **kw):
            for needle, answer in answers.items():
                if needle in addr:
                    if isinstance(answer, Exception):
                        raise answer
                    return answer
            return None

        return patch.object(GeoCoder, "geo_find", geo_find)

    def test_a_marker_says_name_status_and_stage(self):
        self.prospect.prospect_stage_id = self.env.ref(
            "prospect_management.stage_qualified"
        )
        self.assertEqual(
            self.prospect.prospect_map_title, "ACME Ltd · Prospect · Qualified"
        )
        site = self._site(self.prospect, "Leeds Depot")
        self.assertEqual(site.prospect_map_title, "Leeds Depot · Prospect · ACME Ltd")

    def test_the_prospect_menus_open_on_a_map_view(self):
        for xmlid, model in (
            ("prospect_management.action_prospects", "res.partner"),
            ("prospect_management.action_prospect_sites", "fsm.location"),
        ):
            action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
            self.assertIn("leaflet_map", action["view_mode"])
            view_id = {mode: vid for vid, mode in action["views"]}["leaflet_map"]
            self.assertTrue(view_id, "the addon's own map view, not the contacts'")
            views = self.env[model].get_views([(view_id, "leaflet_map")])
            arch = views["views"]["leaflet_map"]["arch"]
            self.assertIn('field_title="prospect_map_title"', arch)
            self.assertIn('field_latitude="partner_latitude"', arch)

    def test_geolocate_fills_what_it_finds_and_says_what_it_did_not(self):
        nowhere = self._partner("No Address Ltd")
        with self._geocoder({"Leeds": (53.8008, -1.5491)}):
            action = (self.prospect | self.lead | nowhere).action_prospect_geolocate()
        self.assertAlmostEqual(self.prospect.partner_latitude, 53.8008)
        self.assertAlmostEqual(self.prospect.partner_longitude, -1.5491)
        self.assertTrue(self.prospect.date_localization)
        self.assertFalse(self.lead.partner_latitude)
        message = action["params"]["message"]
        self.assertIn("1 geolocated", message)
        self.assertIn("No match for Lead Ltd", message)
        self.assertIn("No address for No Address Ltd", message)
        self.assertEqual(action["params"]["type"], "warning")

    def test_a_site_is_geolocated_through_its_partner(self):
        site = self._site(self.prospect, "Leeds Yard", city="Leeds")
        with self._geocoder({"Leeds": (53.8, -1.55)}):
            site.action_prospect_geolocate()
        self.assertAlmostEqual(site.partner_latitude, 53.8)
        self.assertAlmostEqual(site.partner_id.partner_latitude, 53.8)

    def test_no_geocoder_no_change_and_a_clear_message(self):
        self.prospect.write({"partner_latitude": 1.5, "partner_longitude": 2.5})
        other = self._partner("Second Ltd", city="York")
        down = UserError("Error with geolocation server: connection refused")
        with (
            self._geocoder({"York": (53.95, -1.08), "Leeds": down}),
            self.assertRaisesRegex(
                UserError, "could not be reached, so no coordinates were changed"
            ),
        ):
            (other | self.prospect).action_prospect_geolocate()
        self.assertEqual(self.prospect.partner_latitude, 1.5)
        self.assertFalse(other.partner_latitude)

    def test_nothing_to_geolocate_is_refused(self):
        with self.assertRaisesRegex(UserError, "Nothing to geolocate"):
            self._partner("Bare Ltd").action_prospect_geolocate()

    def _partner(self, name, **vals):
        return self.env["res.partner"].create(
            dict(
                {"name": name, "is_company": True, "customer_status": "prospect"},
                **vals,
            )
        )
