# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    prospect_enabled = fields.Boolean(
        related="company_id.prospect_enabled", readonly=False
    )
    prospect_default_status = fields.Selection(
        related="company_id.prospect_default_status", readonly=False
    )
    prospect_use_leads = fields.Boolean(
        related="company_id.prospect_use_leads", readonly=False
    )
    prospect_auto_activate = fields.Boolean(
        related="company_id.prospect_auto_activate", readonly=False
    )
    prospect_portal_allowed = fields.Boolean(
        related="company_id.prospect_portal_allowed", readonly=False
    )
    prospect_auto_site = fields.Boolean(
        related="company_id.prospect_auto_site", readonly=False
    )
    prospect_stale_days = fields.Integer(
        related="company_id.prospect_stale_days", readonly=False
    )
    prospect_account_request_user_id = fields.Many2one(
        related="company_id.prospect_account_request_user_id", readonly=False
    )
    prospect_survey_type_id = fields.Many2one(
        related="company_id.prospect_survey_type_id", readonly=False
    )
    prospect_retention_months = fields.Integer(
        related="company_id.prospect_retention_months", readonly=False
    )
    prospect_retention_reviewed = fields.Boolean(
        related="company_id.prospect_retention_reviewed"
    )

    def action_prospect_retention_preview(self):
        """Save the settings, then list who the retention period takes."""
        self.execute()
        return self.env["prospect.retention.wizard"]._prospect_open(self.company_id)
