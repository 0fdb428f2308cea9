/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

const CUSTOMER = "Tour Existing Customer";

// A manager links a prospect into the customer that was opened elsewhere and
// lands on that customer, with the prospect's quote.
registry.category("web_tour.tours").add("prospect_management_convert_existing", {
    steps: () => [
        {
            content: "Convert the prospect",
            trigger:
                ".o_form_view .o_statusbar_buttons button:contains(Convert to Customer)",
            run: "click",
        },
        {
            content: "The wizard says it cannot be undone",
            trigger: ".modal .alert-warning:contains(Conversion cannot be undone)",
        },
        {
            content: "Link it into an existing customer",
            trigger:
                ".modal div[name=mode] .form-check:contains(existing customer) input",
            run: "click",
        },
        {
            content: "The customer with the same email domain is suggested first",
            trigger: `.modal div[name=suggested_partner_ids] tr.o_data_row:first:contains(${CUSTOMER})`,
        },
        {
            content: "... and chosen",
            trigger: `.modal div[name=target_partner_id] input:value(${CUSTOMER})`,
        },
        {
            content: "The preview counts the quote that will move",
            trigger: ".modal div[name=preview_quote_count]:contains(1)",
        },
        {
            content: "Convert",
            trigger: ".modal button[name=action_convert]",
            run: "click",
        },
        {
            content: "Landed on the customer",
            trigger: `.o_breadcrumb .active:contains(${CUSTOMER})`,
        },
        {
            content: "It shows where it came from",
            trigger:
                ".o_form_view button[name=action_view_prospect_origins]:contains(1)",
        },
        {
            content: "Open its quotes",
            trigger: ".o_form_view button[name=action_view_sale_order]",
            run: "click",
        },
        {
            content: "The prospect's quote is the customer's now",
            trigger: `.o_list_view:has(.o_data_row:contains(${CUSTOMER})):not(:has(.o_data_row:nth-child(2)))`,
        },
    ],
});
