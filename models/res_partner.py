# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import datetime, timedelta

import pytz
from markupsafe import escape

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.osv import expression
from odoo.tools import SQL, email_normalize

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from .prospect_stage import POTENTIALS
from .prospect_status_mixin import LIVE, PRE_CUSTOMER

# Providers whose domain says nothing about the company behind an address.
PUBLIC_EMAIL_DOMAINS = frozenset(
    {
        "aol.com",
        "btinternet.com",
        "free.fr",
        "gmail.com",
        "googlemail.com",
        "gmx.com",
        "gmx.de",
        "gmx.net",
        "hotmail.co.uk",
        "hotmail.com",
        "hotmail.fr",
        "icloud.com",
        "laposte.net",
        "live.com",
        "mail.com",
        "me.com",
        "msn.com",
        "orange.fr",
        "outlook.com",
        "proton.me",
        "protonmail.com",
        "sky.com",
        "web.de",
        "yahoo.co.uk",
        "yahoo.com",
        "yahoo.fr",
        "yandex.com",
    }
)
# Words that do not tell two companies apart ("ACME Ltd" is "ACME Limited").
LEGAL_SUFFIXES = frozenset(
    {
        "ag",
        "bv",
        "co",
        "company",
        "corp",
        "corporation",
        "gmbh",
        "inc",
        "limited",
        "llc",
        "llp",
        "ltd",
        "nv",
        "plc",
        "sa",
        "sarl",
        "sas",
        "spa",
        "srl",
        "the",
    }
)
PHONE_MATCH_DIGITS = 8
PROSPECT_DUPLICATE_LIMIT = 10
PROSPECT_CANDIDATE_LIMIT = 200


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
        compute="_compute_prospect_since",
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
    prospect_map_url = fields.Char(
        string="Map",
        compute="_compute_prospect_map_url",
        help="The GPS coordinates on a map.",
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

    def _compute_field_value(self, field):
        # A status change is tracked where it is made, by write(). The
        # compute only fills new records and copies a company's status onto
        # its contacts and site addresses: tracking that again would give
        # each contact a message of its own, a query per contact.
        records = self
        if field.name == "customer_status":
            records = self.with_context(mail_notrack=True)
        return super(ResPartner, records)._compute_field_value(field)

    # Two computes, not one: Odoo skips every field of a compute method when
    # one of them is given at create (a stage set by the kanban column or an
    # import would leave the prospect without its prospect-since date).
    @api.depends("customer_status")
    def _compute_prospect_pipeline(self):
        """Place new leads and prospects in the first stage of the pipeline."""
        stages = {}
        for partner in self._prospect_pipeline_entries():
            if partner.prospect_stage_id:
                continue
            company = partner.company_id or self.env.company
            if company not in stages:
                stages[company] = self.env["prospect.stage"]._prospect_stage_for(
                    "open", company
                )
            partner.prospect_stage_id = stages[company]

    @api.depends("customer_status")
    def _compute_prospect_since(self):
        today = fields.Date.context_today(self)
        for partner in self._prospect_pipeline_entries():
            partner.prospect_since = partner.prospect_since or today

    def _prospect_pipeline_entries(self):
        """Leads and prospects that carry a pipeline (not their contacts)."""
        return self.filtered(
            lambda p: (
                p.customer_status in PRE_CUSTOMER
                and not (p.parent_id and not p.is_company)
            )
        )

    @api.depends("partner_latitude", "partner_longitude")
    def _compute_prospect_map_url(self):
        for partner in self:
            lat, lon = partner.partner_latitude, partner.partner_longitude
            partner.prospect_map_url = (
                f"https://www.openstreetmap.org/?mlat={lat:.6f}&mlon={lon:.6f}"
                f"#map=17/{lat:.6f}/{lon:.6f}"
                if lat or lon
                else False
            )

    @api.depends("prospect_since", "prospect_converted_date")
    def _compute_prospect_days_to_convert(self):
        for partner in self:
            if partner.prospect_since and partner.prospect_converted_date:
                # prospect_since is the user's date (context_today): compare it
                # with the user's date of the conversion, not the UTC one
                converted = fields.Datetime.context_timestamp(
                    partner, partner.prospect_converted_date
                ).date()
                delta = converted - partner.prospect_since
                partner.prospect_days_to_convert = max(delta.days, 0)
            else:
                partner.prospect_days_to_convert = 0

    @api.model
    def _read_group_prospect_stage_ids(self, stages, domain):
        return stages.search([])

    def _read_group_groupby(self, groupby_spec, query):
        """The activity bar of the pipeline, from each partner's own activities.

        mail groups *every* open activity of every partner in a subquery,
        then joins it: with a million customers, the whole activity table
        for a pipeline of a few thousand prospects (its time grows with the
        database, not with the pipeline).  The same states, from a LATERAL
        subquery on each grouped partner's activities (index on res_id).
        """
        if groupby_spec != "activity_state":
            return super()._read_group_groupby(groupby_spec, query)
        self.check_field_access_rights("read", ["activity_state"])
        self.env["mail.activity"].flush_model(
            ["res_model", "res_id", "user_id", "user_tz", "date_deadline", "active"]
        )
        self.env["res.users"].flush_model(["partner_id"])
        self.env["res.partner"].flush_model(["tz"])
        tz = self.env.context.get("tz")
        days = SQL(
            "min(EXTRACT(day FROM (activity.date_deadline - DATE_TRUNC('day', "
            "%s AT TIME ZONE COALESCE(activity.user_tz, %s)))))",
            datetime.now(tz=pytz.utc),
            tz if tz in pytz.all_timezones_set else "UTC",
        )
        alias = query.make_alias(self._table, "last_activity_state")
        query.add_join(
            "LEFT JOIN",
            alias,
            SQL(
                "LATERAL (SELECT CASE WHEN %(days)s > 0 THEN 'planned' "
                "WHEN %(days)s < 0 THEN 'overdue' "
                "WHEN %(days)s = 0 THEN 'today' END AS activity_state "
                "FROM mail_activity activity WHERE activity.res_model = %(model)s "
                "AND activity.active AND activity.res_id = %(partner)s)",
                days=days,
                model=self._name,
                partner=SQL.identifier(self._table, "id"),
            ),
            SQL("TRUE"),
        )
        return SQL.identifier(alias, "activity_state")

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

    def _fields_sync(self, values):
        # _prospect_reparent() syncs these partners itself, all at once
        synced = self.env.context.get("prospect_synced_ids")
        if synced and set(self.ids) <= set(synced):
            return
        # Base syncs a new parent, the commercial fields and the address;
        # a write of none of them (a status change, a pipeline stamp) has
        # nothing to sync, but base would still look up the contacts of
        # each partner written, a query per partner.
        if not values.keys() & self._prospect_synced_fields():
            return
        return super()._fields_sync(values)

    def _prospect_synced_fields(self):
        """The fields whose change base's _fields_sync() acts upon."""
        return {
            "parent_id",
            "type",
            *self._commercial_fields(),
            *self._address_fields(),
        }

    def _prospect_reparent(self, parent):
        """Hang these partners under ``parent`` with what base's write does
        when parent_id changes: the commercial fields synced from the new
        commercial entity, and a contact's address from its new parent.

        Base does it partner by partner (two writes each, and product's
        pricelist inverse searches each time): 8 ms and several queries per
        site moved by a conversion. Partners moved under one parent all
        receive the same values, so here they get them in one write each.
        Partners with contacts of their own keep base's way: their
        contacts must follow.
        """
        batch = self.filtered(lambda p: not p.child_ids)
        (self - batch).write({"parent_id": parent.id})
        if not batch:
            return
        batch = batch.with_context(prospect_synced_ids=tuple(batch.ids))
        batch.write({"parent_id": parent.id})
        synced = batch.filtered(lambda p: p.commercial_partner_id != p).sudo()
        commercial = parent.sudo().commercial_partner_id
        values = commercial._update_fields_values(self._commercial_fields())
        pricelist = values.pop("property_product_pricelist", None)
        if synced and values:
            synced.write(values)
        if pricelist:
            # product's inverse stores the pricelist as a company-dependent
            # value unless it is the default of the partner's country; with a
            # pricelist given, the outcome depends on the country alone: it
            # runs once per country, and the others get what it stored.
            for group in synced.grouped("country_id").values():
                group[0].write({"property_product_pricelist": pricelist})
                group[1:].write(
                    {
                        "specific_property_product_pricelist": (
                            group[0].specific_property_product_pricelist.id
                        )
                    }
                )
        elif pricelist is not None:
            # no pricelist to give: the inverse only clears pricelists set
            # on the partners themselves, the others have nothing to change
            synced.filtered("specific_property_product_pricelist").write(
                {"property_product_pricelist": False}
            )
        contacts = batch.filtered(lambda p: p.type == "contact")
        address = contacts[:1].onchange_parent_id() or {}
        if address.get("value"):
            contacts.update_address(address["value"])

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

    # ================================================================
    # Conversion, duplicates, stale prospects and deletion (SPEC §8, §9)
    # ================================================================
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        ondelete="set null",
        index="btree_not_null",
        help="Sales team (branch) that works with this customer; chosen when "
        "a prospect is converted.",
    )
    prospect_origin_count = fields.Integer(
        string="Converted Prospects Count",
        compute="_compute_prospect_origin_count",
    )
    prospect_duplicate_ids = fields.Many2many(
        "res.partner",
        string="Likely Duplicates",
        compute="_compute_prospect_duplicate_ids",
        help="Existing companies with the same VAT number, email, phone or a "
        "similar name.",
    )
    prospect_duplicate_count = fields.Integer(
        string="Likely Duplicates Count",
        compute="_compute_prospect_duplicate_ids",
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

    @api.depends(
        "name", "vat", "email", "phone", "mobile", "customer_status", "parent_id"
    )
    def _compute_prospect_duplicate_ids(self):
        prospects = self.filtered(
            lambda p: p.customer_status in PRE_CUSTOMER and p._prospect_is_entity()
        )
        similar = prospects._prospect_similar_partners(limit=PROSPECT_DUPLICATE_LIMIT)
        for partner in self:
            duplicates = [match for match, _score in similar.get(partner, [])]
            partner.prospect_duplicate_ids = [Command.set([d.id for d in duplicates])]
            partner.prospect_duplicate_count = len(duplicates)

    def _prospect_contacts(self):
        """Contacts and addresses of these companies, without their sites."""
        return self.child_ids.filtered(
            lambda c: c.type != "fsm_location" and not c.fsm_location
        )

    def _prospect_is_entity(self):
        self.ensure_one()
        return self.is_company or not self.parent_id

    # ------------------------------------------------------ likely matches
    def _prospect_match_keys(self):
        """What identifies the company behind this partner, normalised."""
        self.ensure_one()
        email = email_normalize(self.email or "") or ""
        domain = email.rpartition("@")[2]
        phones = {
            digits[-PHONE_MATCH_DIGITS:]
            for digits in (
                re.sub(r"\D", "", self.phone or ""),
                re.sub(r"\D", "", self.mobile or ""),
            )
            if len(digits) >= PHONE_MATCH_DIGITS
        }
        words = [
            word
            for word in re.findall(r"\w+", (self.name or "").lower())
            if word not in LEGAL_SUFFIXES
        ]
        name = " ".join(words)
        return {
            "vat": re.sub(r"[\s.\-]", "", self.vat or "").upper(),
            "email": email,
            "domain": domain if domain and domain not in PUBLIC_EMAIL_DOMAINS else "",
            "phones": phones,
            "name": name if len(name) >= 3 else "",
        }

    @api.model
    def _prospect_match_score(self, keys, candidate):
        """How strongly ``candidate`` looks like the company of ``keys``
        (0: not at all).  VAT outweighs email, which outweighs phone and name."""
        score = 0
        vat = re.sub(r"[\s.\-]", "", candidate.vat or "").upper()
        if keys["vat"] and vat == keys["vat"]:
            score += 8
        email = email_normalize(candidate.email or "") or ""
        if keys["email"] and email == keys["email"]:
            score += 6
        elif keys["domain"] and email.rpartition("@")[2] == keys["domain"]:
            score += 4
        digits = {
            re.sub(r"\D", "", number or "")[-PHONE_MATCH_DIGITS:]
            for number in (candidate.phone, candidate.mobile)
        }
        if keys["phones"] & digits:
            score += 3
        if keys["name"] and keys["name"] in (candidate.name or "").lower():
            score += 2
        return score

    def _prospect_similar_partners(self, domain=None, limit=None):
        """Companies that look like each of ``self``, best match first.

        One search for the whole recordset (a cheap pre-filter on VAT, email,
        email domain, phone digits and name), then a score in Python.

        :param domain: restricts the candidates (e.g. live customers only)
        :return: {partner: [(candidate, score), ...]} best first
        """
        keys = {partner: partner._prospect_match_keys() for partner in self}
        leaves = []
        for key in keys.values():
            if key["vat"]:
                leaves.append([("vat", "=ilike", key["vat"])])
            if key["email"]:
                leaves.append([("email", "=ilike", key["email"])])
            if key["domain"]:
                leaves.append([("email", "=ilike", f"%@{key['domain']}")])
            for digits in key["phones"]:
                # digits in order, whatever the spaces and dashes between them
                pattern = "%" + "%".join(digits)
                leaves.append([("phone", "=like", pattern)])
                leaves.append([("mobile", "=like", pattern)])
            if key["name"]:
                leaves.append([("name", "ilike", key["name"])])
        if not leaves:
            return {}
        candidates = self.search(
            expression.AND(
                [
                    expression.OR(leaves),
                    [
                        ("commercial_partner_id", "not in", self._origin.ids),
                        "|",
                        ("is_company", "=", True),
                        ("parent_id", "=", False),
                        ("fsm_location", "=", False),
                    ],
                    domain or [],
                ]
            ),
            limit=PROSPECT_CANDIDATE_LIMIT,
        )
        result = {}
        for partner, key in keys.items():
            scored = [(c, self._prospect_match_score(key, c)) for c in candidates]
            scored = sorted(
                (pair for pair in scored if pair[1]),
                key=lambda pair: (-pair[1], pair[0].name or "", pair[0].id),
            )
            result[partner] = scored[:limit] if limit else scored
        return result

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

    def action_view_prospect_duplicates(self):
        self.ensure_one()
        return self.prospect_duplicate_ids._get_records_action(
            name=_("Likely Duplicates of %(partner)s", partner=self.display_name)
        )

    # -------------------------------------------------------------- pipeline
    @api.constrains("prospect_stage_id")
    def _check_prospect_converted_stage(self):
        """The Converted stage is reached by converting, not by dragging."""
        for partner in self:
            if (
                partner.prospect_stage_id.stage_type == "converted"
                and partner.customer_status in PRE_CUSTOMER
                and not partner.prospect_customer_id
            ):
                raise ValidationError(
                    _(
                        "%(partner)s is still a %(status)s: it reaches the "
                        "%(stage)s stage when it is converted. Use “Convert to "
                        "Customer”, or win one of its quotes.",
                        partner=partner.display_name,
                        status=self._prospect_status_label(
                            partner.customer_status
                        ).lower(),
                        stage=partner.prospect_stage_id.display_name,
                    )
                )

    @api.model
    def _cron_prospect_stale_followup(self):
        """Give the salesperson one follow-up activity on every lead or
        prospect that nobody touched for the company's stale-prospect days.

        One search (all companies at once) and one batch of activities;
        prospects that already have an open activity are left alone.
        """
        now = fields.Datetime.now()
        companies = self.env["res.company"].search(
            [("prospect_enabled", "=", True), ("prospect_stale_days", ">", 0)]
        )
        if not companies:
            return self.env["mail.activity"]
        per_company = [
            [
                ("company_id", "=", company.id),
                ("write_date", "<", now - timedelta(days=company.prospect_stale_days)),
            ]
            for company in companies
        ]
        # shared partners (no company) follow the main company's setting
        default = self.env.ref("base.main_company", raise_if_not_found=False)
        if default in companies:
            per_company.append(
                [
                    ("company_id", "=", False),
                    (
                        "write_date",
                        "<",
                        now - timedelta(days=default.prospect_stale_days),
                    ),
                ]
            )
        stale = self.search(
            expression.AND(
                [
                    expression.OR(per_company),
                    [
                        ("customer_status", "in", PRE_CUSTOMER),
                        ("activity_ids", "=", False),
                        "|",
                        ("is_company", "=", True),
                        ("parent_id", "=", False),
                    ],
                ]
            )
        )
        if not stale:
            return self.env["mail.activity"]
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("res.partner")
        today = fields.Date.context_today(self)
        vals_list = []
        for partner in stale:
            days = (partner.company_id or default).prospect_stale_days
            user = partner.user_id or partner.create_uid
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": todo.id,
                    "summary": _("Follow up: no news for %(days)s days", days=days),
                    "note": escape(
                        _(
                            "%(partner)s has not been updated for %(days)s days. "
                            "Call, visit or move it along the pipeline.",
                            partner=partner.display_name,
                            days=days,
                        )
                    ),
                    "date_deadline": today,
                    "user_id": user.id,
                }
            )
        return (
            self.env["mail.activity"]
            .sudo()
            .with_context(mail_activity_quick_update=True)
            .create(vals_list)
        )

    # -------------------------------------------------------------- deletion
    def unlink(self):
        """A lead or prospect takes its own contacts and sites with it; one
        that has quotes is kept (archive it instead)."""
        prospects = self.filtered(
            lambda p: p.customer_status in PRE_CUSTOMER and p.commercial_partner_id == p
        )
        if prospects and not self.env.context.get(MODULE_UNINSTALL_FLAG):
            prospects._prospect_check_unlink()
            sites = (
                self.env["fsm.location"]
                .sudo()
                .with_context(active_test=False)
                .search([("owner_id", "child_of", prospects.ids)])
            )
            own = self.with_context(active_test=False).search(
                [("id", "child_of", prospects.ids), ("id", "not in", self.ids)]
            )
            site_partners = sites.partner_id
            sites.unlink()
            (site_partners | own).unlink()
        return super().unlink()

    def _prospect_check_unlink(self):
        orders = (
            self.env["sale.order"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [("partner_id", "child_of", self.ids)],
            )
        )
        if orders:
            partner = orders[0].partner_id.commercial_partner_id
            raise UserError(
                _(
                    "%(partner)s has quotes (%(orders)s) and cannot be deleted. "
                    "Archive it instead.",
                    partner=partner.display_name,
                    orders=", ".join(
                        orders.filtered(
                            lambda o: o.partner_id.commercial_partner_id == partner
                        )[:5].mapped("name")
                    ),
                )
            )
