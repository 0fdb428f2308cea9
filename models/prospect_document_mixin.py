# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ProspectDocumentMixin(models.AbstractModel):
    """A document that the customer status keeps away from pre-customers.

    Each guarded model (quotes, jobs, invoices, assets, contracts, planned
    maintenance, portal users) refuses a refused customer or site when the
    document is written, and says here which documents a partner or a site
    already holds, so that a partner-side move (a contact put under another
    company, a site given to another owner, a merge) is decided by the same
    policy as the document itself.
    """

    _name = "prospect.document.mixin"
    _description = "Document guarded by the customer status"

    @api.model
    def _prospect_holdings(self, partners, sites):
        """The documents of this model that ``partners`` or ``sites`` hold.

        :return: [(holder, kind, company)], holder being one of ``partners``
            or ``sites``; a constant number of queries
        """
        return []

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
