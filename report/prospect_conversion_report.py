# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

OUTCOMES = [
    ("open", "Open"),
    ("converted", "Converted"),
    ("lost", "Lost"),
]


class ProspectConversionReport(models.Model):
    """One line per customer that was ever a lead or a prospect.

    Figures are meant to be aggregated: ``conversion_rate`` is 100 on a
    converted line and 0 on the others, so its average over a group (per
    salesperson, per month of Prospect Since...) is the group's conversion
    rate; ``days_to_convert`` is empty on lines not converted, so its average
    only counts converted prospects.
    """

    _name = "prospect.conversion.report"
    _description = "Prospect Conversion Analysis"
    _auto = False
    _rec_name = "partner_id"
    _order = "prospect_since desc, id desc"

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    converted_user_id = fields.Many2one(
        "res.users", string="Converted By", readonly=True
    )
    stage_id = fields.Many2one("prospect.stage", string="Stage", readonly=True)
    source_id = fields.Many2one("utm.source", string="Source", readonly=True)
    lost_reason_id = fields.Many2one(
        "prospect.lost.reason", string="Lost Reason", readonly=True
    )
    prospect_since = fields.Date(
        readonly=True, help="Date the customer became a lead or a prospect."
    )
    converted_date = fields.Date(
        string="Converted On",
        readonly=True,
        help="Date the prospect became a customer (Active or Suspended).",
    )
    outcome = fields.Selection(
        OUTCOMES,
        readonly=True,
        help="Converted: became a customer. Lost: in a Lost stage, or archived "
        "without being converted. Open: still being worked.",
    )
    prospect_count = fields.Integer(string="# Prospects", readonly=True)
    converted_count = fields.Integer(string="# Converted", readonly=True)
    open_count = fields.Integer(string="# Open", readonly=True)
    lost_count = fields.Integer(string="# Lost", readonly=True)
    conversion_rate = fields.Float(
        string="Conversion Rate (%)",
        aggregator="avg",
        readonly=True,
        help="Converted / (converted + still open + lost), in percent, for the "
        "prospects of the group. Grouped by month of Prospect Since, it is the "
        "rate of the prospects that came in that month.",
    )
    days_to_convert = fields.Float(
        string="Average Days to Convert",
        aggregator="avg",
        readonly=True,
        help="Days from Prospect Since to conversion, averaged over the "
        "converted prospects of the group only.",
    )

    def _select(self):
        return """
            p.id AS id,
            p.id AS partner_id,
            p.company_id AS company_id,
            p.user_id AS user_id,
            p.prospect_converted_user_id AS converted_user_id,
            p.prospect_stage_id AS stage_id,
            p.prospect_source_id AS source_id,
            p.prospect_lost_reason_id AS lost_reason_id,
            p.prospect_since AS prospect_since,
            p.prospect_converted_date::date AS converted_date,
            CASE
                WHEN p.prospect_converted_date IS NOT NULL THEN 'converted'
                WHEN s.stage_type = 'lost' OR NOT p.active THEN 'lost'
                ELSE 'open'
            END AS outcome,
            1 AS prospect_count,
            CASE WHEN p.prospect_converted_date IS NOT NULL
                THEN 1 ELSE 0 END AS converted_count,
            CASE WHEN p.prospect_converted_date IS NULL
                AND (s.stage_type = 'lost' OR NOT p.active)
                THEN 1 ELSE 0 END AS lost_count,
            CASE WHEN p.prospect_converted_date IS NULL
                AND COALESCE(s.stage_type, 'open') != 'lost' AND p.active
                THEN 1 ELSE 0 END AS open_count,
            CASE WHEN p.prospect_converted_date IS NOT NULL
                THEN 100.0 ELSE 0.0 END AS conversion_rate,
            CASE WHEN p.prospect_converted_date IS NOT NULL
                THEN p.prospect_days_to_convert END AS days_to_convert
        """

    def _from(self):
        return """
            res_partner p
            LEFT JOIN prospect_stage s ON s.id = p.prospect_stage_id
        """

    def _where(self):
        # commercial entities that were ever a lead or a prospect
        return """
            p.prospect_since IS NOT NULL
            AND (p.parent_id IS NULL OR p.is_company)
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (SELECT %s FROM %s WHERE %s)",
                SQL.identifier(self._table),
                SQL(self._select()),
                SQL(self._from()),
                SQL(self._where()),
            )
        )
