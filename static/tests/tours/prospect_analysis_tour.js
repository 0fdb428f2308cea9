/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

// Reports › Conversion Analysis opens on the last 12 months, per month and
// salesperson: a prospect of five months ago is there, one of 13 months ago
// is not.
registry.category("web_tour.tours").add("prospect_management_conversion_analysis", {
    steps: () => [
        {
            content: "Filtered on the last 12 months",
            trigger:
                ".o_searchview_facet:contains(Prospect Since):contains(Last 12 Months)",
        },
        {
            content: "Grouped by month, then salesperson",
            trigger: ".o_searchview_facet:contains(Month):contains(Salesperson)",
        },
        {
            content: "The salesperson of five months ago has a row",
            trigger: ".o_pivot tbody th:contains(Tour Past Seller)",
        },
        {
            content: "Not the one of 13 months ago",
            trigger: ".o_pivot:not(:has(th:contains(Tour Old Seller)))",
        },
        {
            content: "The graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "shows the months",
            trigger: ".o_graph_renderer canvas",
        },
    ],
});
