/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

const CUSTOMER = "Tour Prospect Ltd";
const SITE = "Tour Head Office";
const PRODUCT = "Tour Boiler Visit";

registry.category("web_tour.tours").add("prospect_management_quote_won", {
    url: "/odoo/action-account.res_partner_action_customer",
    steps: () => [
        {
            content: "Create a customer",
            trigger: ".o_control_panel_main_buttons button.btn-primary",
            run: "click",
        },
        {
            content: "Name it",
            // a text area, or partner_autocomplete's input when installed
            trigger: ".o_form_view div[name=name] :is(textarea, input)",
            run: `edit ${CUSTOMER}`,
        },
        {
            content: "The Prospect checkbox is unticked by default",
            trigger: "div[name=is_prospect] input:not(:checked)",
        },
        {
            content: "Tick Prospect",
            trigger: "div[name=is_prospect] input",
            run: "click",
        },
        {
            content: "The status bar shows Prospect",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains(Prospect)",
        },
        ...stepUtils.saveForm(),
        {
            content: "The record carries the Prospect ribbon",
            trigger: ".o_form_view .ribbon:contains(Prospect)",
        },
        {
            content: "Open the Sites tab",
            trigger: ".o_notebook_headers a:contains(Sites)",
            run: "click",
        },
        {
            content: "Add a site",
            trigger: "div[name=prospect_site_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Name the site",
            trigger: ".modal div[name=name] input",
            run: `edit ${SITE}`,
        },
        {
            content: "Save the site",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The site is listed as a prospect site",
            trigger: `div[name=prospect_site_ids] tr.o_data_row:contains(${SITE}):contains(Prospect)`,
        },
        ...stepUtils.saveForm(),
        {
            content: "Open the customer's quotes",
            trigger: "button[name=action_view_sale_order]",
            run: "click",
        },
        {
            content: "New quote",
            trigger: ".o_control_panel_main_buttons button.btn-primary",
            run: "click",
        },
        {
            content: "The quote warns that this is a prospect",
            trigger: ".alert-warning[name=prospect_quote_warning]",
        },
        {
            content: "Choose the prospect site",
            trigger: "div[name=fsm_location_id] input",
            run: `edit ${SITE}`,
        },
        {
            content: "Pick it",
            trigger: `.ui-menu-item a:contains(${SITE})`,
            run: "click",
        },
        {
            content: "Add a product",
            trigger: "div[name=order_line] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Type the product",
            trigger:
                "div[name=order_line] .o_selected_row div[name=product_template_id] input",
            run: `edit ${PRODUCT}`,
        },
        {
            content: "Pick it",
            trigger: `.ui-menu-item a:contains(${PRODUCT})`,
            run: "click",
        },
        {
            content: "Confirm the quote",
            trigger: "button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The quote is now a sales order",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains(Sales Order)",
        },
        {
            content: "Back to the customer",
            trigger: `.o_breadcrumb a:contains(${CUSTOMER})`,
            run: "click",
        },
        {
            content: "The customer is Active",
            trigger:
                ".o_statusbar_status button.o_arrow_button_current:contains(Active)",
        },
        {
            content: "No more Prospect ribbon",
            trigger: ".o_form_view:not(:has(.ribbon:contains(Prospect)))",
        },
        {
            content: "Open the live Sites tab",
            trigger: ".o_notebook_headers a:contains(/^Sites$/)",
            run: "click",
        },
        {
            content: "The site is Active",
            trigger: `div[name=live_site_ids] tr.o_data_row:contains(${SITE}):contains(Active)`,
        },
    ],
});
