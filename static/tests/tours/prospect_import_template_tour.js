/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

const TEMPLATE = "/prospect_management/static/xls/prospect_customers_import.csv";

// A new office manager downloads "Customers with a Status" and imports it,
// unchanged, from Sales › Prospects: each row keeps the status of the file.
registry.category("web_tour.tours").add("prospect_management_import_template", {
    steps: () => [
        {
            content: "Open the Prospects list's actions",
            trigger: ".o_control_panel .o_cp_action_menus button",
            run: "click",
        },
        {
            content: "Import records",
            trigger: ".o-dropdown--menu .o_import_menu",
            run: "click",
        },
        {
            content: "Upload the template, as downloaded",
            trigger: ".o_control_panel button.o_import_file",
            async run() {
                const input = document.querySelector("input.o_input_file");
                const blob = await (await fetch(TEMPLATE)).blob();
                const file = new File([blob], "prospect_customers_import.csv", {
                    type: "text/csv",
                });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "Test it",
            trigger: ".o_control_panel button:contains(Test)",
            run: "click",
        },
        {
            content: "The test finds nothing wrong",
            trigger: ".alert-info:contains(Everything seems valid)",
        },
        {
            content: "Import it",
            trigger: ".o_control_panel button.btn-primary:contains(Import)",
            run: "click",
        },
        {
            content: "The four customers are imported",
            trigger: ".o_notification:contains(4 records successfully imported)",
        },
    ],
});
