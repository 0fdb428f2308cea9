# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import format_datetime

from .prospect_status_mixin import PRE_CUSTOMER


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "prospect.document.mixin"]

    partner_id = fields.Many2one(domain="[('prospect_allowed_for', '=', 'quote')]")
    fsm_location_id = fields.Many2one(domain="[('prospect_allowed_for', '=', 'quote')]")
    partner_customer_status = fields.Selection(
        related="partner_id.commercial_partner_id.customer_status",
        string="Customer Status",
    )
    fsm_location_status = fields.Selection(
        related="fsm_location_id.customer_status", string="Site Status"
    )
    prospect_auto_activate = fields.Boolean(related="company_id.prospect_auto_activate")

    # -------------------------------------------------------------- guards
    @api.constrains("partner_id", "fsm_location_id", "company_id")
    def _check_prospect_quote(self):
        for company, orders in self.grouped("company_id").items():
            orders.partner_id._prospect_check("quote", company)
            orders.fsm_location_id._prospect_check("quote", company)
        self._prospect_check_ppm_quote()

    def _prospect_check_ppm_quote(self):
        """Planned-maintenance (recurring) products are for active customers."""
        ppm_orders = self.filtered(
            lambda o: (
                "recurring" in o.order_line.product_id.mapped("field_service_tracking")
            )
        )
        for company, orders in ppm_orders.grouped("company_id").items():
            orders.partner_id._prospect_check("ppm_quote", company)
            orders.fsm_location_id._prospect_check("ppm_quote", company)

    @api.model
    def _prospect_holdings(self, partners, sites):
        holdings = []
        ppm = [("order_line.product_id.field_service_tracking", "=", "recurring")]
        for field, holders in (("partner_id", partners), ("fsm_location_id", sites)):
            for kind, domain in (("quote", []), ("ppm_quote", ppm)):
                holdings += self._prospect_read_holdings(
                    kind, field, holders, [("state", "!=", "cancel"), *domain]
                )
        return holdings

    # ------------------------------------------------------- quote won
    def _action_confirm(self):
        self._prospect_activate_from_quotes()
        # fieldservice_sale's _action_confirm handles one order at a time
        # (ensure_one in _field_service_generate): confirm FSM quotes one by one
        fsm_orders = self.filtered(
            lambda o: any(
                tracking not in (False, "no")
                for tracking in o.order_line.product_id.mapped("field_service_tracking")
            )
        )
        if len(self) > 1 and fsm_orders:
            for order in self:
                super(SaleOrder, order)._action_confirm()
            return True
        return super()._action_confirm()

    def _prospect_activate_from_quotes(self):
        """A won quote makes its prospect customer, and its prospect site, live.

        Runs for whoever confirms (no manager right needed): the activation is
        done as superuser, tracked and logged under the confirming user.
        Refuses leads and suspended customers, and prospects where the company
        does not activate on confirmation.
        """
        Partner = self.env["res.partner"]
        customers = self.env["res.partner"]
        sites = self.env["fsm.location"]
        for order in self:
            company = order.company_id
            customer = order.partner_id.commercial_partner_id
            Partner._prospect_check_records("confirm", customer, company, order)
            Partner._prospect_check_records(
                "confirm", order.fsm_location_id, company, order
            )
            if not company.prospect_enabled:
                continue
            customers |= customer.filtered(lambda p: p.customer_status in PRE_CUSTOMER)
            sites |= order.fsm_location_id.filtered(
                lambda s: s.customer_status in PRE_CUSTOMER
            )
        if customers:
            customers.sudo().write({"customer_status": "active"})
            customers._prospect_log_won_quotes(self)
        # prospect sites of customers that were already live
        sites = sites.filtered(lambda s: s.customer_status in PRE_CUSTOMER)
        if sites:
            by_site = self.grouped("fsm_location_id")
            sites._prospect_activate(
                lambda site: self._prospect_won_note(by_site[site])
            )
        return customers

    def _prospect_won_note(self, quotes):
        return self.env._(
            "Activated: %(user)s confirmed %(quotes)s on %(date)s.",
            user=self.env.user.display_name,
            quotes=", ".join(quotes.mapped("name")),
            date=format_datetime(self.env, fields.Datetime.now()),
        )
