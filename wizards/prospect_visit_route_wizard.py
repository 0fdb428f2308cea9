# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.prospect_route import nearest_neighbour


class ProspectVisitRouteWizard(models.TransientModel):
    """Plan visits: the selected prospects or sites in the order of a route,
    one Site Visit activity each on the chosen day, and the route on a map."""

    _name = "prospect.visit.route.wizard"
    _description = "Plan Prospect Visits"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )
    partner_ids = fields.Many2many("res.partner", string="Prospects", readonly=True)
    site_ids = fields.Many2many("fsm.location", string="Sites", readonly=True)
    date = fields.Date(
        string="Visit Date", required=True, default=fields.Date.context_today
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    start_partner_id = fields.Many2one(
        "res.partner",
        string="Start From",
        required=True,
        default=lambda self: self.env.company.partner_id,
        help="Where the route starts: the company's address unless another "
        "geolocated address is chosen.",
    )
    route_html = fields.Html(
        string="Route", compute="_compute_route", sanitize=False, readonly=True
    )
    stop_count = fields.Integer(compute="_compute_route")
    missing_count = fields.Integer(compute="_compute_route")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        ids = context.get("active_ids") or []
        if context.get("active_model") == "res.partner" and ids:
            values["partner_ids"] = [fields.Command.set(ids)]
        elif context.get("active_model") == "fsm.location" and ids:
            values["site_ids"] = [fields.Command.set(ids)]
        return values

    def _stops(self):
        """[(record, (lat, lon) or None)]: a site uses its partner's point."""
        self.ensure_one()
        return [(p, p._prospect_point()) for p in self.partner_ids] + [
            (s, s.partner_id._prospect_point()) for s in self.site_ids
        ]

    def _plan(self):
        """(route [(record, point, km)], records left out, start point or
        None); no route without a start point"""
        self.ensure_one()
        stops = self._stops()
        start = self.start_partner_id and self.start_partner_id._prospect_point()
        points = dict(stops)
        placed = [(record, point) for record, point in stops if point]
        missing = [record for record, point in stops if not point]
        route = [
            (record, points[record], km)
            for record, km in (nearest_neighbour(start, placed) if start else [])
        ]
        return route, missing, start

    @api.depends("partner_ids", "site_ids", "start_partner_id")
    def _compute_route(self):
        for wizard in self:
            route, missing, start = wizard._plan()
            wizard.stop_count = len(route)
            wizard.missing_count = len(missing)
            parts = []
            if not start:
                parts.append(
                    Markup("<p class='text-warning'>%s</p>")
                    % self.env._(
                        "The start point has no coordinates: geolocate it, or "
                        "start from another address."
                    )
                )
            if route:
                distance = f"{sum(km for __, __, km in route):.1f}"
                items = Markup("").join(
                    Markup("<li>%s <span class='text-muted'>(%s km)</span></li>")
                    % (record.display_name, f"{km:.1f}")
                    for record, __, km in route
                )
                parts.append(Markup("<ol>%s</ol>") % items)
                parts.append(
                    Markup("<p>%s</p>")
                    % self.env._(
                        "%(stops)s stops, %(km)s km as the crow flies.",
                        stops=len(route),
                        km=distance,
                    )
                )
            if missing:
                parts.append(
                    Markup("<p class='text-warning'>%s %s</p>")
                    % (
                        self.env._(
                            "Left out, without coordinates (use Geolocate first):"
                        ),
                        ", ".join(escape(r.display_name) for r in missing),
                    )
                )
            wizard.route_html = Markup("").join(parts)

    def action_plan(self):
        """One Site Visit activity per stop on the day, for the salesperson,
        then the route with the stops in order on the route map website."""
        self.ensure_one()
        route, __, start = self._plan()
        if not start:
            raise UserError(
                self.env._(
                    "%(start)s has no coordinates: geolocate it, or start from "
                    "another address.",
                    start=self.start_partner_id.display_name,
                )
            )
        if not route:
            raise UserError(
                self.env._(
                    "None of the selected records has coordinates: use Geolocate "
                    "on them first."
                )
            )
        visit = self.env.ref("prospect_management.mail_activity_type_site_visit")
        model_id = self.env["ir.model"]._get_id("res.partner")
        vals_list = []
        for number, (record, __, __) in enumerate(route, start=1):
            partner = record if record._name == "res.partner" else record.owner_id
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": visit.id,
                    "date_deadline": self.date,
                    "user_id": self.user_id.id,
                    "summary": self.env._(
                        "Visit %(number)s of %(count)s: %(stop)s",
                        number=number,
                        count=len(route),
                        stop=record.display_name,
                    ),
                }
            )
        # mail.activity's batch create subscribes the salesperson once per
        # activity: two activities of one record in one batch would follow it
        # twice, so a customer with several sites gets them batch by batch
        while vals_list:
            batch, seen = [], set()
            for vals in vals_list:
                if vals["res_id"] not in seen:
                    seen.add(vals["res_id"])
                    batch.append(vals)
            self.env["mail.activity"].create(batch)
            done = {id(vals) for vals in batch}
            vals_list = [vals for vals in vals_list if id(vals) not in done]
        url = self.env["res.partner"]._prospect_route_url(
            start, [point for __, point, __ in route]
        )
        return {
            "type": "ir.actions.act_url",
            "url": url,
            "target": "new",
            "close": True,
        }
