# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .prospect_stage import POTENTIALS
from .prospect_status_mixin import LIVE, PRE_CUSTOMER


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "prospect.status.mixin"]

    # A contact shows its commercial entity's status; the entity keeps its own.
    customer_status = fields.Selection(
        compute="_compute_customer_status",
        store=True,
        readonly=False,
        recursive=True,
    )
    is_prospect = fields.Boolean(
        string="Prospect",
        compute="_compute_is_prospect",
        inverse="_inverse_is_prospect",
        help="Create this customer as a prospect: it may receive quotes, "
        "but no job, invoice, asset or contract until it becomes active.",
    )
    prospect_site_ids = fields.One2many(
        "fsm.location",
        "owner_id",
        string="Prospect Sites",
        domain=[("customer_status", "in", PRE_CUSTOMER)],
    )
    live_site_ids = fields.One2many(
        "fsm.location",
        "owner_id",
        string="Live Sites",
        domain=[("customer_status", "in", LIVE)],
    )

    # pipeline of prospects (meaningful on commercial entities)
    prospect_stage_id = fields.Many2one(
        "prospect.stage",
        string="Prospect Stage",
        compute="_compute_prospect_pipeline",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        copy=False,
        ondelete="restrict",
        group_expand="_read_group_prospect_stage_ids",
        domain="[('company_id', 'in', [company_id or current_company_id, False])]",
    )
    prospect_since = fields.Date(
        compute="_compute_prospect_pipeline",
        store=True,
        readonly=False,
        copy=False,
        help="Date the record became a lead or a prospect.",
    )
    prospect_source_id = fields.Many2one(
        "utm.source",
        string="Source",
        ondelete="set null",
        help="Where the prospect came from (trade show, referral, website...).",
    )
    prospect_potential = fields.Selection(POTENTIALS, string="Potential")
    prospect_user_ids = fields.Many2many(
        "res.users",
        "res_partner_prospect_user_rel",
        "partner_id",
        "user_id",
        string="Additional Salespersons",
        domain=[("share", "=", False)],
    )
    prospect_converted_date = fields.Datetime(
        string="Converted On", copy=False, readonly=True
    )
    prospect_converted_user_id = fields.Many2one(
        "res.users", string="Converted By", copy=False, readonly=True
    )
    prospect_days_to_convert = fields.Integer(
        string="Days to Convert",
        compute="_compute_prospect_days_to_convert",
        store=True,
        aggregator="avg",
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

    # ------------------------------------------------------------ computes
    @api.depends("is_company", "parent_id", "commercial_partner_id.customer_status")
    def _compute_customer_status(self):
        for partner in self:
            if partner.parent_id and not partner.is_company:
                parent_status = partner.parent_id.commercial_partner_id.customer_status
                partner.customer_status = parent_status or partner.customer_status
            else:
                partner.customer_status = (
                    partner.customer_status or partner._prospect_default_status()
                )

    @api.depends("customer_status")
    def _compute_prospect_pipeline(self):
        """Place new leads and prospects in the first stage of the pipeline."""
        today = fields.Date.context_today(self)
        stages = {}
        for partner in self:
            if partner.customer_status not in PRE_CUSTOMER or (
                partner.parent_id and not partner.is_company
            ):
                continue
            partner.prospect_since = partner.prospect_since or today
            if not partner.prospect_stage_id:
                company = partner.company_id or self.env.company
                if company not in stages:
                    stages[company] = self.env["prospect.stage"]._prospect_stage_for(
                        "open", company
                    )
                partner.prospect_stage_id = stages[company]

    @api.depends("prospect_since", "prospect_converted_date")
    def _compute_prospect_days_to_convert(self):
        for partner in self:
            if partner.prospect_since and partner.prospect_converted_date:
                delta = partner.prospect_converted_date.date() - partner.prospect_since
                partner.prospect_days_to_convert = max(delta.days, 0)
            else:
                partner.prospect_days_to_convert = 0

    @api.model
    def _read_group_prospect_stage_ids(self, stages, domain):
        return stages.search([])

    @api.depends("customer_status")
    def _compute_is_prospect(self):
        for partner in self:
            partner.is_prospect = partner.customer_status == "prospect"

    def _inverse_is_prospect(self):
        to_prospect = self.filtered(
            lambda p: p.is_prospect and p.customer_status != "prospect"
        )
        if to_prospect:
            to_prospect.write({"customer_status": "prospect"})

    @api.onchange("is_prospect")
    def _onchange_is_prospect(self):
        if self.is_prospect:
            self.customer_status = "prospect"
        elif self.customer_status == "prospect" and not self._origin:
            default = self._prospect_default_status()
            self.customer_status = "active" if default == "prospect" else default

    def _prospect_default_status(self):
        company = self.company_id or self.env.company
        if not company.prospect_enabled:
            return "active"
        return company.prospect_default_status or "active"

    # ---------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.pop("is_prospect", False) and vals.get("customer_status") in (
                None,
                False,
                "lead",
            ):
                vals["customer_status"] = "prospect"
            if vals.get("parent_id") and not vals.get("is_company"):
                # contacts take their company's status, whatever was sent
                vals.pop("customer_status", None)
        partners = super().create(vals_list)
        partners._prospect_create_auto_sites()
        return partners

    def write(self, vals):
        if "customer_status" not in vals:
            return super().write(vals)
        if {"parent_id", "is_company"} & vals.keys():
            # settle who is a contact of whom first, then apply the status
            vals = dict(vals)
            status = vals.pop("customer_status")
            super().write(vals)
            return self.write({"customer_status": status})
        status = vals["customer_status"]
        self._prospect_validate_status_value(status)
        contacts = self.filtered(lambda p: p.commercial_partner_id != p)
        entities = self - contacts
        mismatched = contacts.filtered(
            lambda p: (
                p.commercial_partner_id not in entities
                and p.commercial_partner_id.customer_status != status
            )
        )
        if mismatched:
            contact = mismatched[0]
            raise UserError(
                _(
                    "%(contact)s is a contact of %(entity)s and always shows its "
                    "status (%(status)s). Change the status of %(entity)s instead.",
                    contact=contact.display_name,
                    entity=contact.commercial_partner_id.display_name,
                    status=self._prospect_status_label(
                        contact.commercial_partner_id.customer_status
                    ),
                )
            )
        previous = entities._prospect_check_status_write(status)
        res = super().write(vals)
        if previous:
            self.browse([p.id for p in previous])._prospect_after_status_change(
                previous
            )
        return res

    # ------------------------------------------------------------ lifecycle
    def _prospect_after_status_change(self, previous):
        """React to status changes of commercial entities.

        :param previous: {partner: status before the change}
        """
        became_live = self.filtered(
            lambda p: previous[p] in PRE_CUSTOMER and p.customer_status in LIVE
        )
        if became_live:
            became_live._prospect_record_conversion()
            became_live._prospect_activate_sites()

    def _prospect_record_conversion(self):
        """Stamp who converted these prospects and when; move them to Converted."""
        values = {
            "prospect_converted_date": fields.Datetime.now(),
            "prospect_converted_user_id": self.env.uid,
        }
        by_company = self.grouped(lambda p: p.company_id or self.env.company)
        Stage = self.env["prospect.stage"].sudo()
        for company, partners in by_company.items():
            stage = Stage._prospect_stage_for("converted", company)
            partners.write(dict(values, prospect_stage_id=stage.id))

    def _prospect_activate_sites(self):
        """Make every lead/prospect site of these customers active, in one write."""
        sites = (
            self.env["fsm.location"]
            .sudo()
            .search(
                [
                    ("owner_id.commercial_partner_id", "in", self.ids),
                    ("customer_status", "in", PRE_CUSTOMER),
                ]
            )
        )
        note = _("Site activated with its customer %(customer)s.")
        return sites._prospect_activate(
            lambda site: (
                note % {"customer": site.owner_id.commercial_partner_id.display_name}
            )
        )

    def _prospect_log_won_quotes(self, orders):
        """One chatter note per customer: who won which quotes, and when."""
        self._message_log_batch(
            {
                customer.id: escape(
                    orders._prospect_won_note(orders._prospect_quotes_of(customer))
                )
                for customer in self
            }
        )

    def _prospect_create_auto_sites(self):
        """Create the site of new customers where the company asks for it."""
        candidates = self.filtered(
            lambda p: (
                p.commercial_partner_id == p
                and not p.fsm_location
                and not p.fsm_person
                and p.type != "fsm_location"
                and (p.customer_rank > 0 or p.customer_status in PRE_CUSTOMER)
                and (p.company_id or self.env.company).prospect_auto_site
            )
        )
        if not candidates or self.env.context.get("creating_fsm_location"):
            return self.env["fsm.location"]
        address = ("street", "street2", "city", "zip", "state_id", "country_id")
        vals_list = []
        for partner in candidates:
            vals = {
                "name": partner.name,
                "owner_id": partner.id,
                "customer_status": partner.customer_status,
                "company_id": partner.company_id.id,
                "phone": partner.phone,
                "email": partner.email,
            }
            for fname in address:
                vals[fname] = (
                    partner[fname].id if fname.endswith("_id") else partner[fname]
                )
            vals_list.append(vals)
        return self.env["fsm.location"].sudo().create(vals_list)

    def _prospect_status_subjects(self):
        return self.filtered(lambda p: p.commercial_partner_id == p)

    # -------------------------------------------------------------- policy
    # The guard matrix of SPEC §4: which statuses may have a document of
    # each kind.  Exceptions that depend on a company setting are decided in
    # ``_prospect_allowed``; every guard goes through it.
    PROSPECT_MATRIX = {
        "quote": ("prospect", "active"),
        "ppm_quote": ("active",),
        "confirm": ("prospect", "active"),
        "job": ("active",),
        "invoice": ("active", "suspended"),
        "asset": ("active", "suspended"),
        "contract": ("active",),
        "ppm": ("active",),
        "portal": ("active", "suspended"),
    }

    @api.model
    def _prospect_allowed(self, status, kind, company):
        """May a customer or site in ``status`` have a document of ``kind``
        in ``company``?  The one place that reads the matrix."""
        if not status or not company.prospect_enabled:
            return True
        if status == "lead" and not company.prospect_use_leads:
            # a company without leads treats its remaining leads as prospects
            status = "prospect"
        if status == "prospect" and kind == "confirm":
            return company.prospect_auto_activate
        if status == "prospect" and kind == "portal":
            return company.prospect_portal_allowed
        return status in self.PROSPECT_MATRIX[kind]

    @api.model
    def _prospect_allowed_statuses(self, kind, company):
        statuses = [key for key, _label in self._fields["customer_status"].selection]
        return [s for s in statuses if self._prospect_allowed(s, kind, company)]

    @api.model
    def _prospect_check_records(self, kind, records, company, document=None):
        """Raise a UserError naming the first of ``records`` (partners or
        sites) refused a document of ``kind`` in ``company``.

        Reads only the statuses already fetched for ``records``: the cost does
        not depend on how many documents are checked.
        """
        refused = records.filtered(
            lambda r: not self._prospect_allowed(r.customer_status, kind, company)
        )
        if refused:
            record = refused[0]
            raise UserError(
                self._prospect_refusal_message(kind, record, company, document)
            )

    def _prospect_check(self, kind, company=None, document=None):
        """Refuse a document of ``kind`` for these customers in ``company``."""
        company = company or self.env.company
        self._prospect_check_records(
            kind, self.commercial_partner_id, company, document
        )

    @api.model
    def _prospect_refusal_message(self, kind, record, company, document=None):
        status = record.customer_status
        if status == "lead" and not company.prospect_use_leads:
            status = "prospect"
        situation = "suspended" if status == "suspended" else "pre"
        if status == "lead" and kind in ("quote", "confirm", "portal"):
            situation = "lead"
        site = record._name == "fsm.location"
        values = {
            "name": record.display_name,
            "company": company.display_name,
            "document": document.display_name if document else "",
        }
        key = (kind, situation, "site" if site else "customer")
        return self._prospect_refusal_messages().get(key, "") % values or _(
            "%(name)s (%(status)s) cannot have this document in %(company)s.",
            name=record.display_name,
            status=self._prospect_status_label(record.customer_status),
            company=company.display_name,
        )

    @api.model
    def _prospect_refusal_messages(self):
        """Every refusal, as a full sentence that names the way out."""
        return {
            # jobs
            ("job", "pre", "customer"): _(
                "Convert %(name)s to a customer before creating a job."
            ),
            ("job", "suspended", "customer"): _(
                "%(name)s is suspended: reactivate the customer before creating a job."
            ),
            ("job", "pre", "site"): _(
                "%(name)s is a prospect site: win a quote for it or activate it "
                "before creating a job."
            ),
            ("job", "suspended", "site"): _(
                "Site %(name)s is suspended: reactivate it before creating a job."
            ),
            # invoices
            ("invoice", "pre", "customer"): _(
                "Convert %(name)s to a customer before invoicing it."
            ),
            # assets
            ("asset", "pre", "customer"): _(
                "Convert %(name)s to a customer before registering an asset for it."
            ),
            ("asset", "pre", "site"): _(
                "%(name)s is a prospect site: win a quote for it or activate it "
                "before registering an asset there."
            ),
            # contracts
            ("contract", "pre", "customer"): _(
                "Convert %(name)s to a customer before creating a contract."
            ),
            ("contract", "suspended", "customer"): _(
                "%(name)s is suspended: reactivate the customer before creating "
                "a contract."
            ),
            # planned maintenance schedules
            ("ppm", "pre", "customer"): _(
                "Convert %(name)s to a customer before scheduling planned maintenance."
            ),
            ("ppm", "suspended", "customer"): _(
                "%(name)s is suspended: reactivate the customer before scheduling "
                "planned maintenance."
            ),
            ("ppm", "pre", "site"): _(
                "%(name)s is a prospect site: activate it before scheduling "
                "planned maintenance."
            ),
            ("ppm", "suspended", "site"): _(
                "Site %(name)s is suspended: reactivate it before scheduling "
                "planned maintenance."
            ),
            # quotes
            ("quote", "lead", "customer"): _(
                "%(name)s is a lead: make it a prospect before quoting it."
            ),
            ("quote", "suspended", "customer"): _(
                "%(name)s is suspended: reactivate the customer before quoting it."
            ),
            ("quote", "lead", "site"): _(
                "Site %(name)s is a lead site: make it a prospect site before "
                "quoting it."
            ),
            ("quote", "suspended", "site"): _(
                "Site %(name)s is suspended: reactivate it before quoting it."
            ),
            ("ppm_quote", "pre", "customer"): _(
                "%(name)s is not an active customer yet: planned-maintenance "
                "products are quoted to active customers only. Convert %(name)s "
                "first, or remove the planned-maintenance lines."
            ),
            ("ppm_quote", "suspended", "customer"): _(
                "%(name)s is suspended: reactivate the customer before quoting "
                "planned maintenance."
            ),
            ("ppm_quote", "pre", "site"): _(
                "%(name)s is a prospect site: planned-maintenance products are "
                "quoted for active sites only. Activate the site first, or remove "
                "the planned-maintenance lines."
            ),
            ("ppm_quote", "suspended", "site"): _(
                "Site %(name)s is suspended: reactivate it before quoting planned "
                "maintenance."
            ),
            # confirming quotes
            ("confirm", "lead", "customer"): _(
                "%(name)s is a lead: make it a prospect before confirming a quote."
            ),
            ("confirm", "pre", "customer"): _(
                "Confirming %(document)s would make %(name)s a customer, but "
                "%(company)s does not activate prospects on confirmation: convert "
                "%(name)s with Convert to Customer first."
            ),
            ("confirm", "suspended", "customer"): _(
                "%(name)s is suspended: reactivate the customer before confirming "
                "a quote."
            ),
            ("confirm", "lead", "site"): _(
                "Site %(name)s is a lead site: make it a prospect site before "
                "confirming a quote for it."
            ),
            ("confirm", "pre", "site"): _(
                "Confirming %(document)s would activate the prospect site "
                "%(name)s, but %(company)s does not activate prospects on "
                "confirmation: activate the site first."
            ),
            ("confirm", "suspended", "site"): _(
                "Site %(name)s is suspended: reactivate it before confirming a "
                "quote for it."
            ),
            # portal
            ("portal", "lead", "customer"): _(
                "%(name)s is a lead: leads never get portal access."
            ),
            ("portal", "pre", "customer"): _(
                "%(name)s is a prospect: %(company)s does not give portal access "
                "to prospects. Convert it first, or allow portal access for "
                "prospects in Settings › Sales › Prospects."
            ),
        }

    # -------------------------------------------------------------- import
    @api.model
    def get_import_templates(self):
        return super().get_import_templates() + [
            {
                "label": _("Import Template for Customers with a Status"),
                "template": "/prospect_management/static/xls/"
                "prospect_customers_import.xlsx",
            },
            {
                "label": _("Import Template for Customers with a Status (CSV)"),
                "template": "/prospect_management/static/xls/"
                "prospect_customers_import.csv",
            },
        ]
