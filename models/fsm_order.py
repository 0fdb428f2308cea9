# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class FSMOrder(models.Model):
    _name = "fsm.order"
    _inherit = ["fsm.order", "prospect.document.mixin"]

    location_id = fields.Many2one(domain="[('prospect_allowed_for', '=', 'job')]")

    @api.constrains("location_id", "company_id")
    def _check_prospect_job(self):
        for company, orders in self.grouped("company_id").items():
            orders.location_id._prospect_check("job", company)

    @api.model
    def _prospect_holdings(self, partners, sites):
        return self._prospect_read_holdings("job", "location_id", sites)
