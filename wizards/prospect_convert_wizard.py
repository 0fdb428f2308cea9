# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


from odoo import _, api, fields, models
from odoo.fields import Command

from ..models.prospect_status_mixin import LIVE

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
            partners._prospect_check_convertible()
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
            scope = wizard.partner_ids._origin._prospect_conversion_scope()
            chosen = wizard.contact_ids._origin & scope["contacts"]
            wizard.preview_quote_count = len(scope["quotes"])
            wizard.preview_site_count = len(scope["sites"])
            wizard.preview_contact_count = len(chosen)
            wizard.preview_archived_contact_count = len(scope["contacts"] - chosen)
            wizard.preview_message_count = scope["message_count"]
            wizard.preview_attachment_count = scope["attachment_count"]
            wizard.preview_activity_count = scope["activity_count"]

    # ============================================================= actions
    def action_convert(self):
        """Convert the prospects with the options chosen; all or nothing.

        The work is the partner's (``prospect_convert()``,
        ``prospect_link_into()``), with the wizard's values as its options.
        """
        self.ensure_one()
        # who may convert, said before reading the wizard's own values
        self.env["res.partner"]._prospect_check_converter()
        options = {
            # the operation keeps only the prospects' own (active) contacts
            "contacts": self.with_context(active_test=False).contact_ids,
            "follow_up": self._follow_up_values(),
            "note": self.note,
        }
        if self.mode == "existing":
            customers = self.partner_ids._prospect_link_into(
                self.target_partner_id,
                copy_messages=self.copy_messages,
                copy_documents=self.copy_documents,
                **options,
                **self._prospect_link_options(),
            )
        else:
            customers = self.partner_ids._prospect_convert(
                self.status_after,
                company=self.company_id,
                user=self.user_id,
                team=self.team_id,
                **options,
            )
        return self._action_open(customers)

    def _prospect_link_options(self):
        """Other options of ``prospect_link_into()``; see the profile."""
        return {}

    def _follow_up_values(self):
        if not self.activity_type_id:
            return None
        return {
            "activity_type_id": self.activity_type_id.id,
            "summary": self.activity_summary,
            "date_deadline": self.activity_date_deadline,
            "user_id": self.activity_user_id.id,
        }

    def _action_open(self, customers):
        """Say what happened, then show the customers: the form the wizard
        was opened from when it is the customer (converted in place: reload
        it, no second breadcrumb), else the customer or the list of them."""
        context = self.env.context
        if (
            len(customers) == 1
            and context.get("active_model") == "res.partner"
            and context.get("active_id") == customers.id
        ):
            then = {"type": "ir.actions.act_window_close"}
        elif len(customers) == 1:
            then = {
                "type": "ir.actions.act_window",
                "res_model": "res.partner",
                "res_id": customers.id,
                "view_mode": "form",
                "views": [(False, "form")],
                "target": "current",
            }
        else:
            then = customers._get_records_action(name=_("Converted Customers"))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": _("Conversion done"),
                "message": self._done_message(customers),
                "sticky": False,
                "next": then,
            },
        }

    def _done_message(self, customers):
        prospects = self.partner_ids
        if self.mode == "existing":
            if len(prospects) == 1:
                return _(
                    "%(prospect)s is linked into %(customer)s.",
                    prospect=prospects.display_name,
                    customer=customers.display_name,
                )
            return _(
                "%(count)s prospects are linked into %(customer)s.",
                count=len(prospects),
                customer=customers.display_name,
            )
        if len(customers) == 1:
            return _(
                "%(customer)s is now a customer (%(status)s).",
                customer=customers.display_name,
                status=customers._prospect_status_label(customers.customer_status),
            )
        return _("%(count)s prospects are now customers.", count=len(customers))
