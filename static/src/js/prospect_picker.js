/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {Many2XAutocomplete} from "@web/views/fields/relational_utils";
import {_t} from "@web/core/l10n/translation";
import {patch} from "@web/core/utils/patch";

const QUICK_CREATE = "o_m2o_dropdown_option o_m2o_dropdown_option_create";

/**
 * The kind of document and the company a picker's domain asks for, from its
 * ('prospect_allowed_for', 'in', [kind, company_id]) leaf; null without one.
 */
export function prospectPickerKind(domain) {
    for (const leaf of domain || []) {
        if (Array.isArray(leaf) && leaf[0] === "prospect_allowed_for") {
            const values = Array.isArray(leaf[2]) ? leaf[2] : [leaf[2]];
            const kind = values.find((value) => typeof value === "string");
            const company = values.find((value) => Number.isInteger(value));
            return kind ? {kind, companyId: company || false} : null;
        }
    }
    return null;
}

/**
 * Every picker whose domain asks for prospect_allowed_for (jobs, invoices,
 * quotes, assets, contracts, schedules, and any kind an addon adds) says which
 * records it leaves out and why: typing the name of a prospect where only live
 * customers may go shows the prospect, greyed, with the way out (convert it
 * first) instead of offering to create a second, active customer of the same
 * name.  A patch rather than a widget, so that pickers with a widget of their
 * own (partner_autocomplete's res_partner_many2one) keep it.
 */
patch(Many2XAutocomplete.prototype, {
    async loadOptionsSource(request) {
        const options = await super.loadOptionsSource(request);
        const picker = request.length && prospectPickerKind(this.props.getDomain());
        if (!picker) {
            return options;
        }
        const hidden = await this.orm.call(
            this.props.resModel,
            "prospect_picker_hidden",
            [request, picker.kind, picker.companyId],
            {context: this.props.context}
        );
        if (!hidden.length) {
            return options;
        }
        // no one-click creation of a namesake: "Create and edit..." stays,
        // and the new customer's form shows the likely-duplicate warning
        const kept = options.filter(
            (option) =>
                option.classList !== QUICK_CREATE &&
                !(option.classList || "").includes("o_m2o_no_result")
        );
        const explained = [];
        for (const record of hidden) {
            explained.push({
                label: record.reason,
                classList: "o_m2o_dropdown_option o_prospect_picker_hidden text-muted",
                unselectable: true,
            });
            if (record.convert_id) {
                explained.push({
                    label: _t("Convert %(name)s to a customer…", {
                        name: record.convert_name,
                    }),
                    classList: "o_m2o_dropdown_option o_prospect_picker_convert",
                    action: () =>
                        this.env.services.action.doAction(
                            "prospect_management.action_prospect_convert_wizard",
                            {
                                additionalContext: {
                                    active_model: "res.partner",
                                    active_id: record.convert_id,
                                    active_ids: [record.convert_id],
                                },
                            }
                        ),
                });
            }
        }
        return [...explained, ...kept];
    },
});
