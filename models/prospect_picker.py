# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

PICKER_LIMIT = 8


class ProspectStatusMixin(models.AbstractModel):
    """What a picker left out, and why (SPEC §6).

    A document's picker offers only the customers and sites that may have
    it: typing the name of a prospect in a job's Location finds nothing, and
    the one-click "Create" beside it would make a second, active customer.
    The ``prospect_many2one`` widget asks this method for the records the
    picker hid, to show each with the sentence that says what to do, and
    the conversion wizard one click away.
    """

    _inherit = "prospect.status.mixin"

    @api.model
    def prospect_picker_hidden(self, name, kind, company_id=False):
        """The records matching ``name`` that a picker of documents of
        ``kind`` in company ``company_id`` leaves out because of their
        status: one search, at most eight, each as a dict with its id,
        name, status, the sentence saying why and what to do, and the
        partner to convert when converting is the way out (and the user may
        convert)."""
        name = (name or "").strip()
        if not name or kind not in self._prospect_matrix():
            return []
        company = (
            self.env["res.company"].browse(company_id)
            if company_id
            else self.env.company
        )
        allowed = self._prospect_allowed_statuses(kind, company)
        hidden = self.search_fetch(
            self._search_display_name("ilike", name)
            + [("customer_status", "not in", allowed)]
            + self._prospect_picker_domain(),
            ["display_name", "customer_status"],
            limit=PICKER_LIMIT,
        )
        result = []
        for record in hidden:
            customer = record._prospect_picker_customer()
            action = self._prospect_conversion_action(customer) if customer else None
            result.append(
                {
                    "id": record.id,
                    "name": record.display_name,
                    "status": self._prospect_status_label(record.customer_status),
                    "reason": self._prospect_refusal_message(kind, record, company),
                    "convert_id": customer.id if action else False,
                    "convert_name": customer.display_name if action else False,
                }
            )
        return result

    def _prospect_picker_customer(self):
        """The partner whose conversion would make this record selectable."""
        raise NotImplementedError()

    @api.model
    def _prospect_picker_domain(self):
        """Records never worth naming in a picker."""
        return []


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _prospect_picker_domain(self):
        # a site's own address is found through the site, not as a customer
        return [("type", "!=", "fsm_location")]

    def _prospect_picker_customer(self):
        return self.commercial_partner_id


class FsmLocation(models.Model):
    _inherit = "fsm.location"

    def _prospect_picker_customer(self):
        return self.owner_id.commercial_partner_id
