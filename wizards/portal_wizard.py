# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class PortalWizardUser(models.TransientModel):
    _inherit = "portal.wizard.user"

    def action_grant_access(self):
        # refuse before Odoo creates the user and prepares the invitation;
        # the user it creates belongs to the partner's company, or to the
        # current one: the company the res.users guard will decide with
        self.partner_id._prospect_check(
            "portal", self.partner_id._prospect_portal_company(self.env.company)
        )
        return super().action_grant_access()
