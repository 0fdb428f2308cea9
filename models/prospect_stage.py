# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

POTENTIALS = [
    ("0", "Unknown"),
    ("1", "Low"),
    ("2", "Medium"),
    ("3", "High"),
]


class ProspectStage(models.Model):
    _name = "prospect.stage"
    _description = "Prospect Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    stage_type = fields.Selection(
        [("open", "In Progress"), ("converted", "Converted"), ("lost", "Lost")],
        string="Type",
        default="open",
        required=True,
        help="Converting a prospect moves it to the first Converted stage; "
        "new prospects start in the first In Progress stage.",
    )
    fold = fields.Boolean(
        string="Folded in Pipeline",
        help="Folded stages are collapsed in the prospect pipeline.",
    )
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the stage between all companies.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    @api.model
    def _prospect_stage_for(self, stage_type, company):
        """First stage of ``stage_type`` usable in ``company``."""
        return self.search(
            [
                ("stage_type", "=", stage_type),
                ("company_id", "in", [company.id, False]),
            ],
            limit=1,
        )
