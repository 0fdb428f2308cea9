# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProspectLostReason(models.Model):
    """Why a prospect was given up (price, no budget, went to a competitor...),
    as Odoo CRM's lost reasons: chosen when marking prospects lost, counted
    in the conversion analysis."""

    _name = "prospect.lost.reason"
    _description = "Prospect Lost Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the reason between all companies.",
    )
    prospect_count = fields.Integer(
        string="Lost Prospects", compute="_compute_prospect_count"
    )

    def _compute_prospect_count(self):
        counts = dict(
            self.env["res.partner"]
            .with_context(active_test=False)
            ._read_group(
                [("prospect_lost_reason_id", "in", self.ids)],
                ["prospect_lost_reason_id"],
                ["__count"],
            )
        )
        for reason in self:
            reason.prospect_count = counts.get(reason, 0)

    def action_open_prospects(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Lost: %(reason)s", reason=self.name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("prospect_lost_reason_id", "=", self.id)],
            "context": {"active_test": False},
        }
