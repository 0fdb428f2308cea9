# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models


class ResPartner(models.Model):
    """Partner-side moves: a contact put under another company, a company
    made a contact, a site given to another owner, partners merged.

    The documents do not change, but the customer they belong to does: the
    move is decided by the policy that decides the documents themselves, at
    a constant number of queries whatever the number of partners moved.
    """

    _inherit = "res.partner"

    def write(self, vals):
        if not ({"parent_id", "is_company"} & vals.keys()) or not self.ids:
            return super().write(vals)
        family = (
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", self.ids)])
        )
        entity_before = {
            partner.id: partner.commercial_partner_id for partner in family
        }
        result = super().write(vals)
        moved = family.filtered(
            lambda p: p.commercial_partner_id != entity_before[p.id]
        )
        if moved:
            moved._prospect_check_moved(self)
        return result

    def _prospect_check_moved(self, roots):
        """Refuse if these partners, now under another commercial entity,
        hold documents that its status does not allow.

        :param roots: the partners written (a moved partner is one of them
            or one of their contacts)
        """
        sites = (
            self.env["fsm.location"]
            .sudo()
            .with_context(active_test=False)
            .search([("owner_id", "in", self.ids)])
        )

        def root_of(partner):
            """The partner written that ``partner`` moved with."""
            ancestor = partner
            while ancestor and ancestor not in roots:
                ancestor = ancestor.parent_id
            return ancestor or partner

        held = []
        for holder, kind, company in self._prospect_holdings(sites):
            if holder._name == "fsm.location":
                partner = root_of(holder.owner_id)
                entity = holder.owner_id.commercial_partner_id
            else:
                partner = root_of(holder)
                entity = holder.commercial_partner_id
            held.append(
                (
                    self._prospect_holder_label(holder),
                    kind,
                    company,
                    entity,
                    entity.customer_status,
                    _("moving %(partner)s under it", partner=partner.name),
                )
            )
        self._prospect_check_held(held)
        # a live site never belongs to a pre-customer (as when it is written)
        sites._check_site_not_ahead_of_customer()

    def _prospect_holdings(self, sites, every=False):
        """[(holder, kind, company)]: the guarded documents these partners
        or ``sites`` hold, one or two grouped queries per document model
        (``every``: whatever their state)."""
        holdings = []
        Mixin = self.pool["prospect.document.mixin"]
        for name, model_class in self.pool.items():
            if not model_class._abstract and issubclass(model_class, Mixin):
                holdings += self.env[name]._prospect_holdings(self, sites, every)
        return holdings

    def _prospect_portal_company(self, user_company):
        """The company whose policy decides on this partner's portal access:
        the partner's own, else the company of its (future) user."""
        return self.company_id or user_company
