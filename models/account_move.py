# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

CUSTOMER_DOCUMENTS = ("out_invoice", "out_refund", "out_receipt")


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "prospect.document.mixin"]

    @api.constrains("partner_id", "move_type", "company_id")
    def _check_prospect_invoice(self):
        invoices = self.filtered(lambda m: m.move_type in CUSTOMER_DOCUMENTS)
        for company, moves in invoices.grouped("company_id").items():
            moves.partner_id._prospect_check("invoice", company)

    @api.model
    def _prospect_holdings(self, partners, sites):
        return self._prospect_read_holdings(
            "invoice",
            "partner_id",
            partners,
            [("move_type", "in", CUSTOMER_DOCUMENTS), ("state", "!=", "cancel")],
        )
