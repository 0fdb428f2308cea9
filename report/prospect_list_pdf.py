# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models

from .prospect_list_rows import LISTS

# The list is cut into pages here, not by wkhtmltopdf, so that each page gets
# its own company header and column titles whatever wkhtmltopdf build renders
# it. Long text wraps in its cell (never cut), so each row's height is
# reckoned from the lines its text takes. Measured on A4 landscape with
# Odoo's report stylesheet (tests/test_reports.py checks it): 28 rows of one
# line under column titles of one line fit on a page with room to spare,
# each more line of a row or of the titles is 0.7 of a row, the note at the
# end of a selection 1.5 rows.
PAGE_LINES = 28
EXTRA_LINE = 0.7
NOTE_LINES = 1.5
# Width of the table in average lower-case characters of the report's font
# (Lato: about 234), a little less than measured so that a cell never wraps
# to more lines than reckoned, and a cell's padding; CHAR_WIDTHS weighs the
# characters that are much wider or narrower than the average.
TABLE_CHARS = 220
CELL_PADDING = 2
# narrowest a column of text gets when the page is short of room, and the
# widest a word (an email) keeps a column so as not to be broken
MIN_CHARS = 8
MAX_WORD = 45
# text kept on one line as a word is, when the page has room
UNBROKEN = ("ref", "phone", "email")
# header cells are bold
BOLD = 1.1


class CharWidths(dict):
    """Width of a character in average lower-case characters (Lato's)."""

    def __missing__(self, char):
        if char.isupper():
            return 1.4
        return 1.0 if char.islower() else 1.2


CHAR_WIDTHS = CharWidths(
    {
        **dict.fromkeys(" ijlI.,:;'!|()[]{}`", 0.55),
        **dict.fromkeys('frt-/_*?"', 0.8),
        **dict.fromkeys("0123456789", 1.2),
        **dict.fromkeys("wm@%", 1.7),
        **dict.fromkeys("MW", 2.1),
    }
)
BREAKS = re.compile(r"\s+|[^\s-]*-|[^\s-]+")


def text_width(text):
    """Width of ``text`` in average lower-case characters."""
    return sum(map(CHAR_WIDTHS.__getitem__, text))


def word_width(text):
    """Width of the widest part of ``text`` that does not wrap."""
    return max(map(text_width, BREAKS.findall(text)), default=0)


def line_count(text, width):
    """Lines ``text`` takes in a cell ``width`` wide: it wraps at spaces and
    after hyphens, and a word longer than the cell is broken anywhere."""
    if text_width(text) <= width:
        return 1
    lines, used = 1, 0.0
    for token in BREAKS.findall(text):
        size = text_width(token)
        if token.isspace():
            # a space ending a line hangs in the margin
            used = used + size if used else 0.0
            continue
        if used + size <= width:
            used += size
            continue
        if used:
            lines += 1
        more, rest = divmod(size, width)
        if rest:
            lines, used = lines + int(more), rest
        else:
            lines, used = lines + int(more) - 1, width
    return lines


class ProspectListPdf(models.AbstractModel):
    """QWeb PDF of a customer or site list; each list is a small subclass."""

    _name = "report.prospect_management.list_pdf"
    _description = "Customer and site list (PDF)"

    _list_name = None

    @api.model
    def _get_report_values(self, docids, data=None):
        Rows = self.env["report.prospect_management.rows"]
        records = Rows._list_records(self._list_name, docids, data)
        rows = list(Rows._list_rows(self._list_name, records))
        columns = Rows._list_columns(self._list_name)
        widths = Rows._list_widths(columns, measure=text_width, words=word_width)
        for row in rows:
            widths.add(row)
        # a column empty on every printed row only takes room: leave it out
        # and say so under the title
        empty = [c for c in columns if rows and widths.empty(c[0], c[2])]
        columns = [c for c in columns if c not in empty]
        chars = self._pdf_column_chars(columns, widths)
        total = sum(chars) + CELL_PADDING * len(chars)
        fits = [TABLE_CHARS * (c + CELL_PADDING) / total - CELL_PADDING for c in chars]
        left_out = len(set(docids or ())) - len(records) if docids else 0
        company = self.env.company
        selection = Rows._list_is_selection(data)
        return {
            "doc_ids": records.ids,
            "doc_model": records._name,
            "docs": records,
            "company": company,
            "currency": company.currency_id,
            "title": Rows._list_title(
                self._list_name, count=len(records) if selection else None
            ),
            "columns": columns,
            "column_widths": [
                round(100 * (c + CELL_PADDING) / total, 2) for c in chars
            ],
            "empty_columns": ", ".join(title for __, title, __ in empty),
            "rows": rows,
            "pages": self._pdf_pages(columns, rows, fits, note=bool(left_out)),
            # the selection may hold records this list never shows (prospects
            # in All Customers...): say how many were left out
            "left_out": left_out,
            "statuses": self._pdf_statuses(),
            "filters": (data or {}).get("filters") or "",
            "printed_at": fields.Datetime.now(),
        }

    @api.model
    def _pdf_column_chars(self, columns, widths):
        """Width of each column in characters: what its widest cell needs,
        when the page has room. When it has not, every column gets room for
        its longest word (a word is not broken: emails, phone numbers in
        parts, dates, amounts), then what is left goes equally to the
        columns that need more: their text wraps at spaces."""
        wants, words = [], []
        for key, title, kind in columns:
            title_word = max(BOLD * text_width(word) for word in title.split())
            want = max(widths.content(key, kind), title_word)
            word = (
                widths.content(key, kind) if key in UNBROKEN else widths.word(key, kind)
            )
            wants.append(want)
            words.append(min(want, max(min(word, MAX_WORD), title_word)))
        available = TABLE_CHARS - CELL_PADDING * len(wants)
        if sum(words) > available:
            # not even the words fit: the narrow columns keep what they need,
            # the wide ones share the rest (their words break)
            chars = [0] * len(wants)
            order = sorted(range(len(wants)), key=wants.__getitem__)
            for done, index in enumerate(order):
                share = available / (len(wants) - done)
                want = wants[index]
                chars[index] = max(min(want, share), min(want, MIN_CHARS))
                available -= chars[index]
            return chars
        chars = list(words)
        spare = available - sum(chars)
        short = [index for index, want in enumerate(wants) if chars[index] < want]
        while short and spare > 0.01:
            share = spare / len(short)
            for index in short:
                more = min(share, wants[index] - chars[index])
                chars[index] += more
                spare -= more
            short = [index for index in short if chars[index] < wants[index] - 0.01]
        return chars

    @api.model
    def _pdf_pages(self, columns, rows, fits, note=False):
        """The rows cut into pages, each page as high as PAGE_LINES rows of
        one line, counting the lines each row's text wraps to (and the note
        that ends the last page)."""
        header = max(
            (
                line_count(title, fit / BOLD)
                for (__, title, __), fit in zip(columns, fits, strict=True)
            ),
            default=1,
        )
        budget = PAGE_LINES - EXTRA_LINE * (header - 1)
        texts = [
            (key, fit)
            for (key, __, kind), fit in zip(columns, fits, strict=True)
            if kind == "char"
        ]
        pages, page, used = [], [], 0.0
        for row in rows:
            lines = max(
                (line_count(row[key], fit) for key, fit in texts if row[key]),
                default=1,
            )
            height = 1 + EXTRA_LINE * (lines - 1)
            if page and used + height > budget:
                pages.append(page)
                page, used = [], 0.0
            page.append(row)
            used += height
        if note and page and used + NOTE_LINES > budget:
            # the note does not fit under the last row: it takes a page of
            # its own with the last row
            pages.append(page[:-1])
            page = page[-1:]
        pages.append(page)
        return [page for page in pages if page] or [[]]

    @api.model
    def _pdf_statuses(self):
        """The statuses this list shows, in words (Active, Suspended)."""
        spec = LISTS[self._list_name]
        field = self.env[spec["model"]]._fields["customer_status"]
        labels = dict(field._description_selection(self.env))
        return ", ".join(labels[status] for status in spec["statuses"])


class ReportProspectCustomers(models.AbstractModel):
    _name = "report.prospect_management.report_prospect_customers"
    _inherit = "report.prospect_management.list_pdf"
    _description = "All Prospect Customers (PDF)"
    _list_name = "prospect_customers"


class ReportCustomers(models.AbstractModel):
    _name = "report.prospect_management.report_customers"
    _inherit = "report.prospect_management.list_pdf"
    _description = "All Customers (PDF)"
    _list_name = "customers"


class ReportProspectSites(models.AbstractModel):
    _name = "report.prospect_management.report_prospect_sites"
    _inherit = "report.prospect_management.list_pdf"
    _description = "All Prospect Sites (PDF)"
    _list_name = "prospect_sites"


class ReportSites(models.AbstractModel):
    _name = "report.prospect_management.report_sites"
    _inherit = "report.prospect_management.list_pdf"
    _description = "All Sites (PDF)"
    _list_name = "sites"
