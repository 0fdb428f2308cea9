# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from .prospect_status_mixin import PRE_CUSTOMER


class ResPartner(models.Model):
    """Closing a dead prospect (lost, with a reason; reopened) and "do not
    contact", which is Odoo's own blacklist of emails and phone numbers."""

    _inherit = "res.partner"

    prospect_lost_reason_id = fields.Many2one(
        "prospect.lost.reason",
        string="Lost Reason",
        index="btree_not_null",
        tracking=True,
        copy=False,
        ondelete="restrict",
    )
    prospect_is_lost = fields.Boolean(
        string="Lost",
        compute="_compute_prospect_is_lost",
        search="_search_prospect_is_lost",
    )
    prospect_do_not_contact = fields.Boolean(
        string="Do Not Contact",
        compute="_compute_prospect_do_not_contact",
        search="_search_prospect_do_not_contact",
        help="The email or a phone number of this customer is on Odoo's "
        "blacklist: mass mailings and SMS campaigns leave it out, and the "
        "stale follow-up does not remind anyone to call.",
    )

    @api.depends("prospect_stage_id.stage_type")
    def _compute_prospect_is_lost(self):
        for partner in self:
            partner.prospect_is_lost = partner.prospect_stage_id.stage_type == "lost"

    def _search_prospect_is_lost(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search “Lost” with = True or = False."))
        lost = (operator == "=") == value
        return [("prospect_stage_id.stage_type", "=" if lost else "!=", "lost")]

    @api.depends("is_blacklisted", "phone_sanitized_blacklisted")
    def _compute_prospect_do_not_contact(self):
        for partner in self:
            partner.prospect_do_not_contact = (
                partner.is_blacklisted or partner.phone_sanitized_blacklisted
            )

    def _search_prospect_do_not_contact(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Search “Do Not Contact” with = True or = False.")
            )
        if (operator == "=") == value:
            return [
                "|",
                ("is_blacklisted", "=", True),
                ("phone_sanitized_blacklisted", "=", True),
            ]
        return [
            ("is_blacklisted", "=", False),
            ("phone_sanitized_blacklisted", "=", False),
        ]

    # ------------------------------------------------------------------ lost
    def action_prospect_mark_lost(self):
        """Open the wizard that asks for the reason (form button, list
        action); the kanban opens it when a card is dropped on Lost."""
        self._prospect_check_can_lose()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mark as Lost"),
            "res_model": "prospect.lost.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.ids},
        }

    def _prospect_check_can_lose(self):
        live = self.filtered(lambda p: p.customer_status not in PRE_CUSTOMER)
        if live:
            raise UserError(
                self.env._(
                    "%(customers)s: only leads and prospects can be marked lost. "
                    "A live customer is put on hold with the Suspended status.",
                    customers=", ".join(live[:5].mapped("display_name")),
                )
            )
        if not self:
            raise UserError(self.env._("Select the prospects to mark lost."))

    def _prospect_mark_lost(
        self, reason, note=None, cancel_activities=False, cancel_quotes=False
    ):
        """Put these leads and prospects in the Lost stage with ``reason``;
        post the reason on each chatter; cancel their open activities and
        draft quotes when asked.  Set-based: one write per company's stage,
        one unlink of activities, one cancel of quotes."""
        self._prospect_check_can_lose()
        if not reason:
            raise UserError(self.env._("Choose why these prospects are lost."))
        for company, partners in self.grouped(
            lambda p: p.company_id or self.env.company
        ).items():
            stage = self.env["prospect.stage"]._prospect_stage_for("lost", company)
            if not stage:
                raise UserError(
                    self.env._(
                        "There is no Lost stage for %(company)s: add a stage of "
                        "type Lost in Sales › Configuration › Prospect Stages.",
                        company=company.display_name,
                    )
                )
            partners.write(
                {"prospect_stage_id": stage.id, "prospect_lost_reason_id": reason.id}
            )
        if cancel_activities:
            self.activity_ids.action_cancel()
        quotes = self.env["sale.order"]
        if cancel_quotes:
            quotes = self._prospect_draft_quotes()
            quotes._action_cancel()
        body = Markup("<p>%s</p>") % self.env._(
            "Marked lost: %(reason)s", reason=reason.display_name
        )
        if note:
            body += Markup("<p>%s</p>") % note
        if quotes:
            body += Markup("<p>%s</p>") % self.env._(
                "Draft quotes cancelled: %(quotes)s",
                quotes=", ".join(quotes.mapped("name")),
            )
        self._message_log_batch(bodies=dict.fromkeys(self.ids, body))
        return True

    def _prospect_draft_quotes(self):
        return self.env["sale.order"].search(
            [
                ("partner_id", "child_of", self.ids),
                ("state", "in", ("draft", "sent")),
            ]
        )

    def action_prospect_reopen(self):
        """Put lost leads and prospects back at the first stage of the
        pipeline; their status does not change."""
        converted = self.filtered("prospect_customer_id")
        if converted:
            raise UserError(
                self.env._(
                    "%(prospects)s was converted into %(customer)s: open the "
                    "customer instead.",
                    prospects=converted[0].display_name,
                    customer=converted[0].prospect_customer_id.display_name,
                )
            )
        not_lost = self.filtered(lambda p: not p.prospect_is_lost)
        if not_lost:
            raise UserError(
                self.env._(
                    "%(prospects)s: only a lost prospect can be reopened.",
                    prospects=", ".join(not_lost[:5].mapped("display_name")),
                )
            )
        for partner in self:
            company = partner.company_id or self.env.company
            stage = self.env["prospect.stage"]._prospect_stage_for("open", company)
            partner.write(
                {"prospect_stage_id": stage.id, "prospect_lost_reason_id": False}
            )
            partner.message_post(
                body=self.env._(
                    "Reopened: back in the pipeline at %(stage)s.",
                    stage=stage.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # -------------------------------------------------------- do not contact
    def _prospect_contact_points(self):
        """The normalized emails and sanitized phone numbers of these
        customers, as Odoo's blacklists store them."""
        emails = {e for e in self.mapped("email_normalized") if e}
        numbers = {
            number
            for partner in self
            for fname in ("phone", "mobile")
            if partner[fname]
            for number in [partner._phone_format(fname=fname, force_format="E164")]
            if number
        }
        return sorted(emails), sorted(numbers)

    def action_prospect_do_not_contact(self):
        """Put the emails and phone numbers of these customers on Odoo's
        blacklists (mail.blacklist, phone.blacklist): mass mailing and SMS
        leave them out by themselves, the stale follow-up skips them."""
        self.check_access("write")
        emails, numbers = self._prospect_contact_points()
        if not emails and not numbers:
            raise UserError(
                self.env._(
                    "%(customers)s: no email or phone number to block. Add them "
                    "first, or note the wish in the chatter.",
                    customers=", ".join(self[:5].mapped("display_name")),
                )
            )
        self._prospect_set_blacklisted(
            True,
            self.env._(
                "Do not contact, asked for %(records)s",
                records=", ".join(self[:5].mapped("display_name")),
            ),
            self.env._("Do not contact: the email and phone numbers are blacklisted."),
        )
        return True

    def action_prospect_allow_contact(self):
        """Take these customers' emails and numbers off the blacklists."""
        self.check_access("write")
        self._prospect_set_blacklisted(
            False,
            self.env._(
                "Contact allowed again for %(records)s",
                records=", ".join(self[:5].mapped("display_name")),
            ),
            self.env._("Contact allowed again: taken off the blacklist."),
        )
        return True

    def _prospect_set_blacklisted(self, blocked, message, note):
        """Add (``blocked``) or remove these customers' contact points on
        Odoo's blacklists, ``message`` on the blacklist entries, ``note`` on
        each customer's chatter."""
        emails, numbers = self._prospect_contact_points()
        emails_list = self.env["mail.blacklist"].sudo()
        numbers_list = self.env["phone.blacklist"].sudo()
        for email in emails:
            if blocked:
                emails_list._add(email, message=message)
            else:
                emails_list._remove(email, message=message)
        if numbers:
            if blocked:
                numbers_list._add(numbers, message=message)
            else:
                numbers_list._remove(numbers, message=message)
        self.invalidate_recordset(["is_blacklisted", "phone_sanitized_blacklisted"])
        for partner in self:
            partner.message_post(body=note, subtype_xmlid="mail.mt_note")
