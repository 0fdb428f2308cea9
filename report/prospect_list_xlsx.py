# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
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
        sheet = workbook.add_worksheet(Rows._list_title(self._list_name))
        for col, (__, title, kind, width) in enumerate(columns):
            sheet.set_column(col, col, width, formats.get(kind))
            sheet.write_string(0, col, title, formats["header"])
        sheet.freeze_panes(1, 0)

        writers = {
            "char": sheet.write_string,
            "integer": sheet.write_number,
            "amount": sheet.write_number,
            "date": sheet.write_datetime,
        }
        cells = [
            (col, key, writers[kind], formats.get(kind))
            for col, (key, __, kind, __) in enumerate(columns)
        ]
        row = 0
        for values in Rows._list_rows(self._list_name, objs):
            row += 1
            for col, key, write, cell_format in cells:
                value = values[key]
                if value is None or value == "":
                    continue
                write(row, col, value, cell_format)
        sheet.autofilter(0, 0, row, len(columns) - 1)


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
