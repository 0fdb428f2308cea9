# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class FSMOrder(models.Model):
    _name = "fsm.order"
    _inherit = ["fsm.order", "prospect.document.mixin"]

    location_id = fields.Many2one(
        domain="[('prospect_allowed_for', 'in', ['job', company_id])]"
    )

    @api.model
    def _prospect_guarded(self):
        return [("job", (), ("location_id",))]

    @api.constrains("location_id", "company_id")
    def _check_prospect_job(self):
        self._prospect_guard()
