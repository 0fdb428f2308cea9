# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

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
        tracking=False,
    )

    _PROSPECT_ADDRESS = ("street", "street2", "city", "zip", "state_id", "country_id")

    @api.model
    def default_get(self, fields_list):
        """A site created from its customer (``default_owner_id``) starts at
        the customer's address; the user changes it when the site is
        elsewhere."""
        result = super().default_get(fields_list)
        owner_id = result.get("owner_id")
        wanted = [f for f in self._PROSPECT_ADDRESS if f in fields_list]
        if owner_id and wanted and not any(result.get(f) for f in wanted):
            owner = self.env["res.partner"].browse(owner_id)
            for fname in wanted:
                value = owner[fname]
                result[fname] = value.id if fname.endswith("_id") else value
        return result

    @api.onchange("owner_id")
    def _onchange_owner_id_prospect_address(self):
        """Picking the customer of a new site with no address yet fills it in."""
        if self._origin.id or not self.owner_id:
            return
        if any(self[fname] for fname in self._PROSPECT_ADDRESS):
            return
        for fname in self._PROSPECT_ADDRESS:
            self[fname] = self.owner_id[fname]

    def _compute_field_value(self, field):
        # The compute only fills new sites (existing ones keep their own
        # status); a status change is tracked by write(), where it is made.
        records = self
        if field.name == "customer_status":
            records = self.with_context(mail_notrack=True)
        return super(FSMLocation, records)._compute_field_value(field)

    @api.depends("owner_id")
    def _compute_customer_status(self):
        for site in self:
            if site._origin.id and site.customer_status:
                continue  # an existing site keeps its own status
            # a new site takes its customer's status
            owner = site.owner_id.commercial_partner_id
            site.customer_status = owner.customer_status or "active"

    def _prospect_allowed_domain(self, statuses):
        domain = super()._prospect_allowed_domain(statuses)
        if domain:
            domain = domain + [
                ("owner_id.commercial_partner_id.customer_status", "in", statuses)
            ]
        return domain

    def _prospect_check(self, kind, company=None, document=None):
        """Refuse a document of ``kind`` at these sites in ``company``: the
        customer first (the likelier way out), then the sites themselves."""
        company = company or self.env.company
        self._prospect_check_records(
            kind, self.owner_id.commercial_partner_id, company, document
        )
        self._prospect_check_records(kind, self, company, document)

    def _prospect_activate(self, note_for):
        """Activate these lead/prospect sites in one write, with one batch of
        chatter notes (``note_for(site)`` gives each note's text)."""
        sites = self.sudo().filtered(lambda s: s.customer_status in PRE_CUSTOMER)
        if sites:
            sites.with_context(mail_notrack=True).write({"customer_status": "active"})
            sites._message_log_batch(
                {site.id: escape(note_for(site)) for site in sites}
            )
        return sites

    def write(self, vals):
        if "customer_status" in vals:
            self._prospect_check_status_write(vals["customer_status"])
        if vals.get("owner_id"):
            self._prospect_check_owner_change(vals["owner_id"])
        return super().write(vals)

    def _prospect_check_owner_change(self, owner_id):
        """Refuse to give these sites to a customer whose status may not have
        their jobs, assets, planned maintenance or quotes (read before the
        write, so that nothing changes)."""
        Partner = self.env["res.partner"]
        entity = Partner.browse(owner_id).commercial_partner_id
        moving = self.filtered(lambda s: s.owner_id.commercial_partner_id != entity)
        if not moving:
            return
        action = _("moving the site to it")
        Partner._prospect_check_held(
            [
                (
                    Partner._prospect_holder_label(site),
                    kind,
                    company,
                    entity,
                    entity.customer_status,
                    action,
                )
                for site, kind, company in Partner._prospect_holdings(moving.sudo())
            ]
        )

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
