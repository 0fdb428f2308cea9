/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {registry} from "@web/core/registry";
import {RedirectWarningDialog} from "@web/core/errors/error_dialogs";

/**
 * A refusal whose way out is the conversion wizard
 * (models/prospect_exceptions.py): Odoo's redirect dialog, its button opening
 * the wizard on the refused customer.
 */
export class ProspectConversionNeededDialog extends RedirectWarningDialog {
    setup() {
        super.setup();
        const redirect = (this.props.data.context || {}).prospect_redirect || {};
        this.actionId = redirect.action;
        this.buttonText = redirect.button_text;
        this.additionalContext = redirect.additional_context;
    }
}

registry
    .category("error_dialogs")
    .add(
        "odoo.addons.prospect_management.models.prospect_exceptions.ProspectConversionNeeded",
        ProspectConversionNeededDialog
    );
