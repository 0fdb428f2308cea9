# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Visit routes: the order of the stops (nearest neighbour on haversine
distances) and the route's link on the user's route map website (OCA's
partner_external_map, whose providers and URL formats are used)."""

from math import asin, cos, radians, sin, sqrt

from odoo import api, models
from odoo.exceptions import UserError

EARTH_RADIUS_KM = 6371.0088


def haversine_km(a, b):
    """Great-circle distance in km between two (latitude, longitude)."""
    lat1, lon1, lat2, lon2 = map(radians, (*a, *b))
    h = (
        sin((lat2 - lat1) / 2) ** 2
        + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * asin(sqrt(h))


def nearest_neighbour(start, stops):
    """Order ``stops`` [(key, (lat, lon))] from ``start`` (lat, lon): each
    next stop is the closest one not yet visited.

    :return: [(key, km from the previous stop)], in visiting order; O(n²)
    """
    todo = list(stops)
    here = start
    route = []
    while todo:
        best = min(range(len(todo)), key=lambda i: haversine_km(here, todo[i][1]))
        key, point = todo.pop(best)
        route.append((key, haversine_km(here, point)))
        here = point
    return route


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _prospect_point(self):
        """(latitude, longitude), or None when not geolocated."""
        self.ensure_one()
        if not (self.partner_latitude or self.partner_longitude):
            return None
        return (self.partner_latitude, self.partner_longitude)

    @api.model
    def _prospect_route_url(self, start, points):
        """The route from ``start`` through ``points`` [(lat, lon)], in that
        order, on the user's route map website (partner_external_map)."""
        # the user's preference, else the company default, else the first
        # website with a route URL (partner_external_map's own fallbacks)
        website = (
            self.env.user.context_route_map_website_id
            or self.env["res.users"]._default_route_map_website()
        )
        if not website:
            raise UserError(
                self.env._(
                    "Choose a route map website in your preferences (Route Map "
                    "Website) to open the route."
                )
            )
        template = website.route_lat_lon_url
        dest = "{DEST_LATITUDE},{DEST_LONGITUDE}"
        if not template or "{START_LONGITUDE}" not in template or dest not in template:
            raise UserError(
                self.env._(
                    "%(website)s has no route URL with coordinates: choose another "
                    "route map website (Google Maps, OpenStreetMap, Here) in your "
                    "preferences.",
                    website=website.name,
                )
            )
        # the provider's own separator between two points chains the stops
        # (OpenStreetMap ";", Here "/:", MapQuest "/to/near-"); Google's
        # saddr/daddr form takes further destinations as "+to:"
        after_start = template.index("{START_LONGITUDE}") + len("{START_LONGITUDE}")
        separator = template[after_start : template.index(dest)]
        joiner = "+to:" if "daddr=" in separator else separator
        url = self._prepare_url(
            template,
            {"{START_LATITUDE}": start[0], "{START_LONGITUDE}": start[1]},
        )
        return url.replace(
            dest, joiner.join(f"{lat:.5f},{lon:.5f}" for lat, lon in points)
        )
