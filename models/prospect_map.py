# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Prospects and prospect sites on a map (OCA's web_view_leaflet_map, on the
coordinates of base_geolocalize) and the Geolocate action that fills them."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    prospect_map_title = fields.Char(
        string="Map Label",
        compute="_compute_prospect_map_title",
        help="What a marker of the prospect map says: name, status and stage.",
    )

    @api.depends("display_name", "customer_status", "prospect_stage_id")
    def _compute_prospect_map_title(self):
        for partner in self:
            parts = [partner.display_name or ""]
            if partner.customer_status:
                parts.append(partner._prospect_status_label(partner.customer_status))
            if partner.prospect_stage_id:
                parts.append(partner.prospect_stage_id.name)
            partner.prospect_map_title = " · ".join(parts)

    def action_prospect_geolocate(self):
        """Fill the coordinates of these partners from their addresses with
        Odoo's geocoder (Settings › Integrations › Geolocation).  When the
        geocoder cannot be reached, nothing changes and the user is told."""
        partners = self.filtered(lambda p: p.city or p.zip or p.street)
        if not partners:
            raise UserError(
                self.env._(
                    "Nothing to geolocate: give the selected records a street, a "
                    "zip or a city first."
                )
            )
        Geocoder = self.env["base.geocoder"]
        found = {}
        missed = self.browse()
        for partner in partners.with_context(lang="en_US"):
            try:
                result = partner._geo_localize(
                    partner.street,
                    partner.zip,
                    partner.city,
                    partner.state_id.name,
                    partner.country_id.name,
                )
            except UserError as error:
                # the request is rolled back: coordinates found before stay
                # as they were
                raise UserError(
                    self.env._(
                        "The geocoder (%(provider)s) could not be reached, so no "
                        "coordinates were changed. Check this server's internet "
                        "access or the provider in Settings › Integrations › "
                        "Geolocation.\n\n%(error)s",
                        provider=Geocoder._get_provider().name,
                        error=error.args[0] if error.args else "",
                    )
                ) from error
            if result:
                found[partner] = result
            else:
                missed |= partner
        today = fields.Date.context_today(self)
        for partner, (latitude, longitude) in found.items():
            partner.write(
                {
                    "partner_latitude": latitude,
                    "partner_longitude": longitude,
                    "date_localization": today,
                }
            )
        skipped = self - partners
        message = self.env._("%(count)s geolocated.", count=len(found))
        if missed:
            message += " " + self.env._(
                "No match for %(names)s: check their addresses.",
                names=", ".join(missed.mapped("display_name")),
            )
        if skipped:
            message += " " + self.env._(
                "No address for %(names)s.",
                names=", ".join(skipped.mapped("display_name")),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if found and not missed else "warning",
                "title": self.env._("Geolocate"),
                "message": message,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }


class FsmLocation(models.Model):
    _inherit = "fsm.location"

    prospect_map_title = fields.Char(
        string="Map Label",
        compute="_compute_prospect_map_title",
        help="What a marker of the site map says: site, status and owner.",
    )

    @api.depends("complete_name", "customer_status", "owner_id")
    def _compute_prospect_map_title(self):
        for site in self:
            parts = [site.complete_name or site.name or ""]
            if site.customer_status:
                parts.append(site._prospect_status_label(site.customer_status))
            if site.owner_id:
                parts.append(site.owner_id.display_name)
            site.prospect_map_title = " · ".join(parts)

    def action_prospect_geolocate(self):
        """Sites use their partner's coordinates."""
        return self.partner_id.action_prospect_geolocate()
