# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from collections import defaultdict

import psycopg2
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import SQL, is_html_empty

from ..models.prospect_status_mixin import LIVE, PRE_CUSTOMER

OPEN_QUOTE_STATES = ("draft", "sent")
SUGGESTION_LIMIT = 8


class ProspectConvertWizard(models.TransientModel):
    """Turn leads and prospects into customers, one or hundreds at a time.

    ``new``: each prospect becomes the customer itself (in place).
    ``existing``: the prospects are linked into a customer that already
    exists; their quotes, sites, activities and chosen contacts move to it,
    their messages and documents are copied or moved, and they are archived.

    Everything happens in one transaction, behind a no-wait row lock on the
    prospects, with a constant number of queries whatever their number.
    """

    _name = "prospect.convert.wizard"
    _description = "Convert Prospects to Customers"

    @api.model
    def default_get(self, fields_list):
        """Take the prospects from the list selection or the form it was
        opened from, and refuse right away what cannot be converted."""
        result = super().default_get(fields_list)
        context = self.env.context
        if (
            "partner_ids" in fields_list
            and not result.get("partner_ids")
            and context.get("active_model") == "res.partner"
            and context.get("active_ids")
        ):
            partners = self.env["res.partner"].browse(context["active_ids"])
            self._check_convertible(partners)
            result["partner_ids"] = [Command.set(partners.ids)]
        return result

    partner_ids = fields.Many2many(
        "res.partner",
        "prospect_convert_wizard_partner_rel",
        "wizard_id",
        "partner_id",
        string="Prospects",
        required=True,
        context={"active_test": False},
    )
    partner_count = fields.Integer(compute="_compute_partner_count")
    mode = fields.Selection(
        [
            ("new", "Make it the customer"),
            ("existing", "Link it into an existing customer"),
        ],
        string="Conversion",
        required=True,
        default="new",
        help="Make it the customer: the prospect record itself becomes the "
        "customer.\nLink it into an existing customer: its quotes, sites, "
        "activities and chosen contacts move to a customer that already "
        "exists (e.g. created in another system); the prospect is archived "
        "and keeps a link to it.",
    )

    # ----------------------------------------------------------- new mode
    status_after = fields.Selection(
        [("active", "Active"), ("suspended", "Suspended (hold for credit check)")],
        string="Status after Conversion",
        required=True,
        default="active",
        help="Suspended: the customer is on hold (e.g. credit check): billing "
        "is allowed, nothing new operational until it is made active.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Company / Branch",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
        help="Company the customer belongs to. Leave empty to keep each "
        "prospect's own company.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        domain=[("share", "=", False)],
        help="Leave empty to keep each prospect's own salesperson.",
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        compute="_compute_team_id",
        store=True,
        readonly=False,
        help="Sales team of the branch. Leave empty to keep each prospect's own.",
    )

    # ------------------------------------------------------ existing mode
    suggested_partner_ids = fields.Many2many(
        "res.partner",
        string="Likely Customers",
        compute="_compute_suggested_partner_ids",
        help="Live customers with the same VAT number, email domain or phone, "
        "or a similar name; the most likely first.",
    )
    target_partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_target_partner_id",
        store=True,
        readonly=False,
        domain=[
            ("customer_status", "in", LIVE),
            "|",
            ("is_company", "=", True),
            ("parent_id", "=", False),
            ("fsm_location", "=", False),
        ],
        help="The live customer the prospects are linked into. The prospects "
        "are archived and keep their own status (lead or prospect): they never "
        "became customers themselves.",
    )
    copy_messages = fields.Boolean(
        default=True,
        help="Checked: the customer gets a copy of the prospect's messages and "
        "the originals stay on the prospect. Unchecked: the messages move to "
        "the customer. Either way, replies to emails sent from the prospect "
        "land on the customer, and the prospect's followers follow it.",
    )
    copy_documents = fields.Boolean(
        default=True,
        help="Checked: the customer gets a copy of the prospect's documents "
        "(attachments) and the originals stay on the prospect. Unchecked: "
        "the documents move to the customer.",
    )

    # --------------------------------------------------------------- both
    available_contact_ids = fields.Many2many(
        "res.partner", compute="_compute_available_contact_ids"
    )
    contact_ids = fields.Many2many(
        "res.partner",
        "prospect_convert_wizard_contact_rel",
        "wizard_id",
        "partner_id",
        string="Contacts to Convert",
        compute="_compute_contact_ids",
        store=True,
        readonly=False,
        help="These contacts become contacts of the customer; the other "
        "contacts of the prospect are archived.",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Follow-up Activity",
        domain="[('res_model', 'in', [False, 'res.partner'])]",
        help="Schedule this activity on the customer once converted.",
    )
    activity_summary = fields.Char(
        string="Summary",
        compute="_compute_activity_summary",
        store=True,
        readonly=False,
    )
    activity_date_deadline = fields.Date(
        string="Due Date",
        compute="_compute_activity_date_deadline",
        store=True,
        readonly=False,
    )
    activity_user_id = fields.Many2one(
        "res.users",
        string="Assigned to",
        compute="_compute_activity_user_id",
        store=True,
        readonly=False,
        domain=[("share", "=", False)],
        help="Leave empty to give the activity to each customer's salesperson.",
    )
    note = fields.Html(
        help="Logged as a note in the customer's chatter.",
    )

    # ------------------------------------------------------------ preview
    preview_quote_count = fields.Integer(compute="_compute_preview")
    preview_site_count = fields.Integer(compute="_compute_preview")
    preview_contact_count = fields.Integer(compute="_compute_preview")
    preview_archived_contact_count = fields.Integer(compute="_compute_preview")
    preview_message_count = fields.Integer(compute="_compute_preview")
    preview_attachment_count = fields.Integer(compute="_compute_preview")
    preview_activity_count = fields.Integer(compute="_compute_preview")

    # ============================================================ computes
    @api.depends("partner_ids")
    def _compute_partner_count(self):
        for wizard in self:
            wizard.partner_count = len(wizard.partner_ids)

    @api.depends("partner_ids")
    def _compute_company_id(self):
        for wizard in self:
            # the prospects' own company when they share one; a shared
            # prospect (no company) stays shared unless a company is chosen
            companies = wizard.partner_ids.company_id
            wizard.company_id = (
                companies
                if len(companies) == 1
                and all(partner.company_id for partner in wizard.partner_ids)
                else False
            )

    @api.depends("partner_ids")
    def _compute_user_id(self):
        for wizard in self:
            users = wizard.partner_ids.user_id
            if len(wizard.partner_ids) == 1:
                wizard.user_id = users or self.env.user
            else:
                wizard.user_id = users if len(users) == 1 else False

    @api.depends("user_id", "company_id")
    def _compute_team_id(self):
        """Like CRM: the salesperson's team in the chosen company."""
        for wizard in self:
            if not wizard.user_id:
                teams = wizard.partner_ids.team_id
                wizard.team_id = teams if len(teams) == 1 else False
                continue
            company = wizard.company_id or self.env.company
            if (
                wizard.team_id
                and wizard.user_id in wizard.team_id.member_ids | wizard.team_id.user_id
                and wizard.team_id.company_id in (company, self.env["res.company"])
            ):
                continue
            wizard.team_id = self.env["crm.team"]._get_default_team_id(
                user_id=wizard.user_id.id,
                domain=[("company_id", "in", [company.id, False])],
            )

    @api.depends("partner_ids")
    def _compute_suggested_partner_ids(self):
        for wizard in self:
            similar = wizard.partner_ids._prospect_similar_partners(
                domain=[("customer_status", "in", LIVE)]
            )
            best = {}
            for matches in similar.values():
                for candidate, score in matches:
                    best[candidate] = max(score, best.get(candidate, 0))
            ranked = sorted(best, key=lambda c: (-best[c], c.name or "", c.id))[
                :SUGGESTION_LIMIT
            ]
            wizard.suggested_partner_ids = [Command.set([c.id for c in ranked])]

    @api.depends("mode", "suggested_partner_ids")
    def _compute_target_partner_id(self):
        for wizard in self:
            if wizard.mode != "existing":
                wizard.target_partner_id = False
            elif not wizard.target_partner_id:
                wizard.target_partner_id = wizard.suggested_partner_ids[:1]

    @api.depends("partner_ids")
    def _compute_available_contact_ids(self):
        for wizard in self:
            wizard.available_contact_ids = wizard.partner_ids._prospect_contacts()

    @api.depends("partner_ids")
    def _compute_contact_ids(self):
        for wizard in self:
            wizard.contact_ids = wizard.partner_ids._prospect_contacts()

    @api.depends("activity_type_id")
    def _compute_activity_summary(self):
        for wizard in self:
            wizard.activity_summary = wizard.activity_type_id.summary or False

    @api.depends("activity_type_id")
    def _compute_activity_date_deadline(self):
        for wizard in self:
            wizard.activity_date_deadline = (
                wizard.activity_type_id._get_date_deadline()
                if wizard.activity_type_id
                else False
            )

    @api.depends("activity_type_id", "user_id", "mode", "target_partner_id")
    def _compute_activity_user_id(self):
        for wizard in self:
            if wizard.mode == "existing":
                wizard.activity_user_id = (
                    wizard.target_partner_id.sudo().user_id or self.env.user
                )
            else:
                wizard.activity_user_id = wizard.user_id

    @api.depends("partner_ids", "mode", "contact_ids")
    def _compute_preview(self):
        for wizard in self:
            prospects = wizard.partner_ids._origin
            scope = wizard._prospect_scope(prospects)
            chosen = wizard.contact_ids._origin & scope["contacts"]
            wizard.preview_quote_count = len(scope["quotes"])
            wizard.preview_site_count = len(scope["sites"])
            wizard.preview_contact_count = len(chosen)
            wizard.preview_archived_contact_count = len(scope["contacts"] - chosen)
            wizard.preview_message_count = scope["message_count"]
            wizard.preview_attachment_count = scope["attachment_count"]
            wizard.preview_activity_count = scope["activity_count"]

    # ============================================================= helpers
    def _prospect_scope(self, prospects):
        """What belongs to ``prospects``: a constant number of queries."""
        ids = prospects.ids
        if not ids:
            empty = self.env["res.partner"]
            return {
                "quotes": self.env["sale.order"],
                "sites": self.env["fsm.location"],
                "contacts": empty,
                "message_count": 0,
                "attachment_count": 0,
                "activity_count": 0,
            }
        partner_domain = [("model", "=", "res.partner"), ("res_id", "in", ids)]
        return {
            "quotes": self.env["sale.order"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("partner_id.commercial_partner_id", "in", ids),
                    ("state", "in", OPEN_QUOTE_STATES),
                ]
            ),
            "sites": self.env["fsm.location"]
            .sudo()
            .with_context(active_test=False)
            .search([("owner_id.commercial_partner_id", "in", ids)]),
            "contacts": prospects._prospect_contacts(),
            "message_count": self.env["mail.message"]
            .sudo()
            .search_count(partner_domain),
            "attachment_count": self.env["ir.attachment"]
            .sudo()
            .search_count(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", ids),
                    ("res_field", "=", False),
                ]
            ),
            "activity_count": self.env["mail.activity"]
            .sudo()
            .search_count([("res_model", "=", "res.partner"), ("res_id", "in", ids)]),
        }

    @api.model
    def _check_convertible(self, partners):
        """Only active leads and prospects (commercial entities) convert."""
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

    def _check_target(self, prospects):
        """The target must be a live customer account the user works with,
        in a company compatible with the prospects'."""
        self.ensure_one()
        # read as superuser: a customer of another company must be refused
        # with a clear message, not with a record-rule error
        target = self.target_partner_id.sudo()
        if not target:
            raise UserError(
                _("Choose the existing customer to link the prospects into.")
            )
        company = target.company_id
        try:
            # Odoo's own decision: access rights, record rules, companies
            self.target_partner_id.check_access("write")
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

    @api.model
    def _check_prospects_access(self, prospects):
        """The user must be allowed to change the prospects themselves (a
        list selection or an RPC call may name others)."""
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

    def _check_manager(self):
        if not self.env.su and not self.env.user.has_group(
            "prospect_management.group_prospect_manager"
        ):
            raise AccessError(
                _(
                    "Only a Prospect Manager can convert prospects to customers. "
                    "Ask a manager, or request the account creation."
                )
            )

    def _lock_prospects(self, prospects):
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
                    [tuple(prospects.ids)],
                )
        except psycopg2.errors.LockNotAvailable:
            raise UserError(
                _(
                    "%(prospects)s is being converted by someone else right now. "
                    "Try again in a moment.",
                    prospects=", ".join(prospects[:5].mapped("display_name")),
                )
            ) from None
        # what another user committed before the lock is what counts now
        prospects.invalidate_recordset()

    # ============================================================= actions
    def action_convert(self):
        """Convert the prospects; all or nothing."""
        self.ensure_one()
        self._check_manager()
        prospects = self.partner_ids.with_context(mail_notrack=True)
        self._check_prospects_access(prospects)
        self._check_convertible(prospects)
        with self.env.cr.savepoint():
            self._lock_prospects(prospects)
            # again: another user may have converted them before the lock
            self._check_convertible(prospects)
            if self.mode == "existing":
                self._check_target(prospects)
                customers = self._convert_into_existing(prospects)
            else:
                customers = self._convert_in_place(prospects)
            self._schedule_follow_up(customers)
            self._log_note(customers)
            self._flush_untracked()
        return self._action_open(customers)

    def _flush_untracked(self):
        """Run what the conversion left to recompute (addresses, statuses,
        commercial fields of the moved contacts, sites and quotes), untracked.

        A flush recomputes with the context of whoever flushes: leaving the
        savepoint, or a query in SQL, would track each recomputed field on
        each record, a message and a query per record, where the conversion
        notes already say what changed.
        """
        self.with_context(mail_notrack=True).env.flush_all()

    def _action_open(self, customers):
        if len(customers) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "res.partner",
                "res_id": customers.id,
                "view_mode": "form",
                "views": [(False, "form")],
                "target": "current",
            }
        return customers._get_records_action(name=_("Converted Customers"))

    # ------------------------------------------------------------ new mode
    def _convert_in_place(self, prospects):
        """The prospects themselves become the customers.

        Set-based: the partners are grouped by what actually changes for them
        (status only, or also company, salesperson, team), one write per
        group; only a change of company costs a query per prospect with
        contacts, because Odoo moves each company's contacts one by one.
        """
        if self.company_id and self.company_id not in self.env.user.company_ids:
            raise UserError(
                _(
                    "You do not work in %(company)s: choose one of your companies.",
                    company=self.company_id.sudo().display_name,
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
        chosen = {
            "company_id": self.company_id,
            "user_id": self.user_id,
            "team_id": self.team_id,
        }
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
            group.write(dict(changes, customer_status=self.status_after))
        (scope_contacts - self.contact_ids).action_archive()
        status = prospects._prospect_status_label(self.status_after)
        converter = self.env.user.display_name
        prospects._message_log_batch(
            {
                prospect.id: Markup("<p>%s</p>")
                % self.env._(
                    "Converted to a customer by %(user)s: %(old)s → %(new)s.",
                    user=converter,
                    old=prospect._prospect_status_label(previous[prospect.id]),
                    new=status,
                )
                for prospect in prospects
            }
        )
        return prospects.with_context(
            mail_notrack=False, mail_auto_subscribe_no_notify=False
        )

    # ------------------------------------------------------- existing mode
    def _convert_into_existing(self, prospects):
        """Move what the prospects own to the target, then archive them."""
        target = self.target_partner_id.with_context(mail_notrack=True)
        scope = self._prospect_scope(prospects)
        kept = self.contact_ids & scope["contacts"]
        dropped = scope["contacts"] - kept
        # whatever pointed at a prospect or a dropped contact now points at
        # the target; kept contacts move along and keep their documents
        redirect = prospects | dropped

        def repoint(partner):
            return target if partner in redirect else partner

        quotes = scope["quotes"]
        sites = scope["sites"]
        prospect_of = {
            **{quote: quote.partner_id.commercial_partner_id for quote in quotes},
            **{site: site.owner_id.commercial_partner_id for site in sites},
            **{contact: contact.commercial_partner_id for contact in kept},
        }
        self._move_quotes(quotes, repoint)
        prospect_sites = sites.filtered(lambda s: s.customer_status in PRE_CUSTOMER)
        self._move_sites(sites, repoint)
        activities = self._move_activities(prospects, target)
        attachment_map = self._transfer_attachments(prospects, target)
        messages = self._transfer_messages(prospects, target, attachment_map)
        self._transfer_followers(prospects, target)
        if kept:
            kept.with_context(mail_notrack=True)._prospect_reparent(target)
        self._note_moves((quotes, sites, kept), target, prospect_of)
        dropped.action_archive()
        # the target is live: the sites it received are live sites now
        prospect_sites._prospect_activate(
            lambda site: self.env._(
                "Site activated: it moved to the customer %(customer)s.",
                customer=target.display_name,
            )
        )
        prospects.write({"prospect_customer_id": target.id})
        prospects._prospect_record_conversion()
        prospects.action_archive()

        converter = self.env.user.display_name
        prospects._message_log_batch(
            {
                prospect.id: Markup("<p>%s</p>")
                % self.env._(
                    "Converted into the customer %(customer)s by %(user)s. This "
                    "prospect is archived; its status stays as it was since it "
                    "never became a customer itself.",
                    customer=target.display_name,
                    user=converter,
                )
                for prospect in prospects
            }
        )
        copied = _("copied") if self.copy_messages else _("moved")
        docs = _("copied") if self.copy_documents else _("moved")
        target._message_log_batch(
            {
                target.id: Markup("<p>%s</p><ul>%s</ul>")
                % (
                    _(
                        "Prospects converted into this customer by %(user)s: "
                        "%(prospects)s.",
                        user=converter,
                        prospects=", ".join(prospects.mapped("display_name")),
                    ),
                    Markup("").join(
                        Markup("<li>%s</li>") % line
                        for line in (
                            _("%(count)s quote(s) moved", count=len(quotes)),
                            _("%(count)s site(s) moved", count=len(sites)),
                            _("%(count)s contact(s) moved", count=len(kept)),
                            _("%(count)s activity(ies) moved", count=len(activities)),
                            _(
                                "%(count)s message(s) %(how)s",
                                count=len(messages),
                                how=copied,
                            ),
                            _(
                                "%(count)s document(s) %(how)s",
                                count=len(attachment_map),
                                how=docs,
                            ),
                        )
                    ),
                )
            }
        )
        return self.target_partner_id

    def _move_quotes(self, quotes, repoint):
        """Re-point open quotes, grouped by their new addresses: one write
        per distinct (customer, invoice, delivery) address."""
        SaleOrder = self.env["sale.order"].sudo().with_context(mail_notrack=True)
        groups = defaultdict(lambda: SaleOrder)
        for quote in quotes:
            key = (
                repoint(quote.partner_id).id,
                repoint(quote.partner_invoice_id).id,
                repoint(quote.partner_shipping_id).id,
            )
            groups[key] |= quote
        # each quote keeps its site: fieldservice_sale would recompute it
        # from the new customer (a search per quote) and lose it
        site = SaleOrder._fields["fsm_location_id"]
        with self.env.protecting([site], quotes):
            for (partner, invoice, shipping), group in groups.items():
                # untracked: _note_moves logs one note per quote in one batch
                group.write(
                    {
                        "partner_id": partner,
                        "partner_invoice_id": invoice,
                        "partner_shipping_id": shipping,
                    }
                )

    def _move_sites(self, sites, repoint):
        """Re-point the sites, one write per new owner (untracked:
        _note_moves logs one note per site in one batch)."""
        Site = self.env["fsm.location"].sudo().with_context(mail_notrack=True)
        groups = defaultdict(lambda: Site)
        for site in sites:
            groups[repoint(site.owner_id).id] |= site
        for owner, group in groups.items():
            group.write({"owner_id": owner})
            # a site's own partner hangs under its owner (fieldservice)
            group.partner_id.filtered(
                lambda p, owner=owner: p.parent_id and p.parent_id.id != owner
            )._prospect_reparent(self.env["res.partner"].browse(owner))

    def _note_moves(self, records, target, prospect_of):
        """One note on each record moved to ``target``, in one batch per
        model, instead of a tracking message per record (a query each).

        :param prospect_of: {record: the prospect it came from}
        """
        user = self.env.user.display_name
        for model_records in records:
            if not model_records:
                continue
            model_records.sudo()._message_log_batch(
                {
                    record.id: Markup("<p>%s</p>")
                    % self.env._(
                        "Moved to the customer %(customer)s by %(user)s, who "
                        "converted the prospect %(prospect)s.",
                        customer=target.display_name,
                        user=user,
                        prospect=prospect_of[record].display_name,
                    )
                    for record in model_records
                }
            )

    def _move_activities(self, prospects, target):
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [("res_model", "=", "res.partner"), ("res_id", "in", prospects.ids)]
            )
        )
        if activities:
            activities.write({"res_id": target.id})
        return activities.filtered("active")

    def _transfer_followers(self, prospects, target):
        """The prospects' followers follow the customer, with their subtypes
        (added to the subtypes of those who already follow it)."""
        followers = (
            self.env["mail.followers"]
            .sudo()
            .search(
                [("res_model", "=", "res.partner"), ("res_id", "in", prospects.ids)]
            )
        )
        subtypes = defaultdict(set)
        for follower in followers:
            subtypes[follower.partner_id.id] |= set(follower.subtype_ids.ids)
        if subtypes:
            self.env["mail.followers"]._insert_followers(
                "res.partner",
                target.ids,
                list(subtypes),
                subtypes={partner: list(ids) for partner, ids in subtypes.items()},
                check_existing=True,
                existing_policy="update",
            )

    def _transfer_attachments(self, prospects, target):
        """Copy or move the prospects' documents to the target, in SQL.

        A copy shares the stored file with its original (the filestore is
        content-addressed): no file is read or written.  Through the ORM each
        document costs queries and checks of its own, and thousands of them
        must convert in a second or two.

        :return: {original attachment id: attachment id on the target}
        """
        cr = self.env.cr
        self._flush_untracked()
        cr.execute(
            SQL(
                "SELECT id FROM ir_attachment WHERE res_model = 'res.partner' "
                "AND res_id = ANY(%s) AND res_field IS NULL ORDER BY id",
                prospects.ids,
            )
        )
        originals = [row[0] for row in cr.fetchall()]
        if not originals:
            return {}
        if not self.copy_documents:
            cr.execute(
                SQL(
                    "UPDATE ir_attachment SET res_id = %s, write_uid = %s, "
                    "write_date = now() AT TIME ZONE 'UTC' WHERE id = ANY(%s)",
                    target.id,
                    self.env.uid,
                    originals,
                )
            )
            self.env["ir.attachment"].invalidate_model(["res_id"])
            transferred = dict(zip(originals, originals, strict=True))
        else:
            # a copy gets an access token of its own when someone shares it
            transferred = self._sql_copy(
                "ir.attachment", originals, {"res_id": target.id, "access_token": None}
            )
        # counters the ORM computed before (documents of the chatter)
        (prospects | target).invalidate_recordset()
        return transferred

    def _transfer_messages(self, prospects, target, attachment_map):
        """Copy or move the prospects' chatter (messages, notes, tracking)
        to the target, in SQL; a copy keeps the original on the prospect.

        Copies keep their threads (a reply answers the copy of its parent),
        recipients, documents and tracked values.  They are history, not new
        messages: nobody is notified again, and stars and reactions stay with
        the originals.  Through the ORM each message is sanitized, checked
        and inserted on its own: 10,000 messages took 20 seconds.

        :return: the messages now on the target
        """
        Message = self.env["mail.message"].sudo()
        cr = self.env.cr
        self._flush_untracked()
        cr.execute(
            SQL(
                "SELECT id FROM mail_message WHERE model = 'res.partner' "
                "AND res_id = ANY(%s) ORDER BY id",
                prospects.ids,
            )
        )
        originals = [row[0] for row in cr.fetchall()]
        if not originals:
            return Message
        on_target = {
            "res_id": target.id,
            "record_name": target.display_name,
            "record_company_id": target.company_id.id or None,
        }
        if not self.copy_messages:
            cr.execute(
                SQL(
                    "UPDATE mail_message SET %s, write_uid = %s, "
                    "write_date = now() AT TIME ZONE 'UTC' WHERE id = ANY(%s)",
                    SQL(", ").join(
                        SQL("%s = %s", SQL.identifier(column), value)
                        for column, value in on_target.items()
                    ),
                    self.env.uid,
                    originals,
                )
            )
            Message.invalidate_model(list(on_target))
            (prospects | target).invalidate_recordset()
            return Message.browse(originals)
        copy_of = self._sql_copy(
            "mail.message", originals, on_target, remap=("parent_id",)
        )
        self._sql_copy_relations(
            Message, copy_of, {"attachment_ids": attachment_map, "partner_ids": {}}
        )
        cr.execute(
            SQL(
                "SELECT id FROM mail_tracking_value WHERE mail_message_id = ANY(%s) "
                "ORDER BY id",
                originals,
            )
        )
        trackings = [row[0] for row in cr.fetchall()]
        if trackings:
            self._sql_copy(
                "mail.tracking.value",
                trackings,
                {},
                repoint={"mail_message_id": copy_of},
            )
        (prospects | target).invalidate_recordset()
        return Message.browse(list(copy_of.values()))

    def _sql_copy(self, model_name, ids, values, remap=(), repoint=None):
        """Copy the rows ``ids`` of ``model_name`` in one INSERT ... SELECT.

        :param values: {column: value} for the columns the copies change; the
            other stored columns keep the original's value
        :param remap: many2one columns pointing into the copied rows
            themselves (a reply's parent): the copies point to the copies
        :param repoint: {many2one column: {old id: new id}} for columns
            pointing to other rows that were copied (a tracking's message)
        :return: {original id: copy id}
        """
        Model = self.env[model_name]
        cr = self.env.cr
        table = SQL.identifier(Model._table)
        cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"{Model._table}_id_seq",
                len(ids),
            )
        )
        copy_ids = [row[0] for row in cr.fetchall()]
        now = SQL("now() AT TIME ZONE 'UTC'")
        values = dict(
            values,
            create_uid=self.env.uid,
            write_uid=self.env.uid,
            create_date=now,
            write_date=now,
        )
        for column, mapping in (repoint or {}).items():
            values[column] = self._sql_mapped(
                SQL.identifier("original", column), mapping
            )
        columns = [
            name
            for name, field in Model._fields.items()
            if field.store and field.column_type and name != "id"
        ]
        selected = [
            SQL.identifier("original", name)
            if name not in values
            else values[name]
            if isinstance(values[name], SQL)
            else SQL("%s", values[name])
            for name in columns
        ]
        cr.execute(
            SQL(
                "INSERT INTO %(table)s (id, %(columns)s) "
                "SELECT pair.copy_id, %(selected)s FROM %(table)s original "
                "JOIN unnest(%(ids)s::int[], %(copy_ids)s::int[]) "
                "AS pair(original_id, copy_id) ON original.id = pair.original_id",
                table=table,
                columns=SQL(", ").join(SQL.identifier(name) for name in columns),
                selected=SQL(", ").join(selected),
                ids=list(ids),
                copy_ids=copy_ids,
            )
        )
        for column in remap:
            cr.execute(
                SQL(
                    "UPDATE %(table)s copy SET %(column)s = pair.copy_id "
                    "FROM unnest(%(ids)s::int[], %(copy_ids)s::int[]) "
                    "AS pair(original_id, copy_id) "
                    "WHERE copy.id = ANY(%(copy_ids)s) "
                    "AND copy.%(column)s = pair.original_id",
                    table=table,
                    column=SQL.identifier(column),
                    ids=list(ids),
                    copy_ids=copy_ids,
                )
            )
        # the ORM forgets what it cached of these columns, and of the fields
        # that are their inverses (a customer's messages, a message's
        # tracking values): reads see the copies in the same transaction
        Model.invalidate_model(columns)
        return dict(zip(ids, copy_ids, strict=True))

    def _sql_copy_relations(self, Model, copy_of, fields_mapping):
        """Give the copies the many2many links of their originals.

        :param copy_of: {original id: copy id} of ``Model``'s rows
        :param fields_mapping: {many2many field: {old id: new id}} to link
            a copy to the copy of a linked record rather than to the record
        """
        for fname, mapping in fields_mapping.items():
            field = Model._fields[fname]
            column2 = SQL.identifier("rel", field.column2)
            self.env.cr.execute(
                SQL(
                    "INSERT INTO %(rel)s (%(col1)s, %(col2)s) "
                    "SELECT pair.copy_id, %(linked)s FROM %(rel)s rel "
                    "JOIN unnest(%(originals)s::int[], %(copies)s::int[]) "
                    "AS pair(original_id, copy_id) "
                    "ON rel.%(col1)s = pair.original_id ON CONFLICT DO NOTHING",
                    rel=SQL.identifier(field.relation),
                    col1=SQL.identifier(field.column1),
                    col2=SQL.identifier(field.column2),
                    linked=self._sql_mapped(column2, mapping),
                    originals=list(copy_of),
                    copies=list(copy_of.values()),
                )
            )
        Model.invalidate_model(list(fields_mapping))

    @api.model
    def _sql_mapped(self, column, mapping):
        """SQL of ``column``'s value translated through ``mapping``."""
        if not mapping:
            return column
        return SQL(
            "COALESCE((%s::jsonb ->> %s::text)::int, %s)",
            json.dumps({str(old): new for old, new in mapping.items()}),
            column,
            column,
        )

    # --------------------------------------------------------------- both
    def _schedule_follow_up(self, customers):
        if not self.activity_type_id:
            return self.env["mail.activity"]
        model_id = self.env["ir.model"]._get_id("res.partner")
        Activity = self.env["mail.activity"]
        if len(customers) > 1:
            # no notification e-mail per customer on a bulk conversion
            Activity = Activity.with_context(mail_activity_quick_update=True)
        return Activity.create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": customer.id,
                    "activity_type_id": self.activity_type_id.id,
                    "summary": self.activity_summary,
                    "date_deadline": self.activity_date_deadline
                    or self.activity_type_id._get_date_deadline(),
                    "user_id": (
                        self.activity_user_id or customer.user_id or self.env.user
                    ).id,
                }
                for customer in customers
            ]
        )

    def _log_note(self, customers):
        if is_html_empty(self.note):
            return
        customers._message_log_batch(
            {customer.id: self.note for customer in customers},
            author_id=self.env.user.partner_id.id,
        )
