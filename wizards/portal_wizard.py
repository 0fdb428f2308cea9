# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class PortalWizardUser(models.TransientModel):
    _inherit = "portal.wizard.user"

    def action_grant_access(self):
        # refuse before Odoo creates the user and prepares the invitation
        self.partner_id._prospect_check(
            "portal", self.partner_id.company_id or self.env.company
        )
        return super().action_grant_access()
