# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty


class ResPartner(models.Model):
    """Conversion as an operation of the partner, which the wizard, code and
    RPC call alike (SPEC §8): ``prospect_convert()`` makes the prospects the
    customers themselves, ``prospect_link_into()`` links them into a customer
    that already exists (its moves in res_partner_link, the history in
    res_partner_history, who may convert what in
    res_partner_conversion_checks).  Both are all or nothing, behind a no-wait row
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
        follow_up=None,
        note=None,
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
        :param follow_up: an activity to schedule on each customer:
            ``{"activity_type_id": id, "summary": text, "date_deadline":
            date, "user_id": id}`` (by default, the type's deadline and each
            customer's salesperson)
        :param note: HTML logged on each customer's chatter
        :return: the ids of the customers
        """
        return self._prospect_convert(
            status,
            company=self.env["res.company"].browse(company_id),
            user=self.env["res.users"].browse(user_id),
            team=self.env["crm.team"].browse(team_id),
            contacts=None if contact_ids is None else self.browse(contact_ids),
            follow_up=follow_up,
            note=note,
        ).ids

    def prospect_link_into(
        self,
        target_id,
        copy_messages=True,
        copy_documents=True,
        contact_ids=None,
        follow_up=None,
        note=None,
        merge_profile=True,
        profile_take=(),
    ):
        """Link these leads and prospects into the live customer
        ``target_id``, all or nothing (Prospect Managers; the conversion
        wizard's "Link it into an existing customer"): their open quotes,
        sites, activities and contacts move to it, their messages and
        documents are copied (the originals stay) or moved, their followers
        follow it, and they are archived with a link to it.

        :param contact_ids: the contacts that move along (default: all); the
            prospects' other contacts are archived
        :param follow_up: see ``prospect_convert()``
        :param note: see ``prospect_convert()``
        :param merge_profile: fill what the customer lacks from the prospects'
            profile (phones, email, website, VAT, address, salesperson,
            source, potential), unite tags and additional salespersons,
            append notes (``_prospect_profile_differences()`` lists them)
        :param profile_take: the items (``"email"``, ``"address"``...) where
            both have a different value and the prospects' is taken
        :return: the id of the customer
        """
        return self._prospect_link_into(
            self.browse(target_id),
            copy_messages=copy_messages,
            copy_documents=copy_documents,
            contacts=None if contact_ids is None else self.browse(contact_ids),
            follow_up=follow_up,
            note=note,
            merge_profile=merge_profile,
            profile_take=profile_take,
        ).id

    def _prospect_convert(
        self, status, company, user, team, contacts=None, follow_up=None, note=None
    ):
        """``prospect_convert()`` with records; returns the customers."""
        prospects = self._prospect_start_conversion()
        with self.env.cr.savepoint():
            prospects._prospect_lock_for_conversion()
            customers = prospects._prospect_convert_in_place(
                status, company, user, team, contacts
            )
            customers._prospect_after_conversion(follow_up, note)
        return customers

    def _prospect_link_into(
        self,
        target,
        copy_messages=True,
        copy_documents=True,
        contacts=None,
        follow_up=None,
        note=None,
        merge_profile=True,
        profile_take=(),
    ):
        """``prospect_link_into()`` with records; returns the customer."""
        prospects = self._prospect_start_conversion()
        with self.env.cr.savepoint():
            prospects._prospect_lock_for_conversion()
            prospects._prospect_check_link_target(target)
            profile = ()
            if merge_profile:
                # before the link archives the prospects and moves their tags
                profile = prospects._prospect_merge_profile(target, take=profile_take)
            customer = prospects._prospect_link(
                target, copy_messages, copy_documents, contacts, profile
            )
            customer._prospect_after_conversion(follow_up, note)
        return customer

    def _prospect_after_conversion(self, follow_up, note):
        """The follow-up activity and the note on these new customers, then
        what the conversion left to recompute."""
        if follow_up:
            self._prospect_schedule_follow_up(follow_up)
        if not is_html_empty(note):
            self._message_log_batch(
                {customer.id: note for customer in self},
                author_id=self.env.user.partner_id.id,
            )
        self._prospect_flush_untracked()

    def _prospect_schedule_follow_up(self, follow_up):
        activity_type = self.env["mail.activity.type"].browse(
            follow_up["activity_type_id"]
        )
        user = self.env["res.users"].browse(follow_up.get("user_id"))
        Activity = self.env["mail.activity"]
        if len(self) > 1:
            # no notification e-mail per customer on a bulk conversion
            Activity = Activity.with_context(mail_activity_quick_update=True)
        return Activity.create(
            [
                {
                    "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "res_id": customer.id,
                    "activity_type_id": activity_type.id,
                    "summary": follow_up.get("summary"),
                    "date_deadline": follow_up.get("date_deadline")
                    or activity_type._get_date_deadline(),
                    "user_id": (user or customer.user_id or self.env.user).id,
                }
                for customer in self
            ]
        )

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
