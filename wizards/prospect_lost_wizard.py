# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ProspectLostWizard(models.TransientModel):
    """Mark leads and prospects lost, with a reason (as CRM's lost wizard)."""

    _name = "prospect.lost.wizard"
    _description = "Mark Prospects as Lost"

    partner_ids = fields.Many2many(
        "res.partner", string="Prospects", required=True, readonly=True
    )
    lost_reason_id = fields.Many2one(
        "prospect.lost.reason",
        string="Lost Reason",
        required=True,
        domain="[('company_id', 'in', [company_id, False])]",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, readonly=True
    )
    note = fields.Html(sanitize=True)
    cancel_activities = fields.Boolean(
        string="Cancel their open activities",
        default=True,
    )
    cancel_quotes = fields.Boolean(
        string="Cancel their draft quotes",
        default=True,
    )
    prospect_count = fields.Integer(compute="_compute_counts")
    activity_count = fields.Integer(compute="_compute_counts")
    quote_count = fields.Integer(compute="_compute_counts")
    summary = fields.Char(compute="_compute_counts")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if "partner_ids" in fields_list and not values.get("partner_ids"):
            context = self.env.context
            if context.get("active_model") == "res.partner" and context.get(
                "active_ids"
            ):
                values["partner_ids"] = [fields.Command.set(context["active_ids"])]
        partners = self.env["res.partner"].browse(
            self._ids_from_commands(values.get("partner_ids"))
        )
        partners._prospect_check_can_lose()
        return values

    @api.model
    def _ids_from_commands(self, commands):
        ids = []
        for command in commands or ():
            if isinstance(command, int):
                ids.append(command)
            elif command[0] == fields.Command.SET:
                ids.extend(command[2])
            elif command[0] == fields.Command.LINK:
                ids.append(command[1])
        return ids

    @api.depends("partner_ids")
    def _compute_counts(self):
        for wizard in self:
            partners = wizard.partner_ids
            wizard.prospect_count = len(partners)
            wizard.activity_count = len(partners.activity_ids)
            wizard.quote_count = len(partners._prospect_draft_quotes())
            if len(partners) == 1:
                wizard.summary = self.env._(
                    "%(prospect)s goes to the Lost stage.",
                    prospect=partners.display_name,
                )
            else:
                wizard.summary = self.env._(
                    "%(count)s prospects go to the Lost stage.",
                    count=len(partners),
                )

    def action_mark_lost(self):
        self.ensure_one()
        self.partner_ids._prospect_mark_lost(
            self.lost_reason_id,
            note=self.note,
            cancel_activities=self.cancel_activities,
            cancel_quotes=self.cancel_quotes,
        )
        return {"type": "ir.actions.act_window_close"}
