# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    prospect_enabled = fields.Boolean(
        string="Prospect Management",
        default=True,
        help="Keep leads and prospects away from jobs, invoices, assets, "
        "contracts and planned maintenance in this company.",
    )
    prospect_default_status = fields.Selection(
        [("lead", "Lead"), ("prospect", "Prospect"), ("active", "Active")],
        string="Default Customer Status",
        default="active",
        required=True,
        help="Status given to new customers created in this company.",
    )
    prospect_use_leads = fields.Boolean(
        string="Use Leads",
        help="Allow the Lead status (met, nothing concrete yet) before Prospect.",
    )
    prospect_auto_activate = fields.Boolean(
        string="Activate on Quote Confirmation",
        default=True,
        help="Confirming a quote of a prospect makes it an active customer. "
        "When off, the prospect must be converted first.",
    )
    prospect_portal_allowed = fields.Boolean(
        string="Portal Access for Prospects",
        help="Allow prospects to be given portal access (leads never are).",
    )
    prospect_auto_site = fields.Boolean(
        string="Create a Site for New Customers",
        help="Create a service site for every new customer; the site takes "
        "the customer's status.",
    )
    prospect_stale_days = fields.Integer(
        string="Stale Prospect Days",
        default=30,
        help="A prospect untouched for this many days gets a follow-up "
        "activity for its salesperson. 0 disables the reminder.",
    )
    prospect_account_request_user_id = fields.Many2one(
        "res.users",
        string="Account Creation Recipient",
        domain=[("share", "=", False)],
        help="User notified when a salesperson requests the creation of a "
        "customer account for a prospect.",
    )

    prospect_survey_type_id = fields.Many2one(
        "fsm.order.type",
        string="Site Survey Type",
        help="Field Service orders of this type are site surveys: they may be "
        "scheduled for prospects and their sites, before any quote. Empty: "
        "no surveys, every order is a job.",
    )
    prospect_retention_months = fields.Integer(
        string="Prospect Retention (Months)",
        default=0,
        help="Lost prospects and untouched leads are erased after this many "
        "months, or anonymised when they hold documents. 0 keeps them forever.",
    )
    prospect_retention_reviewed = fields.Boolean(
        string="Retention Reviewed",
        copy=False,
        help="A manager reviewed who the retention period takes: the daily "
        "run applies it. Changing the period asks for a new review.",
    )

    @api.constrains("prospect_retention_months")
    def _check_prospect_retention_months(self):
        for company in self:
            if company.prospect_retention_months < 0:
                raise ValidationError(
                    _(
                        "%(company)s: the retention period cannot be negative. "
                        "Use 0 to keep prospects forever.",
                        company=company.display_name,
                    )
                )

    def write(self, vals):
        if (
            "prospect_retention_months" in vals
            and "prospect_retention_reviewed" not in vals
        ):
            changed = self.filtered(
                lambda c: (
                    c.prospect_retention_months != vals["prospect_retention_months"]
                )
            )
            if changed:
                super(ResCompany, changed).write({"prospect_retention_reviewed": False})
        return super().write(vals)

    @api.constrains("prospect_default_status", "prospect_use_leads")
    def _check_prospect_default_status(self):
        for company in self:
            if (
                company.prospect_default_status == "lead"
                and not company.prospect_use_leads
            ):
                raise ValidationError(
                    _(
                        "%(company)s: new customers cannot default to Lead while "
                        "leads are not used. Enable “Use Leads” or pick another "
                        "default status.",
                        company=company.display_name,
                    )
                )
