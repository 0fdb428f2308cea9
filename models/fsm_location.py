# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .prospect_status_mixin import LIVE, PRE_CUSTOMER


class FSMLocation(models.Model):
    _name = "fsm.location"
    _inherit = ["fsm.location", "prospect.status.mixin"]

    # The site's own status (a column of fsm_location, not of its partner):
    # an active customer may have a prospect site being quoted.
    customer_status = fields.Selection(
        string="Site Status",
        compute="_compute_customer_status",
        store=True,
        readonly=False,
        precompute=True,
    )
    owner_status = fields.Selection(
        related="owner_id.commercial_partner_id.customer_status",
        string="Customer Status",
    )

    @api.depends("owner_id")
    def _compute_customer_status(self):
        for site in self:
            # a new site takes its customer's status; an existing one keeps its own
            site.customer_status = (
                site.customer_status
                or site.owner_id.commercial_partner_id.customer_status
                or "active"
            )

    def write(self, vals):
        if "customer_status" in vals:
            self._prospect_check_status_write(vals["customer_status"])
        return super().write(vals)

    @api.constrains("customer_status", "owner_id")
    def _check_site_not_ahead_of_customer(self):
        for site in self:
            owner = site.owner_id.commercial_partner_id
            if site.customer_status in LIVE and owner.customer_status in PRE_CUSTOMER:
                raise ValidationError(
                    _(
                        "Site %(site)s cannot be %(status)s while its customer "
                        "%(customer)s is a %(customer_status)s: convert the "
                        "customer first.",
                        site=site.display_name,
                        status=self._prospect_status_label(site.customer_status),
                        customer=owner.display_name,
                        customer_status=self._prospect_status_label(
                            owner.customer_status
                        ).lower(),
                    )
                )

    @api.model
    def get_import_templates(self):
        return super().get_import_templates() + [
            {
                "label": _("Import Template for Sites with a Status"),
                "template": "/prospect_management/static/xls/"
                "prospect_sites_import.xlsx",
            },
            {
                "label": _("Import Template for Sites with a Status (CSV)"),
                "template": "/prospect_management/static/xls/prospect_sites_import.csv",
            },
        ]
