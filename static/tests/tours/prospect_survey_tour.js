/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

const SITE = "Tour Survey Yard";

// A salesperson who also dispatches field service schedules a site survey for
// a prospect site, from Sales › Prospects › Prospect Sites: the order opens
// with the survey type and the site set, and saves.
registry.category("web_tour.tours").add("prospect_management_survey", {
    url: "/odoo/action-prospect_management.action_prospect_sites",
    steps: () => [
        {
            content: "Open the prospect site",
            trigger: `.o_data_row td:contains(${SITE})`,
            run: "click",
        },
        {
            content: "Schedule a site survey",
            trigger: ".o_form_view button[name=action_prospect_schedule_survey]",
            run: "click",
        },
        {
            content: "The order is a site survey",
            trigger: ".o_form_view div[name=type] input:value(Site Survey)",
        },
        {
            content: "At the prospect site",
            trigger: `.o_form_view div[name=location_id] input:value(${SITE})`,
        },
        {
            content: "Save it",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "Saved, no refusal",
            trigger:
                ".o_form_view .o_form_saved, .o_form_view:not(:has(.o_form_dirty))",
        },
        {
            content: "No error dialog",
            trigger:
                "body:not(:has(.modal .o_error_dialog, .modal-body:contains(prospect site)))",
        },
    ],
});
