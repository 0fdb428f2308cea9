# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models
from odoo.exceptions import UserError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .prospect_status_mixin import PRE_CUSTOMER


class ResPartner(models.Model):
    """Deleting a lead or prospect (SPEC §9)."""

    _inherit = "res.partner"

    def unlink(self):
        """A lead or prospect takes its own contacts and sites with it; one
        that has quotes is kept (archive it instead)."""
        prospects = self.filtered(
            lambda p: p.customer_status in PRE_CUSTOMER and p.commercial_partner_id == p
        )
        if prospects and not self.env.context.get(MODULE_UNINSTALL_FLAG):
            prospects._prospect_check_unlink()
            sites = (
                self.env["fsm.location"]
                .sudo()
                .with_context(active_test=False)
                .search([("owner_id", "child_of", prospects.ids)])
            )
            own = self.with_context(active_test=False).search(
                [("id", "child_of", prospects.ids), ("id", "not in", self.ids)]
            )
            site_partners = sites.partner_id
            sites.unlink()
            (site_partners | own).unlink()
        return super().unlink()

    def _prospect_check_unlink(self):
        orders = (
            self.env["sale.order"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [("partner_id", "child_of", self.ids)],
            )
        )
        if orders:
            partner = orders[0].partner_id.commercial_partner_id
            raise UserError(
                _(
                    "%(partner)s has quotes (%(orders)s) and cannot be deleted. "
                    "Archive it instead.",
                    partner=partner.display_name,
                    orders=", ".join(
                        orders.filtered(
                            lambda o: o.partner_id.commercial_partner_id == partner
                        )[:5].mapped("name")
                    ),
                )
            )
