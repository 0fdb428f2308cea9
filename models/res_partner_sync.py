# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResPartner(models.Model):
    """Short cuts through base's commercial sync, where it costs a query or
    more per partner for work that is the same for all of them."""

    _inherit = "res.partner"

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
