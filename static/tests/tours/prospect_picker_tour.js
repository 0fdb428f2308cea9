/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

// A dispatcher types the prospect's name in a new job's Location: the picker
// says the prospect site is left out and why, offers the conversion instead
// of creating a namesake, and opens the conversion wizard.
registry.category("web_tour.tours").add("prospect_management_picker_hidden", {
    url: "/odoo/action-fieldservice.action_fsm_operation_order",
    steps: () => [
        {
            content: "New job",
            trigger: ".o_control_panel_main_buttons button.btn-primary",
            run: "click",
        },
        {
            content: "Type the prospect's name in Location",
            trigger: ".o_form_view div[name=location_id] input",
            run: "edit Tour Greenfield",
        },
        {
            content: "The prospect site is shown, greyed, with what to do",
            trigger:
                ".o_prospect_picker_hidden:contains(Tour Greenfield Playground is a prospect site)",
        },
        {
            content: "and no one-click creation of a namesake",
            trigger:
                ".o-autocomplete--dropdown-menu:not(:has(.o_m2o_dropdown_option_create))",
        },
        {
            content: "Convert the prospect from the picker",
            trigger:
                ".o_prospect_picker_convert:contains(Convert Tour Greenfield School)",
            run: "click",
        },
        {
            content: "The conversion wizard opens on it",
            trigger: ".modal .o_form_view:contains(Tour Greenfield School)",
        },
        {
            content: "Close it",
            trigger: ".modal .btn-close",
            run: "click",
        },
        {
            content: "Closed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
