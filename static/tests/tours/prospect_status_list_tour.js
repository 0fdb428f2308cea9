/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

const ROW = "tr.o_data_row:contains(Tour List Prospect)";
const MENU = ".o-dropdown--menu";

// A Prospect Manager changes a status from the list, in one click: only the
// statuses the lifecycle allows are offered, and activating asks first.
registry.category("web_tour.tours").add("prospect_management_status_list_manager", {
    steps: () => [
        {
            content: "Open the status of the prospect",
            trigger: `${ROW} div[name=customer_status] button`,
            run: "click",
        },
        {
            content: "Active and Suspended are offered",
            trigger: `${MENU}:has(.dropdown-item:contains(Active)):has(.dropdown-item:contains(Suspended))`,
        },
        {
            content: "Lead is not: a prospect never goes back",
            trigger: `${MENU}:not(:has(.dropdown-item:contains(Lead)))`,
        },
        {
            content: "Make it active",
            trigger: `${MENU} .dropdown-item:contains(Active)`,
            run: "click",
        },
        {
            content: "Asked first: what happens, and that it cannot be undone",
            trigger: ".modal .o_prospect_status_dialog:contains(cannot be undone)",
        },
        {
            content: "The conversion wizard is offered instead",
            trigger: ".modal button:contains(Open Conversion Wizard)",
        },
        {
            content: "Cancel",
            trigger: ".modal button:contains(Cancel)",
            run: "click",
        },
        {
            content: "Nothing changed",
            trigger: `body:not(:has(.modal)) ${ROW} div[name=customer_status]:contains(Prospect)`,
        },
        {
            content: "Open the status again",
            trigger: `${ROW} div[name=customer_status] button`,
            run: "click",
        },
        {
            content: "Make it active",
            trigger: `${MENU} .dropdown-item:contains(Active)`,
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal button:contains(Confirm)",
            run: "click",
        },
        {
            content: "The list shows it Active",
            trigger: `body:not(:has(.modal)) ${ROW} div[name=customer_status]:contains(Active)`,
        },
        {
            content: "Open the status of the active customer",
            trigger: `${ROW} div[name=customer_status] button`,
            run: "click",
        },
        {
            content: "Only Suspended is offered now",
            trigger: `${MENU}:has(.dropdown-item:contains(Suspended)):not(:has(.dropdown-item:contains(Prospect)))`,
        },
        {
            content: "Close the menu",
            trigger: `${ROW} td[name=complete_name]`,
            run: "click",
        },
        {
            content: "Its form opens",
            trigger: ".o_form_view .o_statusbar_status",
        },
        {
            content: "The status bar offers no way back to Prospect",
            trigger: ".o_statusbar_status:not(:has(button:contains(Prospect)))",
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
            trigger: `${ROW}:not(:has(.o_field_prospect_status_selection))`,
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
