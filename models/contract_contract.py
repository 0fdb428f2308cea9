# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ContractContract(models.Model):
    _name = "contract.contract"
    _inherit = ["contract.contract", "prospect.document.mixin"]

    partner_id = fields.Many2one(
        domain="contract_type == 'sale' "
        "and [('prospect_allowed_for', '=', 'contract')] or []"
    )

    @api.constrains("partner_id", "contract_type", "company_id")
    def _check_prospect_contract(self):
        sales = self.filtered(lambda c: c.contract_type == "sale")
        for company, contracts in sales.grouped("company_id").items():
            contracts.partner_id._prospect_check("contract", company)

    @api.model
    def _prospect_holdings(self, partners, sites):
        return self._prospect_read_holdings(
            "contract", "partner_id", partners, [("contract_type", "=", "sale")]
        )
