# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class FSMEquipment(models.Model):
    _name = "fsm.equipment"
    _inherit = ["fsm.equipment", "prospect.document.mixin"]

    location_id = fields.Many2one(
        domain="[('prospect_allowed_for', 'in', ['asset', company_id])]"
    )
    current_location_id = fields.Many2one(
        domain="[('prospect_allowed_for', 'in', ['asset', company_id])]"
    )
    owned_by_id = fields.Many2one(
        domain="[('prospect_allowed_for', 'in', ['asset', company_id])]"
    )

    @api.model
    def _prospect_guarded(self):
        return [("asset", ("owned_by_id",), ("location_id", "current_location_id"))]

    @api.constrains("location_id", "current_location_id", "owned_by_id", "company_id")
    def _check_prospect_asset(self):
        self._prospect_guard()
