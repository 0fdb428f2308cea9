# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

ACTIONS = [
    ("erase", "Erase"),
    ("anonymise", "Anonymise"),
    ("blocked", "Kept"),
]


class ProspectRetentionWizard(models.TransientModel):
    """Who the retention period erases or anonymises, before it does."""

    _name = "prospect.retention.wizard"
    _description = "Prospect Retention Preview"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda s: s.env.company
    )
    retention_months = fields.Integer(
        related="company_id.prospect_retention_months", string="Retention (Months)"
    )
    reviewed = fields.Boolean(related="company_id.prospect_retention_reviewed")
    line_ids = fields.One2many(
        "prospect.retention.wizard.line", "wizard_id", string="Prospects", readonly=True
    )
    erase_count = fields.Integer(string="To Erase", compute="_compute_counts")
    anonymise_count = fields.Integer(string="To Anonymise", compute="_compute_counts")
    blocked_count = fields.Integer(string="Kept", compute="_compute_counts")
    summary = fields.Char(compute="_compute_counts")

    @api.depends("line_ids.action", "retention_months")
    def _compute_counts(self):
        for wizard in self:
            actions = wizard.line_ids.mapped("action")
            wizard.erase_count = actions.count("erase")
            wizard.anonymise_count = actions.count("anonymise")
            wizard.blocked_count = actions.count("blocked")
            if not wizard.erase_count and not wizard.anonymise_count:
                wizard.summary = self.env._(
                    "No lost prospect or untouched lead is due after "
                    "%(months)s months: nothing would be erased today.",
                    months=wizard.retention_months,
                )
            else:
                wizard.summary = self.env._(
                    "To erase: %(erase)s, with their contacts, sites, messages and "
                    "attachments. To anonymise: %(anonymise)s, which hold "
                    "documents: the documents and their amounts stay; names, "
                    "emails, phones, addresses, VAT numbers, notes, messages and "
                    "attachments are cleared. This cannot be undone.",
                    erase=wizard.erase_count,
                    anonymise=wizard.anonymise_count,
                )

    def _check_manager(self):
        if not self.env.user.has_group("prospect_management.group_prospect_manager"):
            raise AccessError(
                self.env._("Only a Prospect Manager can review or run the retention.")
            )

    @api.model
    def _prospect_open(self, company):
        """The preview of ``company``'s retention, as a dialog."""
        self._check_manager()
        if company.prospect_retention_months <= 0:
            raise UserError(
                self.env._(
                    "Set a retention period (in months) first: with 0, prospects "
                    "are kept forever and nothing is erased."
                )
            )
        plan = self.env["res.partner"]._prospect_retention_plan(company)
        wizard = self.create(
            {
                "company_id": company.id,
                "line_ids": [
                    fields.Command.create(
                        {
                            "partner_id": line["partner"].id,
                            "action": line["action"],
                            "reason": line["reason"],
                            "last_touch": line["last_touch"],
                        }
                    )
                    for line in plan
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Retention: who would be erased or anonymised"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_confirm(self):
        """Approve the daily run for this company, without running now."""
        self.ensure_one()
        self._check_manager()
        self.company_id.sudo().prospect_retention_reviewed = True
        return {"type": "ir.actions.act_window_close"}

    def action_apply(self):
        """Erase and anonymise the listed prospects now (as the plan stands
        now: one touched since the preview is left alone), and approve the
        daily run."""
        self.ensure_one()
        self._check_manager()
        listed = self.line_ids.filtered(
            lambda line: line.action != "blocked"
        ).partner_id
        erased, anonymised = self.env["res.partner"]._prospect_retention_run(
            self.company_id, listed
        )
        self.company_id.sudo().prospect_retention_reviewed = True
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("Retention applied"),
                "message": self.env._(
                    "%(erased)s erased, %(anonymised)s anonymised, %(kept)s kept. "
                    "It now runs every day.",
                    erased=len(erased),
                    anonymised=len(anonymised),
                    kept=len(self.line_ids) - len(erased) - len(anonymised),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }


class ProspectRetentionWizardLine(models.TransientModel):
    _name = "prospect.retention.wizard.line"
    _description = "Prospect Retention Preview Line"
    _order = "action, last_touch"

    wizard_id = fields.Many2one(
        "prospect.retention.wizard", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="wizard_id.company_id")
    partner_id = fields.Many2one(
        "res.partner", string="Prospect", required=True, ondelete="cascade"
    )
    customer_status = fields.Selection(related="partner_id.customer_status")
    action = fields.Selection(ACTIONS, required=True)
    reason = fields.Char()
    last_touch = fields.Datetime(string="Last Touched")
