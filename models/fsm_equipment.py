# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class FSMEquipment(models.Model):
    _name = "fsm.equipment"
    _inherit = ["fsm.equipment", "prospect.document.mixin"]

    location_id = fields.Many2one(domain="[('prospect_allowed_for', '=', 'asset')]")
    current_location_id = fields.Many2one(
        domain="[('prospect_allowed_for', '=', 'asset')]"
    )
    owned_by_id = fields.Many2one(domain="[('prospect_allowed_for', '=', 'asset')]")

    @api.constrains("location_id", "current_location_id", "owned_by_id", "company_id")
    def _check_prospect_asset(self):
        for company, assets in self.grouped("company_id").items():
            assets.owned_by_id._prospect_check("asset", company)
            sites = assets.location_id | assets.current_location_id
            sites._prospect_check("asset", company)

    @api.model
    def _prospect_holdings(self, partners, sites):
        return (
            self._prospect_read_holdings("asset", "owned_by_id", partners)
            + self._prospect_read_holdings("asset", "location_id", sites)
            + self._prospect_read_holdings("asset", "current_location_id", sites)
        )
