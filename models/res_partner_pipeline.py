# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

import pytz
from markupsafe import escape

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from .prospect_stage import POTENTIALS
from .prospect_status_mixin import PRE_CUSTOMER


class ResPartner(models.Model):
    """The pipeline of leads and prospects (SPEC §9): stages, source,
    potential, salespersons, dates, the kanban's activity bar and the
    follow-up of stale prospects."""

    _inherit = "res.partner"

    # meaningful on commercial entities
    prospect_stage_id = fields.Many2one(
        "prospect.stage",
        string="Prospect Stage",
        compute="_compute_prospect_pipeline",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_prospect_stage_ids",
        domain="[('company_id', 'in', [company_id or current_company_id, False])]",
    )
    prospect_since = fields.Date(
        compute="_compute_prospect_since",
        store=True,
        readonly=False,
        copy=False,
        help="Date the record became a lead or a prospect.",
    )
    prospect_source_id = fields.Many2one(
        "utm.source",
        string="Source",
        ondelete="set null",
        help="Where the prospect came from (trade show, referral, website...).",
    )
    prospect_potential = fields.Selection(POTENTIALS, string="Potential")
    prospect_user_ids = fields.Many2many(
        "res.users",
        "res_partner_prospect_user_rel",
        "partner_id",
        "user_id",
        string="Additional Salespersons",
        domain=[("share", "=", False)],
    )
    prospect_converted_date = fields.Datetime(
        string="Converted On", copy=False, readonly=True
    )
    prospect_converted_user_id = fields.Many2one(
        "res.users", string="Converted By", copy=False, readonly=True
    )
    prospect_days_to_convert = fields.Integer(
        string="Days to Convert",
        compute="_compute_prospect_days_to_convert",
        store=True,
        aggregator="avg",
    )
    prospect_map_url = fields.Char(
        string="Map",
        compute="_compute_prospect_map_url",
        help="The GPS coordinates on a map.",
    )

    # Two computes, not one: Odoo skips every field of a compute method when
    # one of them is given at create (a stage set by the kanban column or an
    # import would leave the prospect without its prospect-since date).
    @api.depends("customer_status")
    def _compute_prospect_pipeline(self):
        """Place new leads and prospects in the first stage of the pipeline."""
        stages = {}
        for partner in self._prospect_pipeline_entries():
            if partner.prospect_stage_id:
                continue
            company = partner.company_id or self.env.company
            if company not in stages:
                stages[company] = self.env["prospect.stage"]._prospect_stage_for(
                    "open", company
                )
            partner.prospect_stage_id = stages[company]

    @api.depends("customer_status")
    def _compute_prospect_since(self):
        today = fields.Date.context_today(self)
        for partner in self._prospect_pipeline_entries():
            partner.prospect_since = partner.prospect_since or today

    def _prospect_pipeline_entries(self):
        """Leads and prospects that carry a pipeline (not their contacts)."""
        return self.filtered(
            lambda p: (
                p.customer_status in PRE_CUSTOMER
                and not (p.parent_id and not p.is_company)
            )
        )

    @api.depends("partner_latitude", "partner_longitude")
    def _compute_prospect_map_url(self):
        for partner in self:
            lat, lon = partner.partner_latitude, partner.partner_longitude
            partner.prospect_map_url = (
                f"https://www.openstreetmap.org/?mlat={lat:.6f}&mlon={lon:.6f}"
                f"#map=17/{lat:.6f}/{lon:.6f}"
                if lat or lon
                else False
            )

    @api.depends("prospect_since", "prospect_converted_date")
    def _compute_prospect_days_to_convert(self):
        for partner in self:
            if partner.prospect_since and partner.prospect_converted_date:
                # prospect_since is the user's date (context_today): compare it
                # with the user's date of the conversion, not the UTC one
                converted = fields.Datetime.context_timestamp(
                    partner, partner.prospect_converted_date
                ).date()
                delta = converted - partner.prospect_since
                partner.prospect_days_to_convert = max(delta.days, 0)
            else:
                partner.prospect_days_to_convert = 0

    @api.model
    def _read_group_prospect_stage_ids(self, stages, domain):
        return stages.search([])

    def _read_group_groupby(self, groupby_spec, query):
        if groupby_spec == "activity_state":
            return self._prospect_activity_state_groupby(query)
        return super()._read_group_groupby(groupby_spec, query)

    def _prospect_activity_state_groupby(self, query):
        """The activity bar of the pipeline, from each partner's own
        activities: mail's grouping of ``activity_state``, written again.

        mail groups *every* open activity of every partner in a subquery,
        then joins it: with a million customers, the whole activity table
        for a pipeline of a few thousand prospects (×3.6 from 10,000 to
        100,000 customers for the same 2,500 prospects).  The same states,
        from a LATERAL subquery on each grouped partner's activities (index
        on res_id): ×1.12 from 10,000 to 1,000,000 customers
        (``bench_search.py``, benchmarks/FIXES.md).  Pinned by
        ``test_upstream_pins.TestUpstreamActivityBar``: the groups are
        mail's own, state by state.
        """
        self.check_field_access_rights("read", ["activity_state"])
        self.env["mail.activity"].flush_model(
            ["res_model", "res_id", "user_id", "user_tz", "date_deadline", "active"]
        )
        self.env["res.users"].flush_model(["partner_id"])
        self.env["res.partner"].flush_model(["tz"])
        tz = self.env.context.get("tz")
        days = SQL(
            "min(EXTRACT(day FROM (activity.date_deadline - DATE_TRUNC('day', "
            "%s AT TIME ZONE COALESCE(activity.user_tz, %s)))))",
            datetime.now(tz=pytz.utc),
            tz if tz in pytz.all_timezones_set else "UTC",
        )
        alias = query.make_alias(self._table, "last_activity_state")
        query.add_join(
            "LEFT JOIN",
            alias,
            SQL(
                "LATERAL (SELECT CASE WHEN %(days)s > 0 THEN 'planned' "
                "WHEN %(days)s < 0 THEN 'overdue' "
                "WHEN %(days)s = 0 THEN 'today' END AS activity_state "
                "FROM mail_activity activity WHERE activity.res_model = %(model)s "
                "AND activity.active AND activity.res_id = %(partner)s)",
                days=days,
                model=self._name,
                partner=SQL.identifier(self._table, "id"),
            ),
            SQL("TRUE"),
        )
        return SQL.identifier(alias, "activity_state")

    # -------------------------------------------------------------- pipeline
    @api.constrains("prospect_stage_id")
    def _check_prospect_converted_stage(self):
        """The Converted stage is reached by converting, not by dragging."""
        for partner in self:
            if (
                partner.prospect_stage_id.stage_type == "converted"
                and partner.customer_status in PRE_CUSTOMER
                and not partner.prospect_customer_id
            ):
                raise ValidationError(
                    _(
                        "%(partner)s is still a %(status)s: it reaches the "
                        "%(stage)s stage when it is converted. Use “Convert to "
                        "Customer”, or win one of its quotes.",
                        partner=partner.display_name,
                        status=self._prospect_status_label(
                            partner.customer_status
                        ).lower(),
                        stage=partner.prospect_stage_id.display_name,
                    )
                )

    @api.model
    def _cron_prospect_stale_followup(self):
        """Give the salesperson one follow-up activity on every lead or
        prospect that nobody touched for the company's stale-prospect days.

        One search (all companies at once) and one batch of activities;
        prospects that already have an open activity are left alone.
        """
        now = fields.Datetime.now()
        companies = self.env["res.company"].search(
            [("prospect_enabled", "=", True), ("prospect_stale_days", ">", 0)]
        )
        if not companies:
            return self.env["mail.activity"]
        per_company = [
            [
                ("company_id", "=", company.id),
                ("write_date", "<", now - timedelta(days=company.prospect_stale_days)),
            ]
            for company in companies
        ]
        # shared partners (no company) follow the main company's setting
        default = self.env.ref("base.main_company", raise_if_not_found=False)
        if default in companies:
            per_company.append(
                [
                    ("company_id", "=", False),
                    (
                        "write_date",
                        "<",
                        now - timedelta(days=default.prospect_stale_days),
                    ),
                ]
            )
        stale = self.search(
            expression.AND(
                [
                    expression.OR(per_company),
                    [
                        ("customer_status", "in", PRE_CUSTOMER),
                        ("activity_ids", "=", False),
                        # a lost prospect is nobody's to follow up
                        "!",
                        ("prospect_stage_id.stage_type", "=", "lost"),
                        # "do not contact": nobody is reminded to call them
                        ("is_blacklisted", "=", False),
                        ("phone_sanitized_blacklisted", "=", False),
                        "|",
                        ("is_company", "=", True),
                        ("parent_id", "=", False),
                    ],
                ]
            )
        )
        if not stale:
            return self.env["mail.activity"]
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("res.partner")
        today = fields.Date.context_today(self)
        vals_list = []
        for partner in stale:
            days = (partner.company_id or default).prospect_stale_days
            user = partner.user_id or partner.create_uid
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": todo.id,
                    "summary": _("Follow up: no news for %(days)s days", days=days),
                    "note": escape(
                        _(
                            "%(partner)s has not been updated for %(days)s days. "
                            "Call, visit or move it along the pipeline.",
                            partner=partner.display_name,
                            days=days,
                        )
                    ),
                    "date_deadline": today,
                    "user_id": user.id,
                }
            )
        return (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )
