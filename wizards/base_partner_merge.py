# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models

from ..models.prospect_status_mixin import STATUS_RANK


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        """Merging never loses a customer, nor gives its documents to a
        pre-customer.

        The survivor takes the most advanced status of the merged customers
        (a prospect merged into a live customer stays live; a live customer
        merged into a prospect makes the prospect live). Status is computed,
        so Odoo's merge would not carry it over by itself. Then what the
        merged partners held (invoices, jobs...) is decided by the policy,
        with the status of the customer it now belongs to.
        """
        partners = self.env["res.partner"].browse(partner_ids).exists()
        # the statuses of customers, not the status a contact shows of its
        # company: merging a contact of a live company into a prospect does
        # not make the prospect a customer
        statuses = [
            p.customer_status
            for p in partners
            if p.customer_status and p.commercial_partner_id == p
        ]
        dst_status = dst_partner.customer_status if dst_partner else False
        best = max(statuses, key=lambda s: STATUS_RANK[s], default=False)
        if best and dst_status and STATUS_RANK[dst_status] == STATUS_RANK[best]:
            best = dst_status
        held = self._prospect_held_before_merge(partners, dst_partner)
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
        if len(survivor) == 1:
            self._prospect_check_merged(held, survivor)
        return res

    def _prospect_held_before_merge(self, partners, dst_partner):
        """What the partners merged away hold, with their customer before
        the merge: [(holder label, kind, company, entity before)]."""
        if len(partners) < 2:
            return []
        if dst_partner and dst_partner in partners:
            dst = dst_partner
        else:
            dst = self._get_ordered_partner(partners.ids)[-1]
        sources = (partners - dst).sudo()
        # their contacts move along (under the survivor), their companies not
        family = (
            sources.with_context(active_test=False)
            .search([("id", "child_of", sources.ids)])
            .filtered(
                lambda p: p.commercial_partner_id in sources.commercial_partner_id
            )
        )
        sites = (
            self.env["fsm.location"]
            .sudo()
            .with_context(active_test=False)
            .search([("owner_id", "in", family.ids)])
        )
        Partner = self.env["res.partner"]
        action = _(
            "merging %(partners)s into %(survivor)s",
            partners=", ".join(p.name or p.display_name for p in sources),
            survivor=dst.display_name,
        )
        return [
            (
                Partner._prospect_holder_label(holder),
                kind,
                company,
                (
                    holder.owner_id if holder._name == "fsm.location" else holder
                ).commercial_partner_id,
                action,
            )
            for holder, kind, company in family._prospect_holdings(sites)
        ]

    def _prospect_check_merged(self, held, survivor):
        entity = survivor.commercial_partner_id
        self.env["res.partner"]._prospect_check_held(
            [
                (label, kind, company, entity, entity.customer_status, action)
                for label, kind, company, before, action in held
                if before != entity
            ]
        )
