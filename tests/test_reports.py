# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import io
import re
import zipfile
from unittest.mock import patch

import openpyxl
import xlsxwriter
from PyPDF2 import PdfReader

import odoo
from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, TransactionCase, tagged
from odoo.tests.common import HOST

from ..report import prospect_list_xlsx
from ..report.prospect_list_xlsx import ListWorksheet
from .common import ProspectCommon

CUSTOMER_HEADERS = [
    "Reference",
    "Name",
    "Status",
    "Stage",
    "Salesperson",
    "Phone",
    "Email",
    "Address",
    "City",
    "Source",
    "Prospect Since",
    "Open Quotes",
    "Open Quotes Amount",
    "Last Activity",
]
SITE_HEADERS = [
    "Reference",
    "Site",
    "Customer",
    "Address",
    "City",
    "Status",
    "Open Quotes",
    "Open Quotes Amount",
]


def _installed_font(html):
    # str(): Markup.replace() would escape the style element into text
    return str(html).replace(
        "</head>",
        '<style>* { font-family: "DejaVu Sans Condensed" !important; }</style></head>',
        1,
    )


@tagged("post_install", "-at_install")
class TestReports(ProspectCommon):
    """The office prints its customer and site lists, as PDF and as XLSX."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source = cls.env["utm.source"].create({"name": "Trade Show"})
        cls.prospect.write(
            {
                "ref": "P-001",
                "phone": "+32 9 123 45 67",
                "email": "info@acme.example",
                "street": "Rue Haute 1",
                "zip": "9000",
                "city": "Ghent",
                "user_id": cls.salesman.id,
                "prospect_source_id": cls.source.id,
                "prospect_since": "2026-03-02",
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Ann Contact", "parent_id": cls.prospect.id}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Boiler service", "list_price": 150.0, "taxes_id": [(6, 0, [])]}
        )
        cls.prospect_site = cls._site(cls.prospect, "ACME Depot")
        cls.active_site = cls._site(cls.active, "Live Depot")
        cls.held_site = cls._site(cls.suspended, "Held Depot")
        # two open quotes of ACME (one through its contact, one for its depot)
        # and one of Live Ltd that was won: it is no longer open
        cls.quotes = cls.env["sale.order"].create(
            [
                cls._quote_vals(cls.contact, 2),
                cls._quote_vals(cls.prospect, 1, site=cls.prospect_site),
                cls._quote_vals(cls.active, 3),
            ]
        )
        cls.quotes[2].action_confirm()
        cls.call_note = cls.prospect.message_post(
            body="Called about the boiler", message_type="comment"
        )
        cls.Report = cls.env["ir.actions.report"]

    @classmethod
    def _quote_vals(cls, partner, qty, site=None):
        vals = {
            "partner_id": partner.id,
            "order_line": [
                (0, 0, {"product_id": cls.product.id, "product_uom_qty": qty})
            ],
        }
        if site:
            vals["fsm_location_id"] = site.id
        return vals

    # -------------------------------------------------------------- helpers
    def xlsx(self, list_name, records=None, data=None):
        report = self.env.ref(f"prospect_management.action_report_{list_name}_xlsx")
        content, fmt = self.Report._render_xlsx(
            report.report_name, records.ids if records else None, data or {}
        )
        self.assertEqual(fmt, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(values_only=True))
        return (
            sheet,
            rows[0],
            [dict(zip(rows[0], row, strict=True)) for row in rows[1:]],
        )

    def pdf(self, list_name, records=None, data=None):
        """Print the list as a PDF with the report's own styles, served by
        this test run's HTTP server; return the reader and each page's text.

        Debian's wkhtmltopdf (unpatched Qt) draws web fonts, the report's
        Lato among them, as outlines: the PDF looks right but has no text to
        read back. What is tested is the content and the layout, not the
        font: the pages are printed with an installed font (DejaVu Sans
        Condensed, which tools/test installs), which every wkhtmltopdf embeds
        as text. It is wider than Lato, so a page that holds its rows here
        holds them in the real report too.
        """
        server = odoo.service.server.server
        self.assertTrue(server, "PDFs need the test HTTP server (--odoo-http)")
        self.assertEqual(
            self.Report._get_report_url(),
            f"http://{HOST}:{server.httpd.server_port}",
            "wkhtmltopdf loads the report's styles from this test run's server",
        )
        report = self.env.ref(f"prospect_management.action_report_{list_name}")
        Report = type(self.Report)
        run_wkhtmltopdf = Report._run_wkhtmltopdf

        def with_installed_font(report, bodies, *args, header=None, footer=None, **kw):
            return run_wkhtmltopdf(
                report,
                [_installed_font(body) for body in bodies],
                *args,
                header=header and _installed_font(header),
                footer=footer and _installed_font(footer),
                **kw,
            )

        with patch.object(Report, "_run_wkhtmltopdf", with_installed_font):
            content, fmt = self.Report.with_context(
                force_report_rendering=True
            )._render_qweb_pdf(report, records.ids if records else None, data=data)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(content.startswith(b"%PDF"), "a PDF, not the HTML fallback")
        reader = PdfReader(io.BytesIO(content))
        pages = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
        return reader, pages

    @property
    def everyone(self):
        return self.lead | self.prospect | self.contact | self.active | self.suspended

    # ------------------------------------------------------------ customers
    def test_prospect_customers_xlsx_lists_leads_and_prospects(self):
        # the call was late in the evening, UTC: already the next day in Ghent
        self.call_note.date = datetime.datetime(2026, 3, 10, 23, 30)
        self.Report = self.Report.with_context(tz="Europe/Brussels")
        sheet, headers, rows = self.xlsx("prospect_customers", self.everyone)
        self.assertEqual(list(headers), CUSTOMER_HEADERS)
        self.assertNotIn("Active", headers, "no active column in the prospect list")
        self.assertEqual([r["Name"] for r in rows], ["ACME Ltd", "Lead Ltd"])
        acme = rows[0]
        self.assertEqual(
            {k: acme[k] for k in CUSTOMER_HEADERS[:10]},
            {
                "Reference": "P-001",
                "Name": "ACME Ltd",
                "Status": "Prospect",
                "Stage": self.prospect.prospect_stage_id.name,
                "Salesperson": "Sam Salesman",
                "Phone": "+32 9 123 45 67",
                "Email": "info@acme.example",
                "Address": "Rue Haute 1, 9000",
                "City": "Ghent",
                "Source": "Trade Show",
            },
        )
        self.assertEqual(acme["Open Quotes"], 2)
        self.assertEqual(acme["Open Quotes Amount"], 450.0)
        self.assertEqual(rows[1]["Open Quotes"], 0)
        # dates are dates, amounts are numbers in the company's currency
        since = sheet.cell(row=2, column=CUSTOMER_HEADERS.index("Prospect Since") + 1)
        self.assertEqual(since.value, datetime.datetime(2026, 3, 2))
        self.assertTrue(since.is_date)
        last = sheet.cell(row=2, column=CUSTOMER_HEADERS.index("Last Activity") + 1)
        self.assertTrue(last.is_date)
        self.assertEqual(last.value, datetime.datetime(2026, 3, 11), "the user's day")
        amount = sheet.cell(
            row=2, column=CUSTOMER_HEADERS.index("Open Quotes Amount") + 1
        )
        self.assertEqual(amount.data_type, "n", "a number")
        self.assertIn(self.env.company.currency_id.symbol, amount.number_format)
        # a list to work in: frozen header, filters
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:N3")

    def test_all_customers_never_lists_prospects(self):
        __, headers, rows = self.xlsx("customers", self.everyone)
        # the status replaces the yes/no Active column: it is headed Status
        self.assertEqual(list(headers), CUSTOMER_HEADERS)
        self.assertEqual(
            [(r["Name"], r["Status"]) for r in rows],
            [("Held Ltd", "Suspended"), ("Live Ltd", "Active")],
        )
        self.assertEqual(rows[1]["Open Quotes"], 0, "a won quote is not open")

    def test_a_salesperson_prints_every_list(self):
        self.Report = self.env["ir.actions.report"].with_user(self.salesman)
        sites = self.prospect_site | self.active_site | self.held_site
        for list_name, records, first in (
            ("prospect_customers", self.everyone, "ACME Ltd"),
            ("customers", self.everyone, "Held Ltd"),
            ("prospect_sites", sites, "ACME Depot"),
            ("sites", sites, "Held Depot"),
        ):
            with self.subTest(list_name):
                __, __, rows = self.xlsx(list_name, records)
                self.assertIn(first, rows[0].values())
                html = self.Report._render_qweb_html(
                    f"prospect_management.action_report_{list_name}", records.ids
                )[0].decode()
                self.assertIn(first, html)

    def test_print_menu_offers_the_eight_lists(self):
        for list_name, model in (
            ("prospect_customers", "res.partner"),
            ("customers", "res.partner"),
            ("prospect_sites", "fsm.location"),
            ("sites", "fsm.location"),
        ):
            for suffix, report_type in (("", "qweb-pdf"), ("_xlsx", "xlsx")):
                report = self.env.ref(
                    f"prospect_management.action_report_{list_name}{suffix}"
                )
                self.assertEqual(report.report_type, report_type)
                self.assertEqual(report.model, model)
                self.assertEqual(report.binding_model_id.model, model)
                self.assertEqual(report.binding_type, "report")
                if report_type == "qweb-pdf":
                    self.assertEqual(report.paperformat_id.orientation, "Landscape")
        bindings = (
            self.env["ir.actions.actions"]
            .with_user(self.salesman)
            ._get_bindings("res.partner")
        )
        printable = {action["id"] for action in bindings["report"]}
        for suffix in (
            "prospect_customers",
            "prospect_customers_xlsx",
            "customers",
            "customers_xlsx",
        ):
            report = self.env.ref(f"prospect_management.action_report_{suffix}")
            self.assertIn(report.id, printable)

    # ---------------------------------------------------------------- sites
    def test_site_lists(self):
        sites = self.prospect_site | self.active_site | self.held_site
        __, headers, rows = self.xlsx("prospect_sites", sites)
        self.assertEqual(list(headers), SITE_HEADERS)
        self.assertEqual(
            [(r["Site"], r["Customer"], r["Status"], r["Open Quotes"]) for r in rows],
            [("ACME Depot", "ACME Ltd", "Prospect", 1)],
        )
        self.assertEqual(rows[0]["Open Quotes Amount"], 150.0)
        __, headers, rows = self.xlsx("sites", sites)
        self.assertEqual(list(headers), SITE_HEADERS)
        self.assertEqual(
            [(r["Site"], r["Status"]) for r in rows],
            [("Held Depot", "Suspended"), ("Live Depot", "Active")],
        )

    # ------------------------------------------------------------------ PDF
    def test_pdf_is_rendered_landscape_with_the_list(self):
        reader, pages = self.pdf("prospect_customers", self.everyone)
        box = reader.pages[0].mediabox
        self.assertGreater(float(box.width), float(box.height), "landscape")
        text = " ".join(pages)
        for expected in (
            "Selected prospect customers (2)",
            "ACME Ltd",
            "Lead Ltd",
            "Trade Show",
        ):
            self.assertIn(expected, text)
        for absent in ("Live Ltd", "Held Ltd", "Ann Contact", "Active "):
            self.assertNotIn(absent, text)
        self.assertIn("Prospect Since", pages[0])

        __, pages = self.pdf("customers", self.everyone)
        text = " ".join(pages)
        self.assertIn("Selected customers (2)", text)
        self.assertIn("Name Status Open Quotes", text, "headed Status, not Active")
        self.assertIn("Live Ltd Active", text)
        self.assertIn("Held Ltd Suspended", text, "the whole status, not Suspen…")
        self.assertNotIn("ACME Ltd", text)
        self.assertIn(
            "3 selected record(s) are not listed: this list only shows records "
            "of these statuses: Active, Suspended.",
            text,
        )

    def test_pdf_of_a_long_list_keeps_its_header(self):
        many = self.env["res.partner"].create(
            [
                {
                    "name": f"Bulk Prospect {n:03d}",
                    "is_company": True,
                    "is_prospect": True,
                }
                for n in range(90)
            ]
        )
        __, pages = self.pdf("prospect_customers", many)
        self.assertGreater(len(pages), 1)
        text = " ".join(pages)
        self.assertEqual(len(re.findall(r"Bulk Prospect \d{3}", text)), 90)
        self.assertIn("Prospect Since", pages[0])
        # every page has the company header, the column titles and its number
        for number, page in enumerate(pages, 1):
            self.assertIn("Prospect Since", page)
            self.assertIn(self.env.company.name, page)
            self.assertIn(f"Page {number} / {len(pages)}", page)

    def test_pdf_carries_the_company_header(self):
        self.env.company.street = "1 Header Street"
        __, pages = self.pdf("sites", self.active_site)
        self.assertIn(self.env.company.name, pages[0])
        self.assertIn("1 Header Street", pages[0])
        self.assertIn("Live Depot", pages[0])

    def test_pdf_prints_long_text_whole_wrapped(self):
        stage = self.env["prospect.stage"].create(
            {"name": "Second Meeting with the Board of Governors", "sequence": 35}
        )
        source = self.env["utm.source"].create(
            {"name": "Regional Facilities Management Exhibition 2026"}
        )
        long_text = {
            "email": "facilities.management.department@acme-holdings.example.com",
            "phone": "+44 (0) 114 496 0200 extension 4455",
        }
        self.prospect.write(
            dict(long_text, prospect_stage_id=stage.id, prospect_source_id=source.id)
        )
        __, pages = self.pdf("prospect_customers", self.everyone)
        self.assertEqual(len(pages), 1)
        # cells wrap onto more lines: the text is all there, nothing is cut
        joined = re.sub(r"\s", "", pages[0])
        for whole in (*long_text.values(), stage.name, source.name):
            self.assertIn(re.sub(r"\s", "", whole), joined)
        self.assertNotIn("…", pages[0])

    def test_pdf_leaves_out_the_columns_empty_on_every_row(self):
        # Lead Ltd has no reference, salesperson, phone, email, address, city,
        # source or activity: only the columns it fills are printed
        __, pages = self.pdf("prospect_customers", self.lead)
        self.assertIn(
            "Name Status Stage Prospect Since Open Quotes Open Quotes Amount",
            pages[0],
        )
        self.assertIn(
            "empty, not printed: Reference, Salesperson, Phone, Email, Address, "
            "City, Source, Last Activity",
            pages[0],
        )
        # with ACME they are all filled
        __, pages = self.pdf("prospect_customers", self.lead | self.prospect)
        self.assertIn(" ".join(CUSTOMER_HEADERS), pages[0])
        self.assertNotIn("not printed", pages[0])

    def test_pdf_of_a_long_list_of_wrapped_rows_keeps_its_header(self):
        many = self.env["res.partner"].create(
            [
                {
                    "name": f"Wrapped Prospect {n:03d} of the Northern Estates "
                    "and Riverside Holdings",
                    "is_company": True,
                    "is_prospect": True,
                    "email": f"facilities.management.department.{n:03d}"
                    "@northern-estates-holdings.example",
                    "street": f"Unit {n} Riverside Industrial Estate, Canal Road",
                    "street2": "Building W, rear entrance by the loading bay",
                    "city": "Middlesbrough",
                }
                for n in range(70)
            ]
        )
        __, pages = self.pdf("prospect_customers", many)
        # each row takes two lines or more: more pages than 70 one-line rows
        self.assertGreater(len(pages), 3)
        text = " ".join(pages)
        self.assertEqual(len(re.findall(r"Wrapped Prospect \d{3}", text)), 70)
        # no page ran over onto a page of its own, without its header
        for number, page in enumerate(pages, 1):
            self.assertIn("Prospect Since", page)
            self.assertIn(self.env.company.name, page)
            self.assertIn(f"Page {number} / {len(pages)}", page)

    # --------------------------------------------------------------- titles
    def test_a_printed_selection_is_titled_with_its_number(self):
        # 5 selected, 2 printed: the title counts what is printed
        __, pages = self.pdf("prospect_customers", self.everyone)
        self.assertIn("Selected prospect customers (2)", pages[0])
        self.assertNotIn("All Prospect Customers", pages[0])
        sheet, __, __ = self.xlsx("prospect_customers", self.everyone)
        self.assertEqual(sheet.title, "Prospect customers (2)")
        sites = self.prospect_site | self.active_site | self.held_site
        __, pages = self.pdf("sites", sites)
        self.assertIn("Selected sites (2)", pages[0])
        sheet, __, __ = self.xlsx("sites", sites)
        self.assertEqual(sheet.title, "Sites (2)")
        # the Reports menu prints every record matching its filters: All ...
        data = {"domain": [("id", "in", self.everyone.ids)], "filters": ""}
        __, pages = self.pdf("prospect_customers", data=data)
        self.assertIn("All Prospect Customers", pages[0])
        self.assertNotIn("Selected", pages[0])
        sheet, __, __ = self.xlsx("customers", data=data)
        self.assertEqual(sheet.title, "All Customers")
        # an Excel sheet name has 31 characters at most: the number stays
        name = self.env["report.prospect_management.rows"]._list_sheet_name(
            "prospect_customers", count=10**12
        )
        self.assertEqual(name, "Prospect custo… (1000000000000)")

    def test_reports_menu_without_filters_prints_every_record(self):
        __, __, rows = self.xlsx("prospect_customers", data={"domain": []})
        self.assertLessEqual({"ACME Ltd", "Lead Ltd"}, {r["Name"] for r in rows})

    def test_xlsx_widths_follow_the_content(self):
        self.prospect.email = "the.facilities.department.of.acme@acme.example.com"
        self.prospect.street = "Unit 4, " + "Riverside Industrial Estate, " * 5
        sheet, headers, __ = self.xlsx("prospect_customers", self.everyone)

        def width(title):
            letter = openpyxl.utils.get_column_letter(headers.index(title) + 1)
            # Excel's width: xlsxwriter adds its 0.71 of padding
            return round(sheet.column_dimensions[letter].width)

        self.assertEqual(width("Email"), len(self.prospect.email) + 3)
        # P-001: the title and its filter button set the width
        self.assertEqual(width("Reference"), len("Reference") + 5)
        self.assertEqual(width("Address"), 61, "a very long text: 60 at most")
        self.assertEqual(width("Open Quotes Amount"), len("Open Quotes Amount") + 5)
        sheet, headers, __ = self.xlsx("customers", self.everyone)
        self.assertGreaterEqual(width("Status"), len("Suspended") + 1)

    # --------------------------------------------------------------- wizard
    def test_reports_menu_prints_the_filtered_records(self):
        # the salesperson filter keeps other data (demo...) out of the lists
        other = self.env["res.partner"].create(
            {
                "name": "Other Prospect",
                "is_company": True,
                "is_prospect": True,
                "prospect_user_ids": [(6, 0, self.salesman.ids)],
            }
        )
        other.prospect_since = "2025-01-10"
        wizard_form = Form(self.env["prospect.report.wizard"].with_user(self.manager))
        wizard_form.list_name = "prospect_customers"
        wizard_form.output = "xlsx"
        wizard_form.user_ids.add(self.salesman)
        wizard_form.date_from = datetime.date(2026, 3, 1)
        wizard = wizard_form.save()
        action = wizard.action_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(
            action["report_name"], "prospect_management.report_prospect_customers_xlsx"
        )
        # the dialog closes after the download, as after a PDF
        self.assertTrue(action["close_on_report_download"])
        self.assertIn("Sam Salesman", action["data"]["filters"])
        __, __, rows = self.xlsx("prospect_customers", data=action["data"])
        self.assertEqual([r["Name"] for r in rows], ["ACME Ltd"])

        wizard.date_from = False
        wizard.date_to = datetime.date(2025, 12, 31)
        __, __, rows = self.xlsx(
            "prospect_customers", data=wizard.action_print()["data"]
        )
        self.assertEqual([r["Name"] for r in rows], ["Other Prospect"])

        # a PDF of the same filters
        wizard.output = "pdf"
        action = wizard.action_print()
        self.assertTrue(
            (action.get("context", {}).get("report_action") or action)[
                "close_on_report_download"
            ]
        )
        data = (action.get("context", {}).get("report_action") or action)["data"]
        __, pages = self.pdf("prospect_customers", data=data)
        self.assertIn("Other Prospect", pages[0])
        self.assertNotIn("ACME Ltd", pages[0])

    def test_reports_menu_filters_sites_and_statuses(self):
        (self.active | self.suspended).user_id = self.salesman
        wizard = self.env["prospect.report.wizard"].create(
            {
                "list_name": "sites",
                "output": "xlsx",
                "customer_status": "suspended",
                "user_ids": [(6, 0, self.salesman.ids)],
            }
        )
        self.assertEqual(
            wizard.date_field, "create_date", "sites have no prospect date"
        )
        __, __, rows = self.xlsx("sites", data=wizard.action_print()["data"])
        self.assertEqual([r["Site"] for r in rows], ["Held Depot"])

        wizard.customer_status = "prospect"
        with self.assertRaisesRegex(
            UserError,
            "All Sites only lists records of these statuses: Active, Suspended",
        ):
            wizard.action_print()
        wizard.customer_status = False
        wizard.stage_ids = self.env["prospect.stage"].search(
            [("stage_type", "=", "lost")]
        )
        with self.assertRaisesRegex(UserError, "No record matches these filters"):
            wizard.action_print()


@tagged("post_install", "-at_install")
class TestReportsInBrowser(HttpCase):
    """The lists as the office gets them: printed with the report's
    stylesheet and fonts, downloaded from the Reports menu."""

    def test_pdf_pages_fit_the_paper(self):
        # wkhtmltopdf loads the report's stylesheet from this test server, as
        # it does from a real one (elsewhere in the tests it prints unstyled)
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        Partner = self.env["res.partner"]
        one_line = Partner.create(
            [
                {"name": f"Short {n:03d}", "is_company": True, "is_prospect": True}
                for n in range(100)
            ]
        )
        wrapped = Partner.create(
            [
                {
                    "name": (
                        f"KINGSGATE RETAIL PARK HOLDINGS {n:03d}"
                        if n % 3
                        else f"Wrapped Prospect {n:03d} of the Northern Estates"
                    ),
                    "is_company": True,
                    "is_prospect": True,
                    "email": (
                        f"facilities.management.{n:03d}@northern-estates.example.com"
                        if n % 2
                        else f"OPERATIONS.{n:03d}@MILLBROOK-LEISURE.EXAMPLE.COM"
                    ),
                    "phone": "+44 (0) 1332 496 010 extension 44",
                    "street": f"Unit {n}, Riverside Industrial Estate, Canal Road",
                    "street2": "Building W (rear entrance)" if n % 4 else False,
                    "city": "Middlesbrough",
                }
                for n in range(90)
            ]
        )
        report = self.env.ref("prospect_management.action_report_prospect_customers")
        values = self.env["report.prospect_management.report_prospect_customers"]
        for records in (one_line, wrapped):
            with self.subTest(records[0].name):
                pages = values._get_report_values(records.ids)["pages"]
                content, __ = (
                    self.env["ir.actions.report"]
                    .with_context(force_report_rendering=True)
                    ._render_qweb_pdf(report, records.ids)
                )
                reader = PdfReader(io.BytesIO(content))
                fonts = {
                    font.get_object()["/BaseFont"]
                    for font in reader.pages[0]["/Resources"].get("/Font", {}).values()
                }
                self.assertFalse(
                    [font for font in fonts if "Serif" in font],
                    "printed with the stylesheet, not the browser's serif font",
                )
                self.assertGreater(len(pages), 2)
                # no page ran over onto a page of its own, without its header
                self.assertEqual(len(reader.pages), len(pages))

    def test_reports_menu_closes_after_an_xlsx(self):
        self.start_tour(
            "/odoo/action-prospect_management.prospect_report_wizard_action",
            "prospect_management_report_wizard_xlsx",
            login="admin",
        )


@tagged("post_install", "-at_install")
class TestListWorksheet(TransactionCase):
    """The lists' fast row writer gives the workbook xlsxwriter would."""

    def workbook(self, fast):
        out = io.BytesIO()
        workbook = xlsxwriter.Workbook(out, {"constant_memory": True})
        sheet = workbook.add_worksheet(
            "List", worksheet_class=ListWorksheet if fast else None
        )
        date = workbook.add_format({"num_format": "dd/mm/yyyy"})
        money = workbook.add_format({"num_format": "#,##0.00 €"})
        sheet.set_column(2, 2, 12, date)
        sheet.write_string(0, 0, "Header", workbook.add_format({"bold": True}))
        rows = [
            [(0, "plain", "char", None), (1, 12, "number", None)],
            [
                (0, " padded ", "char", None),
                (2, datetime.date(2026, 3, 2), "date", None),
            ],
            [(0, "A & B <c>", "char", None), (1, 1234.5, "number", money)],
            [(0, "bell\x07 and _x0041_", "char", None), (1, "", "char", None)],
            [(0, "line\nbreak", "char", None), (2, None, "date", None)],
            [(0, "é ñ ☃ \uffff", "char", None), (3, 0, "number", None)],
            [(1, 0.1 + 0.2, "number", None), (3, 1e20, "number", None)],
        ]
        with patch.object(prospect_list_xlsx, "FAST_ROWS", fast):
            for index, cells in enumerate(rows, 1):
                if fast:
                    sheet.write_list_row(index, cells)
                else:
                    ListWorksheet._list_write_slowly(
                        sheet, index, [c for c in cells if c[1] not in (None, "")]
                    )
        if fast:
            self.assertEqual(sheet._list_last_row, len(rows), "the fast path was taken")
        workbook.close()
        with zipfile.ZipFile(io.BytesIO(out.getvalue())) as package:
            xml = package.read("xl/worksheets/sheet1.xml").decode()
        sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
        return [
            [(c.value, c.data_type, c.number_format, c.font.b) for c in row]
            for row in sheet.iter_rows()
        ], xml

    def test_the_installed_xlsxwriter_series_is_checked(self):
        # the fast rows are used only for a checked series; on another one
        # the lists are right but slower, and this test says what to do
        self.assertIn(
            prospect_list_xlsx.XLSXWRITER_SERIES,
            prospect_list_xlsx.XLSXWRITER_CHECKED,
            f"xlsxwriter {xlsxwriter.__version__} is not checked: when "
            "test_fast_rows_equal_xlsxwriter_rows passes with it, add its "
            "series to XLSXWRITER_CHECKED in report/prospect_list_xlsx.py",
        )
        self.assertTrue(prospect_list_xlsx.FAST_ROWS)

    def test_fast_rows_equal_xlsxwriter_rows(self):
        fast, fast_xml = self.workbook(fast=True)
        slow, slow_xml = self.workbook(fast=False)
        # the very XML xlsxwriter's public methods write: an xlsxwriter whose
        # output changes fails here, not in a customer's spreadsheet
        self.assertEqual(fast_xml, slow_xml)
        self.assertEqual(fast, slow)
        self.assertEqual(fast[2][0][0], " padded ")
        self.assertEqual(
            fast[2][2][:3], (datetime.datetime(2026, 3, 2), "d", "dd/mm/yyyy")
        )
