# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _name = "res.users"
    _inherit = ["res.users", "prospect.document.mixin"]

    @api.constrains("groups_id", "partner_id", "active")
    def _check_prospect_portal(self):
        """Whatever creates a share user (portal wizard, signup, invitation,
        import) for a lead or prospect is refused per the company policy."""
        shared = self.filtered(lambda u: u.share and u.active)
        for company, users in shared.grouped(
            lambda u: u.partner_id._prospect_portal_company(u.company_id)
        ).items():
            users.partner_id._prospect_check("portal", company)

    @api.model
    def _prospect_holdings(self, partners, sites):
        return [
            (partner, kind, partner._prospect_portal_company(company))
            for partner, kind, company in self._prospect_read_holdings(
                "portal", "partner_id", partners, [("share", "=", True)]
            )
        ]
