/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

const CUSTOMER = "Tour Job Prospect";
const SITE = "Tour New Depot";

// A dispatcher creates a job and, the prospect site not being offered, creates
// the site on the fly for the prospect: saving the job is refused with a
// dialog saying what to do.
registry.category("web_tour.tours").add("prospect_management_job_refused", {
    url: "/odoo/action-fieldservice.action_fsm_operation_order",
    steps: () => [
        {
            content: "New job",
            trigger: ".o_control_panel_main_buttons button.btn-primary",
            run: "click",
        },
        {
            content: "Type a new site",
            trigger: ".o_form_view div[name=location_id] input",
            run: `edit ${SITE}`,
        },
        {
            content: "Create and edit it",
            trigger: ".ui-menu-item a:contains(Create and edit)",
            run: "click",
        },
        {
            content: "The site belongs to the prospect",
            trigger: ".modal div[name=owner_id] input",
            run: `edit ${CUSTOMER}`,
        },
        {
            content: "Pick the prospect",
            trigger: `.ui-menu-item a:contains(${CUSTOMER})`,
            run: "click",
        },
        {
            content: "Save the site",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Back on the job, with the new site",
            trigger: `.o_form_view div[name=location_id] input:value(${SITE})`,
        },
        {
            content: "Save the job",
            trigger: ".o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "Read the refusal",
            trigger: `.modal-body:contains(Convert ${CUSTOMER} to a customer before creating a Field Service order)`,
        },
        {
            content: "The way out is one click away: the conversion wizard",
            trigger: ".modal-footer button.btn-primary:contains(Convert to Customer)",
            run: "click",
        },
        {
            content: "It opens on the refused prospect",
            trigger: `.modal .o_form_view div[name=partner_ids]:contains(${CUSTOMER})`,
        },
        {
            content: "Not now: cancel the wizard",
            trigger: ".modal .modal-footer button:contains(Cancel)",
            run: "click",
        },
        {
            content: "Discard the job",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            content: "Back to the list",
            trigger: ".o_list_view, .o_kanban_view, .o_form_saved, .o_form_readonly",
        },
    ],
});
