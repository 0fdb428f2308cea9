# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.constrains("groups_id", "partner_id", "active")
    def _check_prospect_portal(self):
        """Whatever creates a share user (portal wizard, signup, invitation,
        import) for a lead or prospect is refused per the company policy."""
        shared = self.filtered(lambda u: u.share and u.active)
        for company, users in shared.grouped("company_id").items():
            users.partner_id._prospect_check("portal", company)
