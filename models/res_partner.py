# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .prospect_status_mixin import LIVE, PRE_CUSTOMER


class ResPartner(models.Model):
    """The customer status of partners and its lifecycle (SPEC §4, §5).

    The other concerns of res.partner live in files of their own: the
    pipeline (res_partner_pipeline), likely duplicates
    (res_partner_duplicates), conversion (res_partner_conversion), deletion
    (res_partner_deletion), partner-side moves (res_partner_moves) and the
    short cuts taken on base's commercial sync (res_partner_sync).
    """

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

    def _compute_field_value(self, field):
        # A status change is tracked where it is made, by write(). The
        # compute only fills new records and copies a company's status onto
        # its contacts and site addresses: tracking that again would give
        # each contact a message of its own, a query per contact.
        records = self
        if field.name == "customer_status":
            records = self.with_context(mail_notrack=True)
        return super(ResPartner, records)._compute_field_value(field)

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
        # The Prospects menu creates prospects by default (default_is_prospect).
        # That default only fills a status nobody gave: a status sent with the
        # record (a form, an imported row) is where the new record starts,
        # never a transition away from it.
        context = self.env.context
        by_default = context.get("default_is_prospect")
        # the whole context without that key: a default of False would also
        # be cached as the new records' is_prospect
        model = self.with_context(  # pylint: disable=context-overridden
            {k: v for k, v in context.items() if k != "default_is_prospect"}
        )
        for vals in vals_list:
            if "is_prospect" in vals:
                if vals.pop("is_prospect") and vals.get("customer_status") in (
                    None,
                    False,
                    "lead",
                ):
                    vals["customer_status"] = "prospect"
            elif by_default and not vals.get("customer_status"):
                vals["customer_status"] = "prospect"
            if vals.get("parent_id") and not vals.get("is_company"):
                # contacts take their company's status, whatever was sent
                vals.pop("customer_status", None)
        partners = super(ResPartner, model).create(vals_list)
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
        by_customer = orders.grouped(lambda o: o.partner_id.commercial_partner_id)
        self._message_log_batch(
            {
                customer.id: escape(orders._prospect_won_note(by_customer[customer]))
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

    def _prospect_status_change_text(self, old, new_status):
        info = super()._prospect_status_change_text(old, new_status)
        if old not in PRE_CUSTOMER:
            return info
        sites = self.env["fsm.location"].search_count(
            [
                ("owner_id.commercial_partner_id", "=", self.id),
                ("customer_status", "in", PRE_CUSTOMER),
            ]
        )
        if sites:
            info["body"] += " " + self.env._(
                "Its prospect sites (%(count)s) become active too.", count=sites
            )
        info["body"] += " " + self.env._(
            "To also choose the salesperson, the branch, the contacts kept and a "
            "follow-up, use the conversion wizard instead."
        )
        info["wizard"] = True
        return info

    # -------------------------------------------------------------- policy
    def _prospect_check(self, kind, company=None, document=None):
        """Refuse a document of ``kind`` for these customers in ``company``."""
        company = company or self.env.company
        self._prospect_check_records(
            kind, self.commercial_partner_id, company, document
        )

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
