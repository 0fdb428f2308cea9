# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.fields import Command
from odoo.osv import expression

from . import prospect_matching as matching
from .prospect_status_mixin import PRE_CUSTOMER

PROSPECT_DUPLICATE_LIMIT = 10
PROSPECT_CANDIDATE_LIMIT = 200


class ResPartner(models.Model):
    """Likely duplicates of a prospect (same VAT, email, phone or a similar
    name), on its form and as the conversion wizard's suggestions; the rules
    themselves are the plain functions of prospect_matching."""

    _inherit = "res.partner"

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

    @api.depends(
        "name",
        "vat",
        "email",
        "phone",
        "mobile",
        "customer_status",
        "parent_id",
        "prospect_customer_id",
    )
    def _compute_prospect_duplicate_ids(self):
        # a converted prospect is history, not a duplicate of its customer;
        # a customer being created is checked whatever its status, so that
        # one created from a picker (an invoice's customer...) beside a
        # prospect of the same name is warned about too
        prospects = self.filtered(
            lambda p: (
                (p.customer_status in PRE_CUSTOMER or not p._origin)
                and p._prospect_is_entity()
                and not p.prospect_customer_id
            )
        )
        similar = prospects._prospect_similar_partners(limit=PROSPECT_DUPLICATE_LIMIT)
        for partner in self:
            duplicates = [match for match, _score in similar.get(partner, [])]
            partner.prospect_duplicate_ids = [Command.set([d.id for d in duplicates])]
            partner.prospect_duplicate_count = len(duplicates)

    def _prospect_is_entity(self):
        self.ensure_one()
        return self.is_company or not self.parent_id

    # ------------------------------------------------------ likely matches
    def _prospect_match_keys(self):
        """What identifies the company behind this partner, normalised."""
        self.ensure_one()
        return matching.match_keys(
            self.name, self.vat, self.email, self.phone, self.mobile
        )

    @api.model
    def _prospect_match_score(self, keys, candidate):
        """How strongly ``candidate`` looks like the company of ``keys``
        (0: not at all).  VAT outweighs email, which outweighs phone and name."""
        return matching.match_score(
            keys,
            candidate.name,
            candidate.vat,
            candidate.email,
            candidate.phone,
            candidate.mobile,
        )

    def _prospect_similar_partners(self, domain=None, limit=None):
        """Companies that look like each of ``self``, best match first.

        One search for the whole recordset (a cheap pre-filter on VAT, email,
        email domain, phone digits and name), then a score in Python.

        :param domain: restricts the candidates (e.g. live customers only)
        :return: {partner: [(candidate, score), ...]} best first
        """
        keys = {partner: partner._prospect_match_keys() for partner in self}
        leaves = [
            leaf for key in keys.values() for leaf in matching.candidate_domains(key)
        ]
        if not leaves:
            return {}
        candidates = self.search(
            expression.AND(
                [
                    expression.OR(leaves),
                    [
                        ("commercial_partner_id", "not in", self._origin.ids),
                        ("prospect_customer_id", "=", False),
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

    @api.depends("prospect_customer_id")
    def _compute_same_vat_partner_id(self):
        """Odoo's "a partner with the same Tax ID already exists" leaves out
        the conversion's own pair: a customer and the (archived) prospects
        converted into it, which share its Tax ID by design."""
        res = super()._compute_same_vat_partner_id()
        Partner = self.with_context(active_test=False).sudo()
        for partner in self:
            match = partner.same_vat_partner_id
            if not match:
                continue
            partner_id = partner._origin.id
            related = partner.prospect_customer_id
            if partner_id:
                related |= Partner.search(
                    [("prospect_customer_id", "in", [partner_id, *related.ids])]
                )
            if match not in related:
                continue
            domain = [("vat", "=", partner.vat), ("id", "not in", related.ids)]
            if partner.company_id:
                domain += [("company_id", "in", [False, partner.company_id.id])]
            if partner_id:
                domain += [
                    ("id", "!=", partner_id),
                    "!",
                    ("id", "child_of", partner_id),
                ]
            partner.same_vat_partner_id = Partner.search(domain, limit=1)
        return res

    def action_view_prospect_duplicates(self):
        self.ensure_one()
        return self.prospect_duplicate_ids._get_records_action(
            name=_("Likely Duplicates of %(partner)s", partner=self.display_name)
        )
