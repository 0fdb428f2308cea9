# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Retention: lost prospects and untouched leads are erased after the
company's retention period, or anonymised when they hold documents.

OCA's ``privacy_partner_to_be_forgotten`` was weighed and not used: it works
one partner at a time (several searches and a bus message per attachment for
each), and for a company it only renames and archives it, keeping its email,
phones, address and VAT, which is what a prospect company mostly is.
"""

import logging

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from .prospect_status_mixin import PRE_CUSTOMER

_logger = logging.getLogger(__name__)

# what anonymising clears on the prospect, its contacts and its sites
ANONYMISED_FIELDS = {
    "email": False,
    "phone": False,
    "mobile": False,
    "street": False,
    "street2": False,
    "zip": False,
    "city": False,
    "state_id": False,
    "country_id": False,
    "vat": False,
    "website": False,
    "comment": False,
    "function": False,
    "title": False,
    "image_1920": False,
    "partner_latitude": False,
    "partner_longitude": False,
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    prospect_anonymised_date = fields.Datetime(
        string="Anonymised On",
        readonly=True,
        copy=False,
        help="Set when the retention period anonymised this former prospect: "
        "its documents are kept, its personal data is gone.",
    )

    # ------------------------------------------------------------- the plan
    @api.model
    def _prospect_retention_plan(self, companies=None, partners=None):
        """Who the retention period erases, anonymises or cannot touch.

        :param companies: the companies whose period applies (default: every
            company with a period)
        :param partners: look only at these partners (default: all)
        :return: list of dicts ``partner``, ``company``, ``action`` (``erase``,
            ``anonymise`` or ``blocked``), ``reason``, ``last_touch``; a
            constant number of queries, whatever the number of candidates
        """
        Company = self.env["res.company"].sudo()
        if companies is None:
            companies = Company.search([("prospect_retention_months", ">", 0)])
        companies = companies.filtered(
            lambda c: c.prospect_enabled and c.prospect_retention_months > 0
        )
        if not companies:
            return []
        now = fields.Datetime.now()
        cutoffs = {
            company: now - relativedelta(months=company.prospect_retention_months)
            for company in companies
        }
        # shared partners (no company) follow the main company, as the
        # stale follow-up does
        main = self.env.ref("base.main_company", raise_if_not_found=False)
        per_company = [
            [("company_id", "=", company.id), ("write_date", "<", cutoff)]
            for company, cutoff in cutoffs.items()
        ]
        if main in cutoffs:
            per_company.append(
                [("company_id", "=", False), ("write_date", "<", cutoffs[main])]
            )
        domain = expression.AND(
            [
                expression.OR(per_company),
                [
                    ("parent_id", "=", False),
                    ("customer_status", "in", PRE_CUSTOMER),
                    ("prospect_anonymised_date", "=", False),
                    ("activity_ids", "=", False),
                    "|",
                    ("prospect_stage_id.stage_type", "=", "lost"),
                    ("customer_status", "=", "lead"),
                ],
            ]
        )
        if partners is not None:
            domain = expression.AND([domain, [("id", "in", partners.ids)]])
        candidates = self.sudo().with_context(active_test=False).search(domain)
        if not candidates:
            return []

        def company_of(partner):
            return partner.company_id or main

        # a message newer than the period is a touch, as a write is
        last_message = dict(
            self.env["mail.message"]
            .sudo()
            ._read_group(
                [("model", "=", "res.partner"), ("res_id", "in", candidates.ids)],
                ["res_id"],
                ["date:max"],
            )
        )
        candidates = candidates.filtered(
            lambda p: (
                not last_message.get(p.id)
                or last_message[p.id] < cutoffs[company_of(p)]
            )
        )
        if not candidates:
            return []
        family, sites = candidates._prospect_family()
        held = {}
        for holder, kind, company in family._prospect_holdings(sites, every=True):
            owner = holder.owner_id if holder._name == "fsm.location" else holder
            # every order counts once, whatever the guard's kind of quote
            kind = "quote" if kind in ("ppm_quote", "confirm") else kind
            held.setdefault(owner.commercial_partner_id, []).append((kind, company))
        kinds = self._prospect_document_labels()
        plan = []
        for partner in candidates:
            company = company_of(partner)
            line = {
                "partner": partner,
                "company": company,
                "last_touch": max(
                    partner.write_date,
                    last_message.get(partner.id) or partner.write_date,
                ),
            }
            documents = held.get(partner, [])
            foreign = self.env["res.company"].union(
                *(c for __, c in documents if c and c != company)
            )
            if foreign:
                line["action"] = "blocked"
                line["reason"] = self.env._(
                    "It holds documents of %(companies)s, which this company's "
                    "retention period does not decide on.",
                    companies=", ".join(sorted(foreign.mapped("display_name"))),
                )
            elif any(kind == "portal" for kind, __ in documents):
                line["action"] = "blocked"
                line["reason"] = self.env._(
                    "It or one of its contacts has a user account: remove the "
                    "access first."
                )
            elif documents:
                line["action"] = "anonymise"
                line["reason"] = self.env._(
                    "It holds %(documents)s: they are kept, its personal data "
                    "is cleared.",
                    documents=", ".join(
                        sorted({kinds.get(kind, kind) for kind, __ in documents})
                    ),
                )
            else:
                line["action"] = "erase"
                line["reason"] = self.env._(
                    "No quote, job, invoice or contract: deleted with its "
                    "contacts and sites."
                )
            plan.append(line)
        return plan

    def _prospect_family(self):
        """These partners with their contacts (archived ones too), and the
        sites any of them owns."""
        family = self.with_context(active_test=False).search(
            [("id", "child_of", self.ids)]
        )
        sites = (
            self.env["fsm.location"]
            .sudo()
            .with_context(active_test=False)
            .search([("owner_id", "in", family.ids)])
        )
        return family, sites

    # ------------------------------------------------------------ the run
    def _prospect_retention_apply(self, plan=None):
        """Erase or anonymise these partners as the retention plan says.

        Refused, nothing changed, when one of them is not due or is blocked
        (documents of another company, a user account).
        """
        if plan is None:
            plan = self._prospect_retention_plan(partners=self)
        planned = {line["partner"]: line for line in plan}
        refused = [
            (partner, planned[partner]["reason"])
            if partner in planned
            else (
                partner,
                self.env._(
                    "It is not due: only lost prospects and untouched leads "
                    "older than the retention period are."
                ),
            )
            for partner in self
            if partner not in planned or planned[partner]["action"] == "blocked"
        ]
        if refused:
            raise UserError(
                self.env._(
                    "Nothing was erased or anonymised:\n%(refused)s",
                    refused="\n".join(
                        f"- {partner.display_name}: {reason}"
                        for partner, reason in refused[:10]
                    ),
                )
            )
        erase = self.browse(
            [p.id for p in self if planned[p]["action"] == "erase"]
        ).sudo()
        anonymise = self.browse(
            [p.id for p in self if planned[p]["action"] == "anonymise"]
        ).sudo()
        anonymise._prospect_anonymise()
        erase.unlink()
        return erase, anonymise

    @api.model
    def _prospect_retention_run(self, companies, partners=None):
        """Erase and anonymise who is due in ``companies`` (among
        ``partners``), leaving out who the plan keeps.

        :return: (erased, anonymised)
        """
        plan = [
            line
            for line in self._prospect_retention_plan(companies, partners)
            if line["action"] != "blocked"
        ]
        due = self.browse([line["partner"].id for line in plan])
        return due._prospect_retention_apply(plan)

    @api.model
    def _cron_prospect_retention(self):
        """Daily: apply each company's retention period, once a manager has
        reviewed who it takes (Settings › Prospects › Retention)."""
        companies = (
            self.env["res.company"]
            .sudo()
            .search(
                [
                    ("prospect_retention_months", ">", 0),
                    ("prospect_retention_reviewed", "=", True),
                ]
            )
        )
        erased, anonymised = self._prospect_retention_run(companies)
        _logger.info(
            "Prospect retention: %s erased, %s anonymised", len(erased), len(anonymised)
        )
        return erased, anonymised

    def _prospect_anonymise(self):
        """Clear the personal data of these former prospects, their contacts
        and their sites; keep their documents (and the amounts on them).

        Set-based: the same values for every partner (one write), one write of
        their chatters' messages, one unlink of their attachments and of their
        tracked old values.
        """
        if not self:
            return
        family, sites = self._prospect_family()
        partners = family | sites.partner_id
        name = self.env._("Anonymised prospect")
        # the blacklist keeps its entries: do-not-contact outlives the data
        partners.with_context(tracking_disable=True, mail_notrack=True).write(
            dict(
                ANONYMISED_FIELDS,
                name=name,
                active=False,
                prospect_anonymised_date=fields.Datetime.now(),
            )
        )
        sites.with_context(tracking_disable=True).write(
            {"direction": False, "description": False, "notes": False}
        )
        Message = self.env["mail.message"].sudo()
        chatter = Message.search(
            [
                "|",
                "&",
                ("model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                "&",
                ("model", "=", "fsm.location"),
                ("res_id", "in", sites.ids),
            ]
        )
        self.env["mail.tracking.value"].sudo().search(
            [("mail_message_id", "in", chatter.ids)]
        ).unlink()
        self.env["ir.attachment"].sudo().search(
            [
                "|",
                "|",
                "&",
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                "&",
                ("res_model", "=", "fsm.location"),
                ("res_id", "in", sites.ids),
                "&",
                ("res_model", "=", "mail.message"),
                ("res_id", "in", chatter.ids),
            ]
        ).unlink()
        chatter.write(
            {
                "body": Markup("<p>%s</p>")
                % self.env._("Removed by the retention period."),
                "subject": False,
                "email_from": False,
                "reply_to": False,
                "record_name": name,
            }
        )
        # what they wrote on other records (a quote's chatter) keeps its
        # text, but no longer their address
        Message.search(
            [("author_id", "in", partners.ids), ("email_from", "!=", False)]
        ).write({"email_from": False})

    @api.model
    def _prospect_demo_age(self, partner_ids, months):
        """Demo data: these prospects were last touched ``months`` ago (their
        write date and chatter), so that the retention preview has something
        to show."""
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE res_partner
                  SET write_date = now() at time zone 'UTC'
                                   - make_interval(months => %(months)s)
                WHERE id = ANY(%(ids)s)""",
            {"months": int(months), "ids": list(partner_ids)},
        )
        self.env.cr.execute(
            """UPDATE mail_message
                  SET date = now() at time zone 'UTC'
                             - make_interval(months => %(months)s)
                WHERE model = 'res.partner' AND res_id = ANY(%(ids)s)""",
            {"months": int(months), "ids": list(partner_ids)},
        )
        self.env.invalidate_all()
