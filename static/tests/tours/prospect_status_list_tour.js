/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

const ROW = "tr.o_data_row:contains(Tour List Prospect)";

// A Prospect Manager changes a status from the list, in one click.
registry.category("web_tour.tours").add("prospect_management_status_list_manager", {
    steps: () => [
        {
            content: "Open the status of the prospect",
            trigger: `${ROW} div[name=customer_status] button`,
            run: "click",
        },
        {
            content: "Make it active",
            trigger: ".o-dropdown--menu .dropdown-item:contains(Active)",
            run: "click",
        },
        {
            content: "The list shows it Active",
            trigger: `${ROW} div[name=customer_status]:contains(Active)`,
        },
    ],
});

// A Prospect User sees the status, and cannot change it.
registry.category("web_tour.tours").add("prospect_management_status_list_user", {
    steps: () => [
        {
            content: "The status is a plain badge",
            trigger: `${ROW} .o_field_badge:contains(Prospect)`,
        },
        {
            content: "with nothing to click",
            trigger: `${ROW}:not(:has(.o_field_state_selection))`,
        },
        {
            content: "Open the prospect",
            trigger: `${ROW} td[name=complete_name]`,
            run: "click",
        },
        {
            content: "Its status bar is read-only",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains(Prospect):disabled",
        },
        {
            content: "Active cannot be clicked",
            trigger: ".o_statusbar_status button:contains(Active):disabled",
        },
    ],
});
