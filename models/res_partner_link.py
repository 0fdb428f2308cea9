# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from markupsafe import Markup

from odoo import _, models

from .prospect_status_mixin import PRE_CUSTOMER

OPEN_QUOTE_STATES = ("draft", "sent")


class ResPartner(models.Model):
    """Linking prospects into a customer that already exists: what moves,
    in a constant number of queries (one write per group of records that get
    the same values), and a note on each moved record."""

    _inherit = "res.partner"

    def _prospect_conversion_scope(self):
        """What belongs to these prospects, that a conversion moves: a
        constant number of queries."""
        prospects = self
        ids = prospects.ids
        if not ids:
            empty = self.env["res.partner"]
            return {
                "quotes": self.env["sale.order"],
                "sites": self.env["fsm.location"],
                "contacts": empty,
                "message_count": 0,
                "attachment_count": 0,
                "activity_count": 0,
            }
        partner_domain = [("model", "=", "res.partner"), ("res_id", "in", ids)]
        return {
            "quotes": self.env["sale.order"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("partner_id.commercial_partner_id", "in", ids),
                    ("state", "in", OPEN_QUOTE_STATES),
                ]
            ),
            "sites": self.env["fsm.location"]
            .sudo()
            .with_context(active_test=False)
            .search([("owner_id.commercial_partner_id", "in", ids)]),
            "contacts": prospects._prospect_contacts(),
            "message_count": self.env["mail.message"]
            .sudo()
            .search_count(partner_domain),
            "attachment_count": self.env["ir.attachment"]
            .sudo()
            .search_count(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", ids),
                    ("res_field", "=", False),
                ]
            ),
            "activity_count": self.env["mail.activity"]
            .sudo()
            .search_count([("res_model", "=", "res.partner"), ("res_id", "in", ids)]),
        }

    def _prospect_link(
        self, target, copy_messages, copy_documents, contacts, profile=()
    ):
        """Move what the prospects own to ``target``, then archive them.

        :param profile: the profile items the prospects brought to the target
            (``_prospect_merge_profile()``), listed in the target's log
        """
        prospects = self
        target = target.with_context(mail_notrack=True)
        scope = prospects._prospect_conversion_scope()
        kept = scope["contacts"] if contacts is None else contacts & scope["contacts"]
        dropped = scope["contacts"] - kept
        # whatever pointed at a prospect or a dropped contact now points at
        # the target; kept contacts move along and keep their documents
        redirect = prospects | dropped

        def repoint(partner):
            return target if partner in redirect else partner

        quotes = scope["quotes"]
        sites = scope["sites"]
        prospect_of = {
            **{quote: quote.partner_id.commercial_partner_id for quote in quotes},
            **{site: site.owner_id.commercial_partner_id for site in sites},
            **{contact: contact.commercial_partner_id for contact in kept},
        }
        self._prospect_move_quotes(quotes, repoint)
        prospect_sites = sites.filtered(lambda s: s.customer_status in PRE_CUSTOMER)
        self._prospect_move_sites(sites, repoint)
        activities = prospects._prospect_move_activities(target)
        attachment_map = prospects._prospect_transfer_attachments(
            target, copy_documents
        )
        messages = prospects._prospect_transfer_messages(
            target, copy_messages, attachment_map
        )
        prospects._prospect_transfer_followers(target)
        if kept:
            kept.with_context(mail_notrack=True)._prospect_reparent(target)
        self._prospect_note_moves((quotes, sites, kept), target, prospect_of)
        dropped.action_archive()
        # the target is live: the sites it received are live sites now
        prospect_sites._prospect_activate(
            lambda site: self.env._(
                "Site activated: it moved to the customer %(customer)s.",
                customer=target.display_name,
            )
        )
        prospects.write({"prospect_customer_id": target.id})
        prospects._prospect_record_conversion()
        prospects.action_archive()

        converter = self.env.user.display_name
        prospects._message_log_batch(
            {
                prospect.id: Markup("<p>%s</p>")
                % self.env._(
                    "Converted into the customer %(customer)s by %(user)s. This "
                    "prospect is archived; its status stays as it was since it "
                    "never became a customer itself.",
                    customer=target.display_name,
                    user=converter,
                )
                for prospect in prospects
            }
        )
        copied = _("copied") if copy_messages else _("moved")
        docs = _("copied") if copy_documents else _("moved")
        target._message_log_batch(
            {
                target.id: Markup("<p>%s</p><ul>%s</ul>")
                % (
                    _(
                        "Prospects converted into this customer by %(user)s: "
                        "%(prospects)s.",
                        user=converter,
                        prospects=", ".join(prospects.mapped("display_name")),
                    ),
                    Markup("").join(
                        Markup("<li>%s</li>") % line
                        for line in (
                            _("%(count)s quote(s) moved", count=len(quotes)),
                            _("%(count)s site(s) moved", count=len(sites)),
                            _("%(count)s contact(s) moved", count=len(kept)),
                            _("%(count)s activity(ies) moved", count=len(activities)),
                            _(
                                "%(count)s message(s) %(how)s",
                                count=len(messages),
                                how=copied,
                            ),
                            _(
                                "%(count)s document(s) %(how)s",
                                count=len(attachment_map),
                                how=docs,
                            ),
                            *(
                                _(
                                    "%(field)s from the prospect: %(value)s",
                                    field=item["label"],
                                    value=item["prospect"],
                                )
                                for item in profile
                            ),
                        )
                    ),
                )
            }
        )
        return target.with_context(mail_notrack=False)

    def _prospect_move_quotes(self, quotes, repoint):
        """Re-point open quotes, grouped by their new addresses: one write
        per distinct (customer, invoice, delivery) address."""
        SaleOrder = self.env["sale.order"].sudo().with_context(mail_notrack=True)
        groups = defaultdict(lambda: SaleOrder)
        for quote in quotes:
            key = (
                repoint(quote.partner_id).id,
                repoint(quote.partner_invoice_id).id,
                repoint(quote.partner_shipping_id).id,
            )
            groups[key] |= quote
        # each quote keeps its site: fieldservice_sale would recompute it
        # from the new customer (a search per quote) and lose it
        site = SaleOrder._fields["fsm_location_id"]
        with self.env.protecting([site], quotes):
            for (partner, invoice, shipping), group in groups.items():
                # untracked: _prospect_note_moves logs one note per quote in one batch
                group.write(
                    {
                        "partner_id": partner,
                        "partner_invoice_id": invoice,
                        "partner_shipping_id": shipping,
                    }
                )

    def _prospect_move_sites(self, sites, repoint):
        """Re-point the sites, one write per new owner (untracked:
        _prospect_note_moves logs one note per site in one batch)."""
        Site = self.env["fsm.location"].sudo().with_context(mail_notrack=True)
        groups = defaultdict(lambda: Site)
        for site in sites:
            groups[repoint(site.owner_id).id] |= site
        for owner, group in groups.items():
            group.write({"owner_id": owner})
            # a site's own partner hangs under its owner (fieldservice)
            group.partner_id.filtered(
                lambda p, owner=owner: p.parent_id and p.parent_id.id != owner
            )._prospect_reparent(self.env["res.partner"].browse(owner))

    def _prospect_note_moves(self, records, target, prospect_of):
        """One note on each record moved to ``target``, in one batch per
        model, instead of a tracking message per record (a query each).

        :param prospect_of: {record: the prospect it came from}
        """
        user = self.env.user.display_name
        for model_records in records:
            if not model_records:
                continue
            model_records.sudo()._message_log_batch(
                {
                    record.id: Markup("<p>%s</p>")
                    % self.env._(
                        "Moved to the customer %(customer)s by %(user)s, who "
                        "converted the prospect %(prospect)s.",
                        customer=target.display_name,
                        user=user,
                        prospect=prospect_of[record].display_name,
                    )
                    for record in model_records
                }
            )

    def _prospect_move_activities(self, target):
        activities = (
            self.env["mail.activity"]
            .sudo()
            .with_context(active_test=False)
            .search([("res_model", "=", "res.partner"), ("res_id", "in", self.ids)])
        )
        if activities:
            activities.write({"res_id": target.id})
        return activities.filtered("active")
