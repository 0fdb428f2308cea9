# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .prospect_exceptions import ProspectConversionNeeded
from .prospect_status_mixin import PRE_CUSTOMER, STATUS_RANK


class ProspectStatusMixin(models.AbstractModel):
    """The policy: what a customer or a site of each status may have.

    One place decides "may a record in this status have a document of this
    kind in this company" (``_prospect_allowed``), for customers and sites
    alike; the guards of every document, the pickers and the partner-side
    moves all ask it.  The matrix and the refusals are methods, so that an
    addon extends them for its own databases only.
    """

    _inherit = "prospect.status.mixin"

    prospect_allowed_for = fields.Char(
        string="Allowed Documents",
        compute="_compute_prospect_allowed_for",
        search="_search_prospect_allowed_for",
        help="Kinds of documents this record may have in the current company "
        "(quote, job, invoice...). Search it with a kind, and the company of "
        "the document, as the pickers do: "
        "[('prospect_allowed_for', 'in', ['job', company_id])]; without a "
        "company, the current one decides.",
    )

    @api.depends("customer_status")
    @api.depends_context("company")
    def _compute_prospect_allowed_for(self):
        company = self.env.company
        kinds = self._prospect_matrix()
        for record in self:
            record.prospect_allowed_for = ",".join(
                kind
                for kind in kinds
                if self._prospect_allowed(record.customer_status, kind, company)
            )

    def _search_prospect_allowed_for(self, operator, value):
        """Records that may have a document of every kind given, in the
        document's company: ``'job'``, ``['job', 'quote']`` or, from a
        picker, ``['job', company_id]`` (a company id, or False for a new
        document without one yet: the current company)."""
        values = [value] if isinstance(value, str) else list(value or ())
        kinds = [v for v in values if isinstance(v, str)]
        company_ids = [v for v in values if isinstance(v, int) and v is not False]
        if operator not in ("=", "in") or not kinds:
            raise UserError(
                _("Search the allowed documents with one kind, e.g. 'job'.")
            )
        company = (
            self.env["res.company"].browse(company_ids[0])
            if company_ids
            else self.env.company
        )
        allowed = set(self._prospect_allowed_statuses(kinds[0], company))
        for kind in kinds[1:]:
            allowed &= set(self._prospect_allowed_statuses(kind, company))
        return self._prospect_allowed_domain(sorted(allowed))

    def _prospect_allowed_domain(self, statuses):
        """Domain of the records whose status is in ``statuses``."""
        if set(statuses) == set(STATUS_RANK):
            return []
        return [("customer_status", "in", statuses)]

    # ------------------------------------------------------------- matrix
    @api.model
    def _prospect_matrix(self):
        """The guard matrix of SPEC §4: which statuses may have a document of
        each kind.  Exceptions that depend on a company setting are decided in
        ``_prospect_allowed``, which every guard goes through.  Another addon
        adds a kind by extending the dictionary this returns."""
        return {
            "quote": ("prospect", "active"),
            "ppm_quote": ("active",),
            "confirm": ("prospect", "active"),
            "job": ("active",),
            # a field-service order of the company's survey type (a site
            # visit before the quote); without one, a survey is a job
            "survey": ("prospect", "active"),
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
        if kind == "survey" and not company.prospect_survey_type_id:
            kind = "job"
        return status in self._prospect_matrix()[kind]

    @api.model
    def _prospect_confirm_activates(self, status, company):
        """Does winning a quote make a customer or a site in ``status`` live
        in ``company``?  (Whether it may be won at all is ``confirm``.)"""
        return bool(
            company.prospect_enabled
            and status in PRE_CUSTOMER
            and self._prospect_allowed(status, "confirm", company)
        )

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
            message = self._prospect_refusal_message(kind, record, company, document)
            action = self._prospect_conversion_action(record)
            if action:
                raise ProspectConversionNeeded(
                    message, action, _("Convert to Customer"), action["context"]
                )
            raise UserError(message)

    @api.model
    def _prospect_conversion_action(self, record):
        """The conversion wizard on ``record``, when converting it is the way
        out of a refusal and the user may convert; else None."""
        if (
            record._name != "res.partner"
            or record.customer_status not in PRE_CUSTOMER
            or not self.env.user.has_group("prospect_management.group_prospect_manager")
        ):
            return None
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "prospect_management.action_prospect_convert_wizard"
        )
        action["context"] = {
            "active_model": "res.partner",
            "active_id": record.id,
            "active_ids": record.ids,
        }
        return action

    @api.model
    def _prospect_refusal_message(self, kind, record, company, document=None):
        status = record.customer_status
        if status == "lead" and not company.prospect_use_leads:
            status = "prospect"
        situation = "suspended" if status == "suspended" else "pre"
        if status == "lead" and kind in ("quote", "confirm", "portal", "survey"):
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
                "Convert %(name)s to a customer before creating a Field Service "
                "order (Sales › Prospects › Prospects: open %(name)s, then "
                "Convert to Customer)."
            ),
            ("job", "suspended", "customer"): _(
                "%(name)s is suspended: reactivate the customer before creating a "
                "Field Service order."
            ),
            ("job", "pre", "site"): _(
                "%(name)s is a prospect site: win a quote for it or activate it "
                "before creating a Field Service order."
            ),
            ("job", "suspended", "site"): _(
                "Site %(name)s is suspended: reactivate it before creating a Field "
                "Service order."
            ),
            # site surveys
            ("survey", "lead", "customer"): _(
                "%(name)s is a lead: make it a prospect before scheduling a site "
                "survey."
            ),
            ("survey", "lead", "site"): _(
                "Site %(name)s is a lead site: make it a prospect site before "
                "scheduling a site survey."
            ),
            ("survey", "suspended", "customer"): _(
                "%(name)s is suspended: reactivate the customer before scheduling "
                "a site survey."
            ),
            ("survey", "suspended", "site"): _(
                "Site %(name)s is suspended: reactivate it before scheduling a site "
                "survey."
            ),
            ("survey_invoice", "pre", "site"): _(
                "%(name)s is a prospect site: its site survey %(document)s cannot "
                "be invoiced before the prospect is a customer."
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

    # ------------------------------------------------ partner-side moves
    @api.model
    def _prospect_holder_label(self, holder):
        if holder._name == "fsm.location":
            return _("Site %(site)s", site=holder.display_name)
        # "Jane Foster", not "ACME Ltd, Jane Foster": the move changes the company
        return holder.name or holder.display_name

    @api.model
    def _prospect_check_held(self, held):
        """Refuse the first document held under a status that may not have it.

        :param held: [(holder label, kind, company, entity, status, action)]:
            who holds a document of ``kind`` in ``company``, the commercial
            entity it belongs to after the move and that entity's status, and
            what the user is doing ("moving Jane Foster under it")
        """
        for label, kind, company, entity, status, action in held:
            company = company or self.env.company
            if self._prospect_allowed(status, kind, company):
                continue
            if status == "suspended":
                way_out = _("reactivate %(entity)s", entity=entity.display_name)
            elif status == "lead" and self._prospect_allowed("prospect", kind, company):
                way_out = _("make %(entity)s a prospect", entity=entity.display_name)
            else:
                way_out = _(
                    "convert %(entity)s to a customer", entity=entity.display_name
                )
            raise UserError(
                _(
                    "%(holder)s has %(documents)s: %(way_out)s before %(action)s.",
                    holder=label,
                    documents=self._prospect_document_labels()[kind],
                    way_out=way_out,
                    action=action,
                )
            )

    @api.model
    def _prospect_document_labels(self):
        """What a partner holds, by kind of document, as a sentence says it."""
        return {
            "quote": _("quotes"),
            "ppm_quote": _("planned-maintenance quotes"),
            "confirm": _("confirmed quotes"),
            "job": _("field service orders"),
            "survey": _("site surveys"),
            "invoice": _("invoices"),
            "asset": _("equipment"),
            "contract": _("contracts"),
            "ppm": _("planned-maintenance schedules"),
            "portal": _("portal access"),
        }
