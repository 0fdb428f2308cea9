/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";

const handlers = registry.category("ir.actions.report handlers");

// An XLSX report action that asks to close its dialog once downloaded (the
// Reports menu's wizard does, as Odoo's own print wizards do for PDFs).
// report_xlsx's handler closes the dialog but then reports the action as not
// handled, and the action manager logs "can't handle reports of type xlsx":
// let it download, then close the dialog here.
handlers.add(
    "prospect_management_xlsx_close",
    async function (action, options, env) {
        if (action.report_type !== "xlsx" || !action.close_on_report_download) {
            return false;
        }
        const download = handlers.get("xlsx_handler");
        await download({...action, close_on_report_download: false}, {}, env);
        await env.services.action.doAction(
            {type: "ir.actions.act_window_close"},
            {onClose: options.onClose}
        );
        return true;
    },
    {sequence: 10}
);
