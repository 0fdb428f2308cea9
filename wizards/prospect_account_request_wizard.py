# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from ..models.prospect_status_mixin import PRE_CUSTOMER


class ProspectAccountRequestWizard(models.TransientModel):
    """Ask the company's account-creation recipient to open the customer
    account of a prospect (for companies whose accounts are opened in
    another system): an activity for them and an e-mail with the details."""

    _name = "prospect.account.request.wizard"
    _description = "Request Customer Account Creation"

    partner_id = fields.Many2one(
        "res.partner",
        string="Prospect",
        required=True,
        default=lambda self: self._default_partner_id(),
    )
    recipient_id = fields.Many2one(
        "res.users",
        string="Recipient",
        compute="_compute_recipient_id",
        help="Settings › Sales › Prospects › Account Creation Recipient of the "
        "prospect's company.",
    )
    note = fields.Html(
        help="Anything the recipient should know: billing contact, credit "
        "terms, urgency...",
    )

    @api.model
    def _default_partner_id(self):
        context = self.env.context
        if context.get("active_model") == "res.partner" and context.get("active_id"):
            return context["active_id"]
        return False

    @api.depends("partner_id")
    def _compute_recipient_id(self):
        for wizard in self:
            company = wizard.partner_id.company_id or self.env.company
            wizard.recipient_id = company.sudo().prospect_account_request_user_id

    def action_request(self):
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id
        if partner.customer_status not in PRE_CUSTOMER:
            raise UserError(
                _(
                    "%(partner)s is already a customer: there is no account to "
                    "request.",
                    partner=partner.display_name,
                )
            )
        company = partner.company_id or self.env.company
        recipient = company.sudo().prospect_account_request_user_id
        if not recipient:
            raise UserError(
                _(
                    "Nobody receives account-creation requests in %(company)s. "
                    "Ask a manager to choose the Account Creation Recipient in "
                    "Settings › Sales › Prospects.",
                    company=company.display_name,
                )
            )
        note = "" if is_html_empty(self.note) else self.note
        partner.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=_(
                "Create the customer account of %(partner)s", partner=partner.name
            ),
            note=Markup("<p>%s</p>%s")
            % (
                _("Requested by %(user)s.", user=self.env.user.name),
                note or "",
            ),
            user_id=recipient.id,
        )
        template = self.env.ref("prospect_management.mail_template_account_request")
        template.with_context(
            request_note=note,
            request_user_name=self.env.user.name,
            request_recipient_name=recipient.name,
        ).send_mail(
            partner.id,
            email_values={"recipient_ids": [(4, recipient.partner_id.id)]},
        )
        partner.message_post(
            body=Markup("<p>%s</p>%s")
            % (
                _(
                    "Account creation requested from %(recipient)s.",
                    recipient=recipient.name,
                ),
                note or "",
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "%(recipient)s was asked to create the account of %(partner)s.",
                    recipient=recipient.name,
                    partner=partner.display_name,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
