/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {Component} from "@odoo/owl";
import {Dialog} from "@web/core/dialog/dialog";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {
    StateSelectionField,
    stateSelectionField,
} from "@web/views/fields/state_selection/state_selection_field";
import {
    StatusBarField,
    statusBarField,
} from "@web/views/fields/statusbar/statusbar_field";

const NEXT = "customer_status_next";

/**
 * Asks before a status change that activates or suspends a customer or a
 * site: what happens, that it cannot be undone, and (for a prospect) the
 * conversion wizard as the better way.
 */
export class ProspectStatusDialog extends Component {
    static template = "prospect_management.ProspectStatusDialog";
    static components = {Dialog};
    static props = {
        title: String,
        body: String,
        wizard: Boolean,
        confirm: Function,
        openWizard: Function,
        close: Function,
    };

    async onConfirm() {
        this.props.close();
        await this.props.confirm();
    }

    async onWizard() {
        this.props.close();
        await this.props.openWizard();
    }
}

/** The statuses ``record`` may move to: the current one first, then the next. */
function allowedStatuses(record, name) {
    const next = (record.data[NEXT] || "").split(",").filter(Boolean);
    return [record.data[name], ...next];
}

/**
 * Runs ``apply`` once the user agreed to move ``record`` to ``value``
 * (immediately when the change needs no confirmation).
 */
async function confirmStatusChange(component, record, value, apply) {
    const {orm, dialog, action} = component.prospectServices;
    if (!record.resId) {
        return apply();
    }
    const info = await orm.call(record.resModel, "prospect_status_change_info", [
        [record.resId],
        value,
    ]);
    if (!info) {
        return apply();
    }
    dialog.add(ProspectStatusDialog, {
        title: info.title,
        body: info.body,
        wizard: Boolean(info.wizard),
        confirm: apply,
        openWizard: async () => {
            if (record.isDirty) {
                await record.save();
            }
            await action.doAction(
                "prospect_management.action_prospect_convert_wizard",
                {
                    additionalContext: {
                        active_model: record.resModel,
                        active_id: record.resId,
                        active_ids: [record.resId],
                    },
                    onClose: () => record.load(),
                }
            );
        },
    });
}

function useProspectServices(component) {
    const env = component.env;
    component.prospectServices = {
        orm: env.services.orm,
        dialog: env.services.dialog,
        action: env.services.action,
    };
}

/** One-click status in lists and kanban cards: only the allowed statuses. */
export class ProspectStatusSelectionField extends StateSelectionField {
    setup() {
        super.setup();
        useProspectServices(this);
        this.colors = {
            lead: "blue",
            prospect: "orange",
            active: "green",
            suspended: "red",
        };
    }

    get options() {
        const allowed = allowedStatuses(this.props.record, this.props.name);
        return super.options.filter(([value]) => allowed.includes(value));
    }

    async updateRecord(value) {
        const apply = () => super.updateRecord(value);
        await confirmStatusChange(this, this.props.record, value, apply);
    }
}

export const prospectStatusSelectionField = {
    ...stateSelectionField,
    component: ProspectStatusSelectionField,
    displayName: _t("Customer Status"),
    fieldDependencies: [{name: NEXT, type: "char", readonly: true}],
};

/** The form's status bar: only the allowed statuses are offered. */
export class ProspectStatusBarField extends StatusBarField {
    setup() {
        super.setup();
        useProspectServices(this);
    }

    getAllItems() {
        const allowed = allowedStatuses(this.props.record, this.props.name);
        const items = super.getAllItems();
        if (this.props.isDisabled) {
            return items;
        }
        return items.filter((item) => allowed.includes(item.value));
    }

    async selectItem(item) {
        const apply = () => super.selectItem(item);
        await confirmStatusChange(this, this.props.record, item.value, apply);
    }
}

export const prospectStatusBarField = {
    ...statusBarField,
    component: ProspectStatusBarField,
    fieldDependencies: [{name: NEXT, type: "char", readonly: true}],
};

registry
    .category("fields")
    .add("prospect_status_selection", prospectStatusSelectionField);
registry.category("fields").add("prospect_statusbar", prospectStatusBarField);
