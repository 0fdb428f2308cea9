# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import re

import pytz

from odoo import api, fields, models
from odoo.tools import SQL, split_every

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
# what Excel accepts as a sheet name
SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
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
        elif not self._list_is_selection(data):
            # the Reports menu's filters; none at all is every record
            domain += data["domain"]
        elif data and data.get("context", {}).get("active_ids"):
            domain.append(("id", "in", data["context"]["active_ids"]))
        else:
            domain.append(("id", "in", self.env.context.get("active_ids", [])))
        return Model.search(domain, order="complete_name, id")

    @api.model
    def _list_is_selection(self, data=None):
        """Whether the records to list are a selection (the Print menu of a
        list or form), not every record matching the Reports menu's filters,
        which come as ``data['domain']``."""
        return "domain" not in (data or {})

    @api.model
    def _list_title(self, list_name, count=None):
        """The list's title; with ``count``, the title of a printed selection
        of that many records (it is not all of them)."""
        if count is None:
            return {
                "prospect_customers": self.env._("All Prospect Customers"),
                "customers": self.env._("All Customers"),
                "prospect_sites": self.env._("All Prospect Sites"),
                "sites": self.env._("All Sites"),
            }[list_name]
        return {
            "prospect_customers": self.env._(
                "Selected prospect customers (%(count)s)", count=count
            ),
            "customers": self.env._("Selected customers (%(count)s)", count=count),
            "prospect_sites": self.env._(
                "Selected prospect sites (%(count)s)", count=count
            ),
            "sites": self.env._("Selected sites (%(count)s)", count=count),
        }[list_name]

    @api.model
    def _list_sheet_name(self, list_name, count=None):
        """The XLSX sheet's name: the title, or for a selection a shorter one
        (a sheet name has at most 31 characters and none of []:*?/\\)."""
        if count is None:
            name = self._list_title(list_name)
        else:
            name = {
                "prospect_customers": self.env._(
                    "Prospect customers (%(count)s)", count=count
                ),
                "customers": self.env._("Customers (%(count)s)", count=count),
                "prospect_sites": self.env._("Prospect sites (%(count)s)", count=count),
                "sites": self.env._("Sites (%(count)s)", count=count),
            }[list_name]
        name = SHEET_NAME_FORBIDDEN.sub(" ", name).strip("' ")
        if len(name) > SHEET_NAME_MAX:
            # a long translation: keep the number at the end
            tail = f" ({count})" if count is not None else ""
            head = name[: len(name) - len(tail)] if tail else name
            name = head[: SHEET_NAME_MAX - len(tail) - 1].rstrip() + "…" + tail
        return name

    # ------------------------------------------------------------ columns
    @api.model
    def _list_columns(self, list_name):
        """Columns as (key, title, kind); kind (char, date, integer or amount)
        drives the cell's format. Their widths follow what they hold: see
        :class:`ListWidths`."""
        # the customer status (Lead, Prospect, Active, Suspended) replaces
        # the yes/no Active column of a partner list: it is headed Status
        status = ("status", self.env._("Status"))
        if LISTS[list_name]["model"] == "fsm.location":
            return [
                ("ref", self.env._("Reference"), "char"),
                ("site", self.env._("Site"), "char"),
                ("customer", self.env._("Customer"), "char"),
                ("address", self.env._("Address"), "char"),
                ("city", self.env._("City"), "char"),
                (*status, "char"),
                ("quote_count", self.env._("Open Quotes"), "integer"),
                ("quote_amount", self.env._("Open Quotes Amount"), "amount"),
            ]
        return [
            ("ref", self.env._("Reference"), "char"),
            ("name", self.env._("Name"), "char"),
            (*status, "char"),
            ("stage", self.env._("Stage"), "char"),
            ("salesperson", self.env._("Salesperson"), "char"),
            ("phone", self.env._("Phone"), "char"),
            ("email", self.env._("Email"), "char"),
            ("address", self.env._("Address"), "char"),
            ("city", self.env._("City"), "char"),
            ("source", self.env._("Source"), "char"),
            ("prospect_since", self.env._("Prospect Since"), "date"),
            ("quote_count", self.env._("Open Quotes"), "integer"),
            ("quote_amount", self.env._("Open Quotes Amount"), "amount"),
            ("last_activity", self.env._("Last Activity"), "date"),
        ]

    @api.model
    def _list_widths(self, columns, measure=len, words=None):
        """A :class:`ListWidths` for ``columns`` in the user's language and
        the company's currency."""
        lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
        pattern = (lang and lang.date_format) or "%Y-%m-%d"
        # the widest date of the year: two-digit days, the longest month name
        sample = max(
            (
                datetime.date(2026, month, 28).strftime(pattern)
                for month in range(1, 13)
            ),
            key=measure,
        )
        return ListWidths(columns, sample, self.env.company.currency_id, measure, words)

    # --------------------------------------------------------------- rows
    @api.model
    def _list_rows(self, list_name, records):
        """Yield one dict per record, in the order of ``records``.

        The records were searched as the user (access rules applied); their
        columns are then read in one SQL query per chunk, and the names of
        the records they point to (stage, salesperson...) once per report,
        with sudo like ``read()`` does for many2one names.
        """
        sites = LISTS[list_name]["model"] == "fsm.location"
        rows = self._list_site_rows if sites else self._list_customer_rows
        if sites:
            self.env["res.partner"].flush_model()
        records.flush_model()
        labels = dict(
            records._fields["customer_status"]._description_selection(self.env)
        )
        names = {}
        for ids in split_every(self._chunk_size, records.ids, list):
            yield from rows(ids, labels, names)
            # the rows are out: free what the chunk cached before the next one
            self.env.invalidate_all()

    def _list_names(self, model, ids, names):
        """Display names of ``model`` records, cached in ``names``."""
        cache = names.setdefault(model, {})
        missing = {rid for rid in ids if rid and rid not in cache}
        if missing:
            records = self.env[model].sudo().browse(missing)
            cache.update(zip(records.ids, records.mapped("display_name"), strict=True))
        return cache

    def _list_customer_rows(self, ids, labels, names):
        values = self.env.execute_query_dict(
            SQL(
                """
                SELECT id, ref, name, customer_status, prospect_stage_id, user_id,
                       phone, email, street, street2, zip, city,
                       prospect_source_id, prospect_since
                  FROM res_partner
                 WHERE id = ANY(%s)
                """,
                ids,
            )
        )
        by_id = {vals["id"]: vals for vals in values}
        stages = self._list_names(
            "prospect.stage", [v["prospect_stage_id"] for v in values], names
        )
        users = self._list_names("res.users", [v["user_id"] for v in values], names)
        sources = self._list_names(
            "utm.source", [v["prospect_source_id"] for v in values], names
        )
        partners = self.env["res.partner"].browse(ids)
        quotes = self._list_open_quotes("partner_id", partners)
        last_activity = self._list_last_activity(partners)
        for rid in ids:
            vals = by_id[rid]
            count, amount = quotes.get(rid, (0, 0.0))
            yield {
                "id": rid,
                "ref": vals["ref"] or "",
                "name": vals["name"] or "",
                "status": labels.get(vals["customer_status"], ""),
                "stage": stages.get(vals["prospect_stage_id"], ""),
                "salesperson": users.get(vals["user_id"], ""),
                "phone": vals["phone"] or "",
                "email": vals["email"] or "",
                "address": _join(vals["street"], vals["street2"], vals["zip"]),
                "city": vals["city"] or "",
                "source": sources.get(vals["prospect_source_id"], ""),
                "prospect_since": vals["prospect_since"],
                "quote_count": count,
                "quote_amount": amount,
                "last_activity": last_activity.get(rid),
            }

    def _list_site_rows(self, ids, labels, names):
        values = self.env.execute_query_dict(
            SQL(
                """
                SELECT l.id, p.ref, p.name, l.owner_id, l.customer_status,
                       p.street, p.street2, p.zip, p.city
                  FROM fsm_location l
                  JOIN res_partner p ON p.id = l.partner_id
                 WHERE l.id = ANY(%s)
                """,
                ids,
            )
        )
        by_id = {vals["id"]: vals for vals in values}
        owners = self._list_names("res.partner", [v["owner_id"] for v in values], names)
        quotes = self._list_open_quotes(
            "fsm_location_id", self.env["fsm.location"].browse(ids)
        )
        for rid in ids:
            vals = by_id[rid]
            count, amount = quotes.get(rid, (0, 0.0))
            yield {
                "id": rid,
                "ref": vals["ref"] or "",
                "site": vals["name"] or "",
                "customer": owners.get(vals["owner_id"], ""),
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
        # stored in UTC: the day it was in the user's time zone
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        return {
            res_id: pytz.utc.localize(last).astimezone(tz).date()
            for res_id, last in groups
            if last
        }


class ListWidths:
    """The widest text of each column of a list, fed row by row (the XLSX
    streams its rows: nothing is kept but one number a column).

    Text is measured with ``measure`` (``len`` by default: characters); a
    column whose every cell is empty has a width of 0; a number is never
    empty (0 is printed). Dates and amounts are measured as the lists print
    them: ``date_sample`` is a date so printed, amounts come with the
    currency's symbol.
    """

    def __init__(self, columns, date_sample, currency, measure=len, words=None):
        self.measure = measure
        # the widest part of a text that does not wrap (a word, an email)
        self.words = words
        self.date_sample = date_sample
        self.currency = currency
        self._chars = [key for key, __, kind in columns if kind == "char"]
        self._dates = [key for key, __, kind in columns if kind == "date"]
        self._numbers = [
            key for key, __, kind in columns if kind in ("integer", "amount")
        ]
        self._widest = dict.fromkeys(self._chars + self._dates, 0)
        self._widest_word = dict.fromkeys(self._chars, 0)
        self._largest = dict.fromkeys(self._numbers, 0)

    def add(self, row):
        widest, measure = self._widest, self.measure
        for key in self._chars:
            if row[key]:
                size = measure(row[key])
                widest[key] = max(widest[key], size)
                if self.words:
                    word = self.words(row[key])
                    self._widest_word[key] = max(self._widest_word[key], word)
        for key in self._dates:
            if row[key]:
                widest[key] = 1
        largest = self._largest
        for key in self._numbers:
            largest[key] = max(largest[key], abs(row[key]))

    def content(self, key, kind):
        """Width of the widest cell of the column ``key``."""
        if kind == "integer":
            return self.measure(str(self._largest[key]))
        if kind == "amount":
            digits = self.currency.decimal_places
            # the monetary widget: the symbol, a space, a grouped number
            return self.measure(
                f"{self.currency.symbol or ''} -{self._largest[key]:,.{digits}f}"
            )
        if kind == "date":
            return self.measure(self.date_sample) if self._widest[key] else 0
        return self._widest[key]

    def word(self, key, kind):
        """Width of the widest part of a cell of ``key`` that cannot wrap
        (all of it for a date or a number)."""
        if kind == "char":
            return self._widest_word[key] if self.words else self._widest[key]
        return self.content(key, kind)

    def empty(self, key, kind):
        return kind in ("char", "date") and not self._widest[key]


def _join(*parts):
    return ", ".join(part for part in parts if part)
