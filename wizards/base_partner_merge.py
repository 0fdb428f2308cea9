# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..models.prospect_status_mixin import STATUS_RANK


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        """Merging never loses a customer: the survivor takes the most
        advanced status of the merged partners (a prospect merged into a live
        customer stays live; a live customer merged into a prospect makes the
        prospect live).  Status is computed, so Odoo's merge would not carry
        it over by itself."""
        partners = self.env["res.partner"].browse(partner_ids).exists()
        statuses = [p.customer_status for p in partners if p.customer_status]
        dst_status = dst_partner.customer_status if dst_partner else False
        best = max(statuses, key=lambda s: STATUS_RANK[s], default=False)
        if best and dst_status and STATUS_RANK[dst_status] == STATUS_RANK[best]:
            best = dst_status
        res = super()._merge(
            partner_ids, dst_partner=dst_partner, extra_checks=extra_checks
        )
        survivor = partners.exists()
        if (
            best
            and len(survivor) == 1
            and survivor.commercial_partner_id == survivor
            and STATUS_RANK[best] > STATUS_RANK.get(survivor.customer_status, -1)
        ):
            # the wizard already checked the right to merge; moving the
            # survivor forward is part of the merge, not a manual change
            survivor.sudo().write({"customer_status": best})
        return res
