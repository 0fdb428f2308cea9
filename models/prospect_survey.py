# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Site surveys: a field-service order of the company's survey type, which a
prospect and its sites may have (the one operational thing they may have).
The guard itself is fsm.order's; here are the ways in and out for users."""

from odoo import api, fields, models
from odoo.exceptions import UserError


class ProspectSurveyMixin(models.AbstractModel):
    _name = "prospect.survey.mixin"
    _description = "Customer or site that may get site surveys"

    prospect_can_survey = fields.Boolean(
        string="Can Get a Site Survey",
        compute="_compute_prospect_can_survey",
        help="Its company schedules site surveys and its status allows one.",
    )

    @api.depends("customer_status", "company_id")
    @api.depends_context("company")
    def _compute_prospect_can_survey(self):
        for record in self:
            company = record.company_id or self.env.company
            record.prospect_can_survey = bool(
                company.prospect_survey_type_id
                and record._prospect_allowed(record.customer_status, "survey", company)
            )

    def _prospect_survey_action(self, site):
        """A new site survey at ``site`` (a form, the type and site set)."""
        self.ensure_one()
        company = self.company_id or self.env.company
        if not company.prospect_survey_type_id:
            raise UserError(
                self.env._(
                    "%(company)s schedules no site surveys: choose a Site Survey "
                    "Type in Settings › Sales › Prospects.",
                    company=company.display_name,
                )
            )
        context = {
            "default_type": company.prospect_survey_type_id.id,
            "default_company_id": company.id,
        }
        if site:
            context["default_location_id"] = site.id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Site Survey"),
            "res_model": "fsm.order",
            "view_mode": "form",
            "target": "current",
            "context": context,
        }


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "prospect.survey.mixin"]

    prospect_survey_count = fields.Integer(
        string="Site Surveys", compute="_compute_prospect_survey_count"
    )

    def _compute_prospect_survey_count(self):
        commercial = self.commercial_partner_id
        Order = self.env["fsm.order"]
        counts = {}
        if commercial.ids and self.env["fsm.order"].has_access("read"):
            for owner, count in Order._read_group(
                [
                    (
                        "location_id.owner_id.commercial_partner_id",
                        "in",
                        commercial.ids,
                    ),
                    *Order._prospect_survey_domain(),
                ],
                ["location_id"],
                ["__count"],
            ):
                key = owner.owner_id.commercial_partner_id
                counts[key] = counts.get(key, 0) + count
        for partner in self:
            partner.prospect_survey_count = counts.get(partner.commercial_partner_id, 0)

    def action_prospect_schedule_survey(self):
        """Schedule a site survey for this prospect, at its only site when it
        has one (else the site is chosen on the order)."""
        self.ensure_one()
        sites = self.env["fsm.location"].search(
            [("owner_id", "child_of", self.commercial_partner_id.id)], limit=2
        )
        return self._prospect_survey_action(sites if len(sites) == 1 else None)

    def action_view_prospect_surveys(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Site Surveys"),
            "res_model": "fsm.order",
            "view_mode": "list,form",
            "domain": [
                (
                    "location_id.owner_id",
                    "child_of",
                    self.commercial_partner_id.id,
                ),
                *self.env["fsm.order"]._prospect_survey_domain(),
            ],
            "context": {"create": False},
        }


class FsmLocation(models.Model):
    _name = "fsm.location"
    _inherit = ["fsm.location", "prospect.survey.mixin"]

    def action_prospect_schedule_survey(self):
        self.ensure_one()
        return self._prospect_survey_action(self)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    prospect_survey_ids = fields.Many2many(
        "fsm.order",
        string="Completed Site Surveys",
        compute="_compute_prospect_survey_ids",
        help="The completed site surveys at this customer's sites: what was "
        "seen before the quote.",
    )
    prospect_survey_count = fields.Integer(compute="_compute_prospect_survey_ids")

    @api.depends("partner_id")
    def _compute_prospect_survey_ids(self):
        Order = self.env["fsm.order"]
        if not Order.has_access("read"):
            self.prospect_survey_ids = Order
            self.prospect_survey_count = 0
            return
        customers = self.partner_id.commercial_partner_id
        surveys = (
            Order.search(
                [
                    ("location_id.owner_id.commercial_partner_id", "in", customers.ids),
                    ("is_closed", "=", True),
                    *Order._prospect_survey_domain(),
                ]
            )
            if customers
            else Order
        )
        for order in self:
            customer = order.partner_id.commercial_partner_id
            order.prospect_survey_ids = surveys.filtered(
                lambda s, c=customer: s.location_id.owner_id.commercial_partner_id == c
            )
            order.prospect_survey_count = len(order.prospect_survey_ids)

    def action_view_prospect_surveys(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Completed Site Surveys"),
            "res_model": "fsm.order",
            "view_mode": "list,form",
            "domain": [("id", "in", self.prospect_survey_ids.ids)],
            "context": {"create": False},
        }
