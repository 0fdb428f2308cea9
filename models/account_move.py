# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

CUSTOMER_DOCUMENTS = ("out_invoice", "out_refund", "out_receipt")


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "prospect.document.mixin"]

    @api.model
    def _prospect_guarded(self):
        return [("invoice", ("partner_id",), ())]

    def _prospect_documents(self, kind):
        return self.filtered(lambda m: m.move_type in CUSTOMER_DOCUMENTS)

    @api.model
    def _prospect_held_domain(self, kind):
        return [("move_type", "in", CUSTOMER_DOCUMENTS), ("state", "!=", "cancel")]

    @api.constrains("partner_id", "move_type", "company_id")
    def _check_prospect_invoice(self):
        self._prospect_guard()


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    @api.constrains("fsm_order_ids")
    def _check_prospect_survey_invoice(self):
        """fieldservice_account links invoice lines to orders: a site survey
        of a pre-customer site is not invoiced."""
        self.fsm_order_ids._prospect_check_survey_invoiced()
