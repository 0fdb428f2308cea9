# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResPartner(models.Model):
    """Short cuts through base's commercial sync, where it costs a query or
    more per partner for work that is the same for all of them."""

    _inherit = "res.partner"

    def _fields_sync(self, values):
        if self._prospect_fields_sync_needless(values):
            return
        return super()._fields_sync(values)

    def _prospect_fields_sync_needless(self, values):
        """Whether base's ``_fields_sync()`` has nothing to do after a write
        of ``values`` on these partners.

        Base syncs a new parent, the commercial fields and the address; a
        write of none of them (a status change, a pipeline stamp) has nothing
        to sync, but base still looks up the contacts of each partner written
        and writes them: a query or more per partner.  Skipping it took a won
        quote from 4.07 to 2.07 extra queries (``bench_quote_won.py``,
        benchmarks/FIXES.md).  ``_prospect_reparent()`` syncs the partners it
        moves itself, all at once.  Pinned by
        ``test_upstream_pins.TestUpstreamCommercialSync``: base syncs nothing
        on a write of any other field.
        """
        synced = self.env.context.get("prospect_synced_ids")
        if synced and set(self.ids) <= set(synced):
            return True
        return not values.keys() & self._prospect_synced_fields()

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
        pricelist inverse searches each time): 8 ms and two queries per site
        moved by a conversion.  Partners moved under one parent all receive
        the same values, so here they get them in one write each: moving the
        200 sites of ``bench_convert_wizard.py`` took 0.37 s instead of 1.6 s
        (benchmarks/FIXES.md).  Partners with contacts of their own keep
        base's way: their contacts must follow.  Pinned by
        ``test_upstream_pins.TestUpstreamCommercialSync``: the partners end
        up exactly as base's own write leaves them.
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
