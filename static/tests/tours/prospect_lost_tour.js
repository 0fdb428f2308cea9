/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

const CARD = ".o_kanban_record:contains(Tour Lost Prospect)";

// Dropping a card on the Lost column asks why, instead of moving it silently.
registry.category("web_tour.tours").add("prospect_management_lost_drop", {
    steps: () => [
        {
            content: "Scroll to the folded Lost column, at the far right",
            trigger: ".o_kanban_group:has(.o_column_title:contains(Lost))",
            run() {
                this.anchor.scrollIntoView({inline: "end"});
            },
        },
        {
            content: "Drop the prospect on the Lost column",
            trigger: CARD,
            async run(helpers) {
                await helpers.drag_and_drop(
                    ".o_kanban_group:has(.o_column_title:contains(Lost))",
                    {position: {top: 80, left: 15}, relative: true}
                );
            },
        },
        {
            content: "The wizard asks for the reason",
            trigger: ".modal .o_field_widget[name=lost_reason_id] input",
            run: "edit competitor",
        },
        {
            content: "Went to a competitor",
            trigger: ".o-autocomplete--dropdown-item:contains(Went to a competitor)",
            run: "click",
        },
        {
            content: "Mark it lost",
            trigger: ".modal button[name=action_mark_lost]",
            run: "click",
        },
        {
            content: "The wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
