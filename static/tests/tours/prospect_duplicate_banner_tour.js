/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

// A prospect with the Tax ID of an existing customer: one banner, not two.
registry.category("web_tour.tours").add("prospect_management_duplicate_banner", {
    steps: () => [
        {
            content: "The addon's banner names the likely duplicate",
            trigger:
                ".o_form_view .alert[name=prospect_duplicate_warning]:contains(Tour Banner Customer)",
        },
        {
            content: "and it is the only banner",
            trigger: ".o_form_view:not(:has(.alert:contains(same Tax ID)))",
        },
        {
            content: "exactly one",
            trigger: ".o_form_view",
            run: () => {
                const count = document.querySelectorAll(
                    ".o_form_view .alert-warning"
                ).length;
                if (count !== 1) {
                    throw new Error(`${count} warning banners on the prospect`);
                }
            },
        },
    ],
});
