/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

// Reports › Customer and Site Lists, as Excel: the dialog closes once the
// file is downloaded, as it does after a PDF.
registry.category("web_tour.tours").add("prospect_management_report_wizard_xlsx", {
    steps: () => [
        {
            content: "Choose Excel",
            trigger: ".modal div[name=output] .o_radio_item:contains(Excel) input",
            run: "click",
        },
        {
            content: "Print",
            trigger: ".modal footer button[name=action_print]",
            run: "click",
        },
        {
            content: "The file is downloaded and the dialog is gone",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
