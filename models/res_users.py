# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    """Portal access is a document of the customer: whatever creates a share
    user (portal wizard, signup, invitation, import) for a lead or prospect
    is refused per the company policy."""

    _name = "res.users"
    _inherit = ["res.users", "prospect.document.mixin"]

    @api.model
    def _prospect_guarded(self):
        return [("portal", ("partner_id",), ())]

    def _prospect_documents(self, kind):
        return self.filtered(lambda u: u.share and u.active)

    @api.model
    def _prospect_held_domain(self, kind):
        return [("share", "=", True)]

    def _prospect_document_company(self):
        return self.partner_id._prospect_portal_company(self.company_id)

    @api.constrains("groups_id", "partner_id", "active")
    def _check_prospect_portal(self):
        self._prospect_guard()

    @api.model
    def _prospect_holdings(self, partners, sites, every=False):
        return [
            (partner, kind, partner._prospect_portal_company(company))
            for partner, kind, company in super()._prospect_holdings(
                partners, sites, every=every
            )
        ]
