# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import split_every

from ..models.prospect_status_mixin import LIVE, PRE_CUSTOMER

# The four lists: which model, which statuses.  A record outside the statuses
# of a list never appears in it, even when it was selected for printing.
LISTS = {
    "prospect_customers": {"model": "res.partner", "statuses": PRE_CUSTOMER},
    "customers": {"model": "res.partner", "statuses": LIVE},
    "prospect_sites": {"model": "fsm.location", "statuses": PRE_CUSTOMER},
    "sites": {"model": "fsm.location", "statuses": LIVE},
}
OPEN_QUOTE_STATES = ("draft", "sent")
# messages that show someone worked the record (not tracking or system notes)
WORK_MESSAGE_TYPES = ("comment", "email", "email_outgoing")


class ProspectListRows(models.AbstractModel):
    """Rows of the customer and site lists, shared by their PDF and XLSX.

    Records are read in chunks and the chunk's cache dropped once its rows
    are out, so a list of 100,000 customers runs in constant memory when its
    consumer (the XLSX writer) does.  Every aggregate is one query per chunk.
    """

    _name = "report.prospect_management.rows"
    _description = "Customer and site list rows"

    _chunk_size = 2000

    # ------------------------------------------------------------ records
    @api.model
    def _list_domain(self, list_name):
        """Records that belong in ``list_name`` whatever the selection."""
        spec = LISTS[list_name]
        domain = [("customer_status", "in", list(spec["statuses"]))]
        if spec["model"] == "res.partner":
            # customers: commercial entities, not the partners that carry
            # sites, field workers, internal users or the companies themselves
            domain += [
                "|",
                ("is_company", "=", True),
                ("parent_id", "=", False),
                ("fsm_location", "=", False),
                ("fsm_person", "=", False),
                ("partner_share", "=", True),
                (
                    "id",
                    "not in",
                    self.env["res.company"]
                    .sudo()
                    .with_context(active_test=False)
                    .search([])
                    .partner_id.ids,
                ),
            ]
        return domain

    @api.model
    def _list_records(self, list_name, docids=None, data=None):
        """The records to list: the printed selection (``docids``) or the
        records matching ``data['domain']`` (the print wizard), kept to those
        that belong in the list."""
        Model = self.env[LISTS[list_name]["model"]]
        domain = list(self._list_domain(list_name))
        if docids:
            domain.append(("id", "in", list(docids)))
        elif data and data.get("domain"):
            domain += data["domain"]
        elif data and data.get("context", {}).get("active_ids"):
            domain.append(("id", "in", data["context"]["active_ids"]))
        else:
            domain.append(("id", "in", self.env.context.get("active_ids", [])))
        return Model.search(domain, order="complete_name, id")

    @api.model
    def _list_title(self, list_name):
        return {
            "prospect_customers": self.env._("All Prospect Customers"),
            "customers": self.env._("All Customers"),
            "prospect_sites": self.env._("All Prospect Sites"),
            "sites": self.env._("All Sites"),
        }[list_name]

    # ------------------------------------------------------------ columns
    @api.model
    def _list_columns(self, list_name):
        """Columns as (key, title, kind, width); kind drives the cell format."""
        live = LISTS[list_name]["statuses"] == LIVE
        # live lists call the status "Active" (Active / Suspended), like the
        # yes/no Active column they replace; prospect lists have no such column
        status = ("status", self.env._("Active") if live else self.env._("Status"))
        if LISTS[list_name]["model"] == "fsm.location":
            return [
                ("ref", self.env._("Reference"), "char", 14),
                ("site", self.env._("Site"), "char", 32),
                ("customer", self.env._("Customer"), "char", 30),
                ("address", self.env._("Address"), "char", 36),
                ("city", self.env._("City"), "char", 18),
                (*status, "char", 12),
                ("quote_count", self.env._("Open Quotes"), "integer", 12),
                ("quote_amount", self.env._("Open Quotes Amount"), "amount", 18),
            ]
        return [
            ("ref", self.env._("Reference"), "char", 14),
            ("name", self.env._("Name"), "char", 32),
            (*status, "char", 12),
            ("stage", self.env._("Stage"), "char", 16),
            ("salesperson", self.env._("Salesperson"), "char", 20),
            ("phone", self.env._("Phone"), "char", 18),
            ("email", self.env._("Email"), "char", 28),
            ("address", self.env._("Address"), "char", 36),
            ("city", self.env._("City"), "char", 18),
            ("source", self.env._("Source"), "char", 16),
            ("prospect_since", self.env._("Prospect Since"), "date", 14),
            ("quote_count", self.env._("Open Quotes"), "integer", 12),
            ("quote_amount", self.env._("Open Quotes Amount"), "amount", 18),
            ("last_activity", self.env._("Last Activity"), "date", 14),
        ]

    # --------------------------------------------------------------- rows
    @api.model
    def _list_rows(self, list_name, records):
        """Yield one dict per record, in the order of ``records``."""
        if LISTS[list_name]["model"] == "fsm.location":
            rows = self._list_site_rows
        else:
            rows = self._list_customer_rows
        labels = dict(
            records._fields["customer_status"]._description_selection(self.env)
        )
        for ids in split_every(self._chunk_size, records.ids):
            chunk = records.browse(ids)
            yield from rows(chunk, labels)
            # the rows are out: free the chunk's cache before the next one
            self.env.invalidate_all()

    def _list_customer_rows(self, partners, labels):
        values = partners.read(
            [
                "ref",
                "name",
                "customer_status",
                "prospect_stage_id",
                "user_id",
                "phone",
                "email",
                "street",
                "street2",
                "zip",
                "city",
                "prospect_source_id",
                "prospect_since",
            ]
        )
        quotes = self._list_open_quotes("partner_id", partners)
        last_activity = self._list_last_activity(partners)
        for vals in values:
            count, amount = quotes.get(vals["id"], (0, 0.0))
            yield {
                "id": vals["id"],
                "ref": vals["ref"] or "",
                "name": vals["name"] or "",
                "status": labels.get(vals["customer_status"], ""),
                "stage": _display(vals["prospect_stage_id"]),
                "salesperson": _display(vals["user_id"]),
                "phone": vals["phone"] or "",
                "email": vals["email"] or "",
                "address": _join(vals["street"], vals["street2"], vals["zip"]),
                "city": vals["city"] or "",
                "source": _display(vals["prospect_source_id"]),
                "prospect_since": vals["prospect_since"] or None,
                "quote_count": count,
                "quote_amount": amount,
                "last_activity": last_activity.get(vals["id"]),
            }

    def _list_site_rows(self, sites, labels):
        values = sites.read(
            [
                "ref",
                "name",
                "owner_id",
                "customer_status",
                "street",
                "street2",
                "zip",
                "city",
            ]
        )
        quotes = self._list_open_quotes("fsm_location_id", sites)
        for vals in values:
            count, amount = quotes.get(vals["id"], (0, 0.0))
            yield {
                "id": vals["id"],
                "ref": vals["ref"] or "",
                "site": vals["name"] or "",
                "customer": _display(vals["owner_id"]),
                "address": _join(vals["street"], vals["street2"], vals["zip"]),
                "city": vals["city"] or "",
                "status": labels.get(vals["customer_status"], ""),
                "quote_count": count,
                "quote_amount": amount,
            }

    # --------------------------------------------------------- aggregates
    def _list_open_quotes(self, field, records):
        """{record id: (number, amount in the company currency)} of the open
        quotes (draft or sent) of ``records``, in the user's companies.

        Quotes of a customer's contacts count for the customer.  The counts
        are figures, not documents: they are read with sudo so that a user
        who may print the list sees them even without access to sales.
        """
        SaleOrder = self.env["sale.order"].sudo()
        domain = [
            ("state", "in", OPEN_QUOTE_STATES),
            ("company_id", "in", self.env.companies.ids),
        ]
        if field == "partner_id":
            domain.append(("partner_id.commercial_partner_id", "in", records.ids))
        else:
            domain.append((field, "in", records.ids))
        groups = SaleOrder._read_group(
            domain,
            groupby=[field, "currency_id"],
            aggregates=["__count", "amount_total:sum"],
        )
        company = self.env.company
        today = fields.Date.context_today(self)
        rates = {}
        result = {}
        for record, currency, count, amount in groups:
            if field == "partner_id":
                record = record.commercial_partner_id
            if currency != company.currency_id:
                if currency not in rates:
                    rates[currency] = currency._get_conversion_rate(
                        currency, company.currency_id, company, today
                    )
                amount *= rates[currency]
            total_count, total_amount = result.get(record.id, (0, 0.0))
            result[record.id] = (total_count + count, total_amount + amount)
        return {
            rid: (count, company.currency_id.round(amount))
            for rid, (count, amount) in result.items()
        }

    def _list_last_activity(self, records):
        """{record id: date} of the latest message, email or completed
        activity in each record's chatter (a date only: read with sudo)."""
        groups = (
            self.env["mail.message"]
            .sudo()
            ._read_group(
                [
                    ("model", "=", records._name),
                    ("res_id", "in", records.ids),
                    "|",
                    ("message_type", "in", WORK_MESSAGE_TYPES),
                    ("mail_activity_type_id", "!=", False),
                ],
                groupby=["res_id"],
                aggregates=["date:max"],
            )
        )
        return {
            res_id: fields.Date.context_today(self, last)
            for res_id, last in groups
            if last
        }


def _display(many2one):
    return many2one[1] if many2one else ""


def _join(*parts):
    return ", ".join(part for part in parts if part)
