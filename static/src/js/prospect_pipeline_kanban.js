/** @odoo-module */
/* Copyright 2026 Prospect Management contributors
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */

import {KanbanRenderer} from "@web/views/kanban/kanban_renderer";
import {kanbanView} from "@web/views/kanban/kanban_view";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";

/**
 * The prospect pipeline: a card dropped on a Lost column is not moved
 * there silently; the "Mark as Lost" wizard asks for the reason (and
 * whether to cancel the prospect's activities and draft quotes), as a
 * lost opportunity does in CRM.
 */
export class ProspectPipelineKanbanRenderer extends KanbanRenderer {
    setup() {
        super.setup();
        this.action = useService("action");
        this.orm = useService("orm");
    }

    async sortRecordDrop(dataRecordId, dataGroupId, params) {
        const list = this.props.list;
        const target = list.isGrouped
            ? list.groups.find((group) => group.id === params.parent?.dataset.id)
            : null;
        if (
            target &&
            target.id !== dataGroupId &&
            target.groupByField.name === "prospect_stage_id" &&
            target.value
        ) {
            const [stage] = await this.orm.read(
                "prospect.stage",
                [target.value],
                ["stage_type"]
            );
            if (stage && stage.stage_type === "lost") {
                params.parent.classList.remove("o_kanban_hover");
                const source = list.groups.find((group) => group.id === dataGroupId);
                const record = source.list.records.find(
                    (rec) => rec.id === dataRecordId
                );
                // the card goes back to its column until a reason is given
                this.render(true);
                return this.action.doAction(
                    "prospect_management.action_prospect_lost_wizard",
                    {
                        additionalContext: {
                            active_model: "res.partner",
                            active_id: record.resId,
                            active_ids: [record.resId],
                        },
                        onClose: () => list.load(),
                    }
                );
            }
        }
        return super.sortRecordDrop(...arguments);
    }
}

export const prospectPipelineKanbanView = {
    ...kanbanView,
    Renderer: ProspectPipelineKanbanRenderer,
};

registry.category("views").add("prospect_pipeline_kanban", prospectPipelineKanbanView);
