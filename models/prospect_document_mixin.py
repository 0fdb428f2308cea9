# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ProspectDocumentMixin(models.AbstractModel):
    """A document that the customer status keeps away from pre-customers.

    A guarded model says which of its fields point to a customer or a site
    for each kind of document it is (``_prospect_guarded``); then

    - ``_prospect_guard()``, called from its constraint, refuses what the
      policy refuses, whatever path wrote the document;
    - ``_prospect_holdings()`` says which documents a partner or a site
      already holds, so that a partner-side move (a contact put under
      another company, a site given to another owner, a merge) is decided
      by the same policy as the document itself.

    Both cost a constant number of queries, whatever the number of records.
    """

    _name = "prospect.document.mixin"
    _description = "Document guarded by the customer status"

    @api.model
    def _prospect_guarded(self):
        """[(kind, customer fields, site fields)] that this model guards."""
        return []

    def _prospect_documents(self, kind):
        """The records of ``self`` that are documents of ``kind``."""
        return self

    @api.model
    def _prospect_held_domain(self, kind):
        """The documents of ``kind`` that a partner or a site holds."""
        return []

    def _prospect_document_company(self):
        """The company whose policy decides on this document."""
        return self.company_id

    def _prospect_guard(self, kinds=None):
        """Refuse the documents of ``self`` that the policy refuses: for each
        company of the documents, their customers first (the likelier way
        out), then their sites."""
        for kind, customer_fields, site_fields in self._prospect_guarded():
            if kinds is not None and kind not in kinds:
                continue
            documents = self._prospect_documents(kind)
            groups = documents.grouped(lambda d: d._prospect_document_company())
            for company, group in groups.items():
                customers = self.env["res.partner"].union(
                    *(group[fname] for fname in customer_fields)
                )
                sites = self.env["fsm.location"].union(
                    *(group[fname] for fname in site_fields)
                )
                customers._prospect_check(kind, company)
                sites._prospect_check(kind, company)

    @api.model
    def _prospect_holdings(self, partners, sites, every=False):
        """The documents of this model that ``partners`` or ``sites`` hold
        (``every``: cancelled ones and those no guard looks at too, as for
        deciding whether a partner can be deleted).

        :return: [(holder, kind, company)], holder being one of ``partners``
            or ``sites``; one grouped query per guarded field
        """
        holdings = []
        for kind, customer_fields, site_fields in self._prospect_guarded():
            domain = [] if every else self._prospect_held_domain(kind)
            for fnames, holders in ((customer_fields, partners), (site_fields, sites)):
                for fname in fnames:
                    holdings += self._prospect_read_holdings(
                        kind, fname, holders, domain
                    )
        return holdings

    @api.model
    def _prospect_read_holdings(self, kind, field, holders, domain=()):
        """[(holder, kind, company)] of the documents whose ``field`` is one
        of ``holders``, in one grouped query (every document counts, whoever
        may read it)."""
        if not holders:
            return []
        groups = self.sudo()._read_group(
            [(field, "in", holders.ids), *domain], [field, "company_id"]
        )
        return [(holder, kind, company) for holder, company in groups]
