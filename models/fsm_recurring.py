# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class FSMRecurring(models.Model):
    _name = "fsm.recurring"
    _inherit = ["fsm.recurring", "prospect.document.mixin"]

    location_id = fields.Many2one(domain="[('prospect_allowed_for', '=', 'ppm')]")

    @api.constrains("location_id", "company_id")
    def _check_prospect_ppm(self):
        for company, schedules in self.grouped("company_id").items():
            schedules.location_id._prospect_check("ppm", company)

    @api.model
    def _prospect_holdings(self, partners, sites):
        return self._prospect_read_holdings("ppm", "location_id", sites)
