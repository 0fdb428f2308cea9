# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

import xlsxwriter
from xlsxwriter.utility import (
    datetime_to_excel_datetime,
    preserve_whitespace,
    xl_col_to_name,
)
from xlsxwriter.worksheet import Worksheet, re_control_chars_1, re_control_chars_2

from odoo import api, models

# strftime directives of a language's date format, in Excel's words
EXCEL_DATE_CODES = {
    "%d": "dd",
    "%e": "d",
    "%m": "mm",
    "%y": "yy",
    "%Y": "yyyy",
    "%b": "mmm",
    "%B": "mmmm",
    "%a": "ddd",
    "%A": "dddd",
}


# column widths in characters: room for the filter button beside a title,
# a little air after the widest cell, and no wider than a screen's half
XLSX_FILTER_BUTTON = 4
XLSX_PADDING = 2
XLSX_MAX_WIDTH = 60

# what xlsxwriter rewrites in an inline string: XML specials, control
# characters, its own _xHHHH_ escapes, non-characters, edge whitespace
NEEDS_CARE = re.compile(
    "[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\\s|\\s$"
)

# ListWorksheet writes a row's XML the way xlsxwriter's own methods write it,
# through xlsxwriter's internals: 100,000 rows of 10 cells in 2.1 s instead of
# 5.8 s (x2.8, December 2026, xlsxwriter 3.0.2). It does so only for the
# xlsxwriter series below, whose sheet XML tests/test_reports.py compares byte
# for byte with the public methods' (TestListWorksheet); any other series gets
# the public methods, and that test fails until the series is checked.
XLSXWRITER_CHECKED = ("3.0",)
XLSXWRITER_SERIES = ".".join(xlsxwriter.__version__.split(".")[:2])
FAST_ROWS = XLSXWRITER_SERIES in XLSXWRITER_CHECKED


class ListWorksheet(Worksheet):
    """A worksheet that writes a list's rows one whole row at a time.

    In constant-memory mode xlsxwriter stores each cell, then turns it into
    XML from an attribute list: most of a 100,000-row list's time went there
    (cProfile: about 80 %).  ``write_list_row`` writes the row's XML in one
    string instead, for the cell types of the lists (strings, numbers,
    dates as numbers), and falls back to the public write methods whenever
    the worksheet is not in the plain constant-memory state it expects.
    ``tests/test_reports.py`` checks that both ways give the same workbook.
    """

    _list_last_row = -1

    def _list_fast_path(self, row):
        return (
            FAST_ROWS
            and self.constant_memory
            and not self.table
            and row >= self.previous_row
            and row > self._list_last_row
            and row not in self.set_rows
            and self.excel_version == 2007
            and self.default_row_height == self.original_row_height
        )

    def write_list_row(self, row, cells):
        """Write ``cells``, a list of (col, value, kind, cell_format) with kind
        ``char``, ``number`` or ``date`` (a ``datetime.date``), on ``row``."""
        cells = [cell for cell in cells if cell[1] is not None and cell[1] != ""]
        if not cells:
            return
        if self.constant_memory and self.table and row > self.previous_row:
            # write out the row that the public methods left pending
            self._write_single_row(row)
        if not self._list_fast_path(row):
            return self._list_write_slowly(row, cells)
        self.previous_row = self._list_last_row = row
        self._check_dimensions(row, cells[0][0])
        self._check_dimensions(row, cells[-1][0])
        number = row + 1
        xml = [f'<row r="{number}">']
        for col, value, kind, cell_format in cells:
            prefix, suffix = self._list_cell_tags(col, cell_format)
            if kind == "char":
                text = self._list_text(value)
                xml.append(f'{prefix}{number}{suffix} t="inlineStr">{text}</is></c>')
            else:
                if kind == "date":
                    value = self._list_date(value)
                xml.append(f"{prefix}{number}{suffix}><v>{value:.16G}</v></c>")
        xml.append("</row>")
        self.fh.write("".join(xml))

    def _list_cell_tags(self, col, cell_format):
        """('<c r="B', '" s="3"'): what surrounds the row number in a cell's
        opening tag, the same on every row of a column."""
        if not hasattr(self, "_list_tags"):
            self._list_tags = {}
        key = (col, cell_format)
        if key not in self._list_tags:
            style = cell_format or self.col_formats.get(col)
            self._list_tags[key] = (
                f'<c r="{xl_col_to_name(col)}',
                f'" s="{style._get_xf_index()}"' if style else '"',
            )
        return self._list_tags[key]

    def _list_date(self, value):
        """Excel's serial number of a date (lists repeat their dates)."""
        if not hasattr(self, "_list_dates"):
            self._list_dates = {}
        if value not in self._list_dates:
            self._list_dates[value] = datetime_to_excel_datetime(
                value, self.date_1904, self.remove_timezone
            )
        return self._list_dates[value]

    def _list_text(self, value):
        """The ``<is><t>`` opening and the text of an inline string."""
        value = value[: self.xls_strmax]
        if not NEEDS_CARE.search(value):
            return f"<is><t>{value}</t>"
        # the rare string that needs it: xlsxwriter's own treatment
        value = re_control_chars_1.sub(r"_x005F\1", value)
        value = re_control_chars_2.sub(lambda m: f"_x{ord(m.group(1)):04X}_", value)
        value = value.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
        preserve = ' xml:space="preserve"' if preserve_whitespace(value) else ""
        return f"<is><t{preserve}>{self._escape_data(value)}</t>"

    def _list_write_slowly(self, row, cells):
        for col, value, kind, cell_format in cells:
            if kind == "char":
                self.write_string(row, col, value, cell_format)
            elif kind == "date":
                self.write_datetime(row, col, value, cell_format)
            else:
                self.write_number(row, col, value, cell_format)


class ProspectListXlsx(models.AbstractModel):
    """XLSX of a customer or site list; each list is a small subclass.

    The workbook is written in xlsxwriter's constant-memory mode: each row
    goes to disk as soon as the next one starts, and the rows come chunk by
    chunk from ``report.prospect_management.rows``.
    """

    _name = "report.prospect_management.list_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Customer and site list (XLSX)"

    _list_name = None

    def get_workbook_options(self):
        return dict(super().get_workbook_options(), constant_memory=True)

    def _get_objs_for_report(self, docids, data):
        return self.env["report.prospect_management.rows"]._list_records(
            self._list_name, docids, data
        )

    @api.model
    def _xlsx_date_format(self):
        lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
        pattern = (lang and lang.date_format) or "%Y-%m-%d"
        for directive, code in EXCEL_DATE_CODES.items():
            pattern = pattern.replace(directive, code)
        return pattern

    def generate_xlsx_report(self, workbook, data, objs):
        Rows = self.env["report.prospect_management.rows"]
        columns = Rows._list_columns(self._list_name)
        currency = self.env.company.currency_id
        formats = {
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#E9ECEF", "bottom": 1}
            ),
            "date": workbook.add_format({"num_format": self._xlsx_date_format()}),
            "amount": workbook.add_format(
                {"num_format": self._report_xlsx_currency_format(currency)}
            ),
            "integer": workbook.add_format({"num_format": "0"}),
        }
        selection = Rows._list_is_selection(data)
        sheet = workbook.add_worksheet(
            Rows._list_sheet_name(
                self._list_name, count=len(objs) if selection else None
            ),
            worksheet_class=ListWorksheet,
        )
        for col, (__, title, __) in enumerate(columns):
            sheet.write_string(0, col, title, formats["header"])
        sheet.freeze_panes(1, 0)

        cell_kinds = {"char": "char", "date": "date", "integer": "number"}
        cells = [
            (col, key, cell_kinds.get(kind, "number"), formats.get(kind))
            for col, (key, __, kind) in enumerate(columns)
        ]
        widths = Rows._list_widths(columns)
        row = 0
        for values in Rows._list_rows(self._list_name, objs):
            row += 1
            widths.add(values)
            sheet.write_list_row(
                row,
                [
                    (col, values[key], kind, cell_format)
                    for col, key, kind, cell_format in cells
                ],
            )
        sheet.autofilter(0, 0, row, len(columns) - 1)
        # the widths follow the content (xlsxwriter writes them out when the
        # workbook closes): the title with its filter button, the widest
        # cell, no wider than XLSX_MAX_WIDTH (longer text is still all there)
        for col, (key, title, kind) in enumerate(columns):
            width = max(
                len(title) + XLSX_FILTER_BUTTON,
                min(widths.content(key, kind) + XLSX_PADDING, XLSX_MAX_WIDTH),
            )
            sheet.set_column(col, col, width, formats.get(kind))


class ReportProspectCustomersXlsx(models.AbstractModel):
    _name = "report.prospect_management.report_prospect_customers_xlsx"
    _inherit = "report.prospect_management.list_xlsx"
    _description = "All Prospect Customers (XLSX)"
    _list_name = "prospect_customers"


class ReportCustomersXlsx(models.AbstractModel):
    _name = "report.prospect_management.report_customers_xlsx"
    _inherit = "report.prospect_management.list_xlsx"
    _description = "All Customers (XLSX)"
    _list_name = "customers"


class ReportProspectSitesXlsx(models.AbstractModel):
    _name = "report.prospect_management.report_prospect_sites_xlsx"
    _inherit = "report.prospect_management.list_xlsx"
    _description = "All Prospect Sites (XLSX)"
    _list_name = "prospect_sites"


class ReportSitesXlsx(models.AbstractModel):
    _name = "report.prospect_management.report_sites_xlsx"
    _inherit = "report.prospect_management.list_xlsx"
    _description = "All Sites (XLSX)"
    _list_name = "sites"
