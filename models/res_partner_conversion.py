# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

import psycopg2
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .prospect_status_mixin import LIVE, PRE_CUSTOMER


class ResPartner(models.Model):
    """Conversion as an operation of the partner, which the wizard, code and
    RPC call alike (SPEC §8): ``prospect_convert()`` makes the prospects the
    customers themselves, ``prospect_link_into()`` links them into a customer
    that already exists (its moves in res_partner_link, the history in
    res_partner_history).  Both are all or nothing, behind a no-wait row
    lock, at a constant number of queries whatever the number of prospects.
    The links: where a prospect was converted into, where a customer came
    from."""

    _inherit = "res.partner"

    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        ondelete="set null",
        index="btree_not_null",
        help="Sales team (branch) that works with this customer; chosen when "
        "a prospect is converted.",
    )
    prospect_customer_id = fields.Many2one(
        "res.partner",
        string="Converted Into",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Existing customer this prospect was linked into when converted.",
    )
    prospect_origin_ids = fields.One2many(
        "res.partner",
        "prospect_customer_id",
        string="Converted Prospects",
        context={"active_test": False},
    )
    prospect_origin_count = fields.Integer(
        string="Converted Prospects Count",
        compute="_compute_prospect_origin_count",
    )

    def _compute_prospect_origin_count(self):
        counts = dict(
            self.env["res.partner"]
            .with_context(active_test=False)
            ._read_group(
                [("prospect_customer_id", "in", self.ids)],
                ["prospect_customer_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.prospect_origin_count = counts.get(partner._origin, 0)

    def _prospect_contacts(self):
        """Contacts and addresses of these companies, without their sites."""
        return self.child_ids.filtered(
            lambda c: c.type != "fsm_location" and not c.fsm_location
        )

    # -------------------------------------------------------- smart buttons
    def action_view_prospect_customer(self):
        self.ensure_one()
        return self.prospect_customer_id._get_records_action(name=_("Converted Into"))

    def action_view_prospect_origins(self):
        self.ensure_one()
        origins = self.with_context(active_test=False).prospect_origin_ids
        action = origins._get_records_action(name=_("Converted Prospects"))
        action["context"] = {"active_test": False}
        return action

    # ============================================================ operation
    def prospect_convert(
        self,
        status="active",
        company_id=False,
        user_id=False,
        team_id=False,
        contact_ids=None,
    ):
        """Make these leads and prospects the customers themselves, all or
        nothing (Prospect Managers; the conversion wizard's "Make it the
        customer").

        :param status: ``active``, or ``suspended`` to hold the customers for
            a credit check
        :param company_id: the customers' company (default: each keeps its own)
        :param user_id: their salesperson (default: each keeps its own)
        :param team_id: their sales team (default: each keeps its own)
        :param contact_ids: the contacts that stay (default: all); the
            prospects' other contacts are archived
        :return: the ids of the customers
        """
        return self._prospect_convert(
            status,
            company=self.env["res.company"].browse(company_id),
            user=self.env["res.users"].browse(user_id),
            team=self.env["crm.team"].browse(team_id),
            contacts=None if contact_ids is None else self.browse(contact_ids),
        ).ids

    def prospect_link_into(
        self, target_id, copy_messages=True, copy_documents=True, contact_ids=None
    ):
        """Link these leads and prospects into the live customer
        ``target_id``, all or nothing (Prospect Managers; the conversion
        wizard's "Link it into an existing customer"): their open quotes,
        sites, activities and contacts move to it, their messages and
        documents are copied (the originals stay) or moved, their followers
        follow it, and they are archived with a link to it.

        :param contact_ids: the contacts that move along (default: all); the
            prospects' other contacts are archived
        :return: the id of the customer
        """
        return self._prospect_link_into(
            self.browse(target_id),
            copy_messages=copy_messages,
            copy_documents=copy_documents,
            contacts=None if contact_ids is None else self.browse(contact_ids),
        ).id

    def _prospect_convert(self, status, company, user, team, contacts=None):
        """``prospect_convert()`` with records; returns the customers."""
        prospects = self._prospect_start_conversion()
        with self.env.cr.savepoint():
            prospects._prospect_lock_for_conversion()
            customers = prospects._prospect_convert_in_place(
                status, company, user, team, contacts
            )
            self._prospect_flush_untracked()
        return customers

    def _prospect_link_into(
        self, target, copy_messages=True, copy_documents=True, contacts=None
    ):
        """``prospect_link_into()`` with records; returns the customer."""
        prospects = self._prospect_start_conversion()
        with self.env.cr.savepoint():
            prospects._prospect_lock_for_conversion()
            prospects._prospect_check_link_target(target)
            customer = prospects._prospect_link(
                target, copy_messages, copy_documents, contacts
            )
            self._prospect_flush_untracked()
        return customer

    def _prospect_start_conversion(self):
        """Who may convert what: checked before anything is locked or
        written.  Returns the prospects, untracked (the conversion notes say
        what changed)."""
        self._prospect_check_converter()
        prospects = self.with_context(mail_notrack=True)
        prospects._prospect_check_conversion_access()
        prospects._prospect_check_convertible()
        return prospects

    def _prospect_lock_for_conversion(self):
        self._prospect_lock()
        # again: another user may have converted them before the lock
        self._prospect_check_convertible()

    def _prospect_flush_untracked(self):
        """Run what the conversion left to recompute (addresses, statuses,
        commercial fields of the moved contacts, sites and quotes), untracked.

        A flush recomputes with the context of whoever flushes: leaving the
        savepoint, or a query in SQL, would track each recomputed field on
        each record, a message and a query per record, where the conversion
        notes already say what changed.
        """
        self.with_context(mail_notrack=True).env.flush_all()

    # --------------------------------------------------------------- checks
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

    # ------------------------------------------------------------ in place
    def _prospect_convert_in_place(self, status, company, user, team, contacts):
        """The prospects themselves become the customers.

        Set-based: the partners are grouped by what actually changes for them
        (status only, or also company, salesperson, team), one write per
        group; only a change of company costs a query per prospect with
        contacts, because Odoo moves each company's contacts one by one.
        """
        prospects = self
        if company and company not in self.env.user.company_ids:
            raise UserError(
                _(
                    "You do not work in %(company)s: choose one of your companies.",
                    company=company.sudo().display_name,
                )
            )
        if len(prospects) > 1:
            # no "you have been assigned" e-mail per prospect on a bulk run
            prospects = prospects.with_context(mail_auto_subscribe_no_notify=True)
        scope_contacts = prospects._prospect_contacts()
        previous = {p.id: p.customer_status for p in prospects}
        # Odoo syncs each written partner with its contacts through sudo(),
        # one partner at a time: read what it needs in one go beforehand
        family = prospects.sudo().child_ids
        (prospects.sudo() | family | family.child_ids).mapped("user_ids")
        chosen = {"company_id": company, "user_id": user, "team_id": team}
        groups = defaultdict(prospects.browse)
        for prospect in prospects:
            changes = tuple(
                (fname, value.id)
                for fname, value in chosen.items()
                if value and prospect[fname] != value
            )
            groups[changes] |= prospect
        for changes, group in groups.items():
            # the lifecycle gate, conversion stamps, stage and sites
            group.write(dict(changes, customer_status=status))
        if contacts is not None:
            (scope_contacts - contacts).action_archive()
        label = prospects._prospect_status_label(status)
        converter = self.env.user.display_name
        prospects._message_log_batch(
            {
                prospect.id: Markup("<p>%s</p>")
                % self.env._(
                    "Converted to a customer by %(user)s: %(old)s → %(new)s.",
                    user=converter,
                    old=prospect._prospect_status_label(previous[prospect.id]),
                    new=label,
                )
                for prospect in prospects
            }
        )
        return prospects.with_context(
            mail_notrack=False, mail_auto_subscribe_no_notify=False
        )
