# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import psycopg2

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

from .prospect_status_mixin import LIVE, PRE_CUSTOMER


class ResPartner(models.Model):
    """Who may convert which prospects into which customer, and the lock
    that keeps two conversions of the same prospect apart."""

    _inherit = "res.partner"

    def _prospect_check_convertible(self):
        """Only active leads and prospects (commercial entities) convert."""
        partners = self
        if not partners:
            raise UserError(_("Select the leads or prospects to convert."))
        contacts = partners.filtered(lambda p: p.commercial_partner_id != p)
        if contacts:
            contact = contacts[0]
            raise UserError(
                _(
                    "%(contact)s is a contact of %(entity)s: convert %(entity)s "
                    "instead.",
                    contact=contact.display_name,
                    entity=contact.commercial_partner_id.display_name,
                )
            )
        converted = partners.filtered("prospect_customer_id")
        if converted:
            raise UserError(
                _(
                    "%(prospect)s was already converted into %(customer)s.",
                    prospect=converted[0].display_name,
                    customer=converted[0].prospect_customer_id.display_name,
                )
            )
        not_prospects = partners.filtered(
            lambda p: p.customer_status not in PRE_CUSTOMER or not p.active
        )
        if not_prospects:
            partner = not_prospects[0]
            raise UserError(
                _(
                    "%(partner)s is not a lead or a prospect (status: %(status)s): "
                    "only leads and prospects can be converted to customers.",
                    partner=partner.display_name,
                    status=partner._prospect_status_label(partner.customer_status)
                    if partner.active
                    else _("archived"),
                )
            )

    def _prospect_check_link_target(self, target):
        """``target`` must be a live customer account the user may change,
        in a company compatible with the prospects' (``self``)."""
        prospects = self
        customer = target
        # read as superuser: a customer of another company must be refused
        # with a clear message, not with a record-rule error
        target = target.sudo()
        if not target:
            raise UserError(
                _("Choose the existing customer to link the prospects into.")
            )
        company = target.company_id
        try:
            # Odoo's own decision: access rights, record rules, companies
            customer.check_access("write")
        except AccessError:
            raise AccessError(
                _(
                    "You may not change %(customer)s, so no prospect can be "
                    "linked into it: choose a customer you work with.",
                    customer=target.display_name,
                )
            ) from None
        if target in prospects or target.commercial_partner_id in prospects:
            raise UserError(
                _(
                    "%(customer)s is one of the prospects being converted, or one "
                    "of their contacts: choose another customer.",
                    customer=target.display_name,
                )
            )
        if target.commercial_partner_id != target or not target.active:
            raise UserError(
                _(
                    "%(customer)s is not a customer account (it is a contact, a "
                    "site or an archived record): choose the customer itself.",
                    customer=target.display_name,
                )
            )
        if target.customer_status not in LIVE:
            raise UserError(
                _(
                    "%(customer)s is a %(status)s, not a live customer: convert "
                    "it first, or choose an active or suspended customer.",
                    customer=target.display_name,
                    status=target._prospect_status_label(
                        target.customer_status
                    ).lower(),
                )
            )
        foreign = prospects.filtered(
            lambda p: company and p.company_id and p.company_id != company
        )
        if foreign:
            raise UserError(
                _(
                    "%(prospect)s belongs to %(prospect_company)s and "
                    "%(customer)s to %(company)s: a prospect can only be linked "
                    "into a customer of its own company (or a shared one).",
                    prospect=foreign[0].display_name,
                    prospect_company=foreign[0].company_id.display_name,
                    customer=target.display_name,
                    company=company.display_name,
                )
            )

    def _prospect_check_conversion_access(self):
        """The user must be allowed to change the prospects themselves (a
        list selection or an RPC call may name others)."""
        prospects = self
        try:
            prospects.check_access("write")
        except AccessError:
            raise AccessError(
                _(
                    "You may not change %(prospects)s: ask someone who works "
                    "with them to convert them.",
                    prospects=", ".join(prospects.sudo()[:5].mapped("display_name")),
                )
            ) from None

    @api.model
    def _prospect_check_converter(self):
        if not self.env.su and not self.env.user.has_group(
            "prospect_management.group_prospect_manager"
        ):
            raise AccessError(
                _(
                    "Only a Prospect Manager can convert prospects to customers. "
                    "Ask a manager, or request the account creation."
                )
            )

    def _prospect_lock(self):
        """Lock the prospects' rows without waiting: a second conversion of
        the same prospect fails right away with a clear message instead of
        waiting, then converting twice.

        ``FOR NO KEY UPDATE`` excludes any other conversion or update of the
        rows, like ``FOR UPDATE``, but lets other transactions insert rows
        that merely reference a prospect (a message, a quote, a wizard) instead
        of making them wait until the conversion ends."""
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    "SELECT id FROM res_partner WHERE id IN %s "
                    "FOR NO KEY UPDATE NOWAIT",
                    [tuple(self.ids)],
                )
        except psycopg2.errors.LockNotAvailable:
            raise UserError(
                _(
                    "%(prospects)s is being converted by someone else right now. "
                    "Try again in a moment.",
                    prospects=", ".join(self[:5].mapped("display_name")),
                )
            ) from None
        # what another user committed before the lock is what counts now
        self.invalidate_recordset()
