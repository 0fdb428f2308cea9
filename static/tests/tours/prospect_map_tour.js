/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";
import {rpc} from "@web/core/network/rpc";

// Markers close to each other are drawn as one cluster carrying their number:
// count both.
function countMarkers() {
    let count = 0;
    for (const icon of document.querySelectorAll(
        ".leaflet-marker-pane .leaflet-marker-icon"
    )) {
        count += icon.classList.contains("marker-cluster")
            ? parseInt(icon.textContent.trim(), 10)
            : 1;
    }
    return count;
}

// Sales › Prospects › Prospects, Map view: one marker per lead or prospect
// with coordinates (the tiles are not loaded offline; the markers are).
registry.category("web_tour.tours").add("prospect_management_map", {
    url: "/odoo/action-prospect_management.action_prospects",
    steps: () => [
        {
            content: "Switch to the map",
            trigger: ".o_switch_view.o_leaflet_map",
            run: "click",
        },
        {
            content: "The markers are drawn",
            trigger:
                ".o_leaflet_main_container .leaflet-marker-pane .leaflet-marker-icon",
        },
        {
            content: "One marker per geolocated lead or prospect",
            trigger: ".o_leaflet_main_container .leaflet-container",
            async run() {
                const expected = parseInt(
                    await rpc("/web/dataset/call_kw/ir.config_parameter/get_param", {
                        model: "ir.config_parameter",
                        method: "get_param",
                        args: ["prospect_management.tour_map_markers"],
                        kwargs: {},
                    }),
                    10
                );
                const shown = countMarkers();
                if (!expected || shown !== expected) {
                    throw new Error(`${shown} markers shown, ${expected} expected`);
                }
            },
        },
    ],
});
