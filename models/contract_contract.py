# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ContractContract(models.Model):
    _name = "contract.contract"
    _inherit = ["contract.contract", "prospect.document.mixin"]

    partner_id = fields.Many2one(
        domain="contract_type == 'sale' "
        "and [('prospect_allowed_for', 'in', ['contract', company_id])] or []"
    )

    @api.model
    def _prospect_guarded(self):
        return [("contract", ("partner_id",), ())]

    def _prospect_documents(self, kind):
        return self.filtered(lambda c: c.contract_type == "sale")

    @api.model
    def _prospect_held_domain(self, kind):
        return [("contract_type", "=", "sale")]

    @api.constrains("partner_id", "contract_type", "company_id")
    def _check_prospect_contract(self):
        self._prospect_guard()
