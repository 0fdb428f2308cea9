# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .prospect_list_rows import LISTS

# Rows per landscape A4 page: every cell holds one line (no wrapping), so a
# page of rows has a known height and each page gets its own company header
# and column titles, whatever wkhtmltopdf build renders it.
ROWS_PER_PAGE = 34


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
        # XLSX widths, with room for a whole date or amount on paper
        widths = [
            max(width, 16) if kind in ("date", "amount") else width
            for __, __, kind, width in columns
        ]
        pages = [
            rows[start : start + ROWS_PER_PAGE]
            for start in range(0, len(rows), ROWS_PER_PAGE)
        ]
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
            "column_widths": [round(100 * w / sum(widths), 2) for w in widths],
            "rows": rows,
            "pages": pages or [[]],
            # the selection may hold records this list never shows (prospects
            # in All Customers...): say how many were left out
            "left_out": len(set(docids or ())) - len(records) if docids else 0,
            "statuses": self._pdf_statuses(),
            "filters": (data or {}).get("filters") or "",
            "printed_at": fields.Datetime.now(),
        }

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
