# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import io

import openpyxl

from odoo.tests import tagged
from odoo.tools import file_open
from odoo.tools.safe_eval import safe_eval

from .common import ProspectCommon

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# the options the web client's import screen sends (base_import/import_model.js)
SCREEN_OPTIONS = {
    "import_skip_records": [],
    "import_set_empty_fields": [],
    "fallback_values": {},
    "name_create_enabled_fields": {},
    "encoding": "",
    "separator": "",
    "quoting": '"',
    "date_format": "",
    "datetime_format": "",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
    "advanced": True,
    "has_headers": True,
    "keep_matches": False,
    "limit": 2000,
    "sheets": [],
    "sheet": "",
    "skip": 0,
    "tracking_disable": True,
}


def csv_file(rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(), "text/csv", "customers.csv"


def xlsx_file(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), XLSX, "customers.xlsx"


@tagged("post_install", "-at_install")
class TestImportScreen(ProspectCommon):
    """A consultant imports customers and sites with Odoo's import screen."""

    def screen_import(self, model, file, user=None, dryrun=False, context=None):
        """Upload ``file``, let the screen map the columns, click Import.

        ``context``: the one of the menu the screen was opened from.
        Returns the columns' mapping and the import's result.
        """
        content, mimetype, name = file
        env = self.env(user=user or self.manager, context=context or {})
        wizard = env["base_import.import"].create(
            {
                "res_model": model,
                "file": content,
                "file_name": name,
                "file_type": mimetype,
            }
        )
        options = dict(SCREEN_OPTIONS)
        preview = wizard.parse_preview(options)
        self.assertNotIn("error", preview, preview.get("error"))
        matches = preview["matches"] or {}
        fields = [
            "/".join(matches[index]) if index in matches else False
            for index in range(len(preview["headers"]))
        ]
        result = wizard.with_context(tracking_disable=True).execute_import(
            fields, preview["headers"], options, dryrun=dryrun
        )
        return dict(zip(preview["headers"], fields, strict=True)), result

    def errors(self, result):
        return [m for m in result["messages"] if m["type"] == "error"]

    def screen_row(self, error):
        """The row the import screen shows for an error of no column: it
        prints "Error at row <record>: <message>" (base_import's
        import_model.js), and the message must not name the row again."""
        self.assertFalse(error.get("field"), error)
        self.assertNotRegex(error["message"], r"^Row \d+:")
        return error["record"]

    def xmlid(self, record):
        name = f"pm_import_{record._table}_{record.id}"
        self.env["ir.model.data"].create(
            {
                "module": "__import__",
                "name": name,
                "model": record._name,
                "res_id": record.id,
            }
        )
        return f"__import__.{name}"

    # ------------------------------------------------------------ statuses
    def test_status_column_takes_label_or_key_in_any_case(self):
        for make in (csv_file, xlsx_file):
            with self.subTest(make.__name__):
                tag = make.__name__
                mapping, result = self.screen_import(
                    "res.partner",
                    make(
                        [
                            ["Name", "Is a Company", "Customer Status"],
                            [f"Imp Lead {tag}", "1", "lead"],
                            [f"Imp Prospect {tag}", "1", "  PROSPECT "],
                            [f"Imp Active {tag}", "1", "Active"],
                            [f"Imp Suspended {tag}", "1", "suspended  "],
                        ]
                    ),
                )
                self.assertEqual(mapping["Customer Status"], "customer_status")
                self.assertFalse(result["messages"], result["messages"])
                partners = self.env["res.partner"].browse(result["ids"])
                self.assertEqual(
                    partners.mapped("customer_status"),
                    ["lead", "prospect", "active", "suspended"],
                )

    def test_an_empty_status_cell_keeps_the_status(self):
        __, result = self.screen_import(
            "res.partner",
            csv_file(
                [
                    ["id", "Name", "Customer Status"],
                    [self.xmlid(self.prospect), "ACME Renamed", ""],
                    ["__import__.pm_new", "Brand New", ""],
                ]
            ),
        )
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(self.prospect.name, "ACME Renamed")
        self.assertEqual(self.prospect.customer_status, "prospect")
        new = self.env.ref("__import__.pm_new")
        self.assertEqual(new.customer_status, "active", "the company's default")

    def test_unknown_status_names_row_and_value_and_imports_nothing(self):
        for make in (csv_file, xlsx_file):
            with self.subTest(make.__name__):
                __, result = self.screen_import(
                    "res.partner",
                    make(
                        [
                            ["Name", "Customer Status"],
                            ["Good One", "Prospect"],
                            ["Good Two", "Active"],
                            ["Bad Three", "Prospekt"],
                            ["Good Four", "Lead"],
                        ]
                    ),
                )
                self.assertFalse(result["ids"], "nothing imported")
                errors = self.errors(result)
                self.assertEqual(len(errors), 1, result["messages"])
                error = errors[0]
                self.assertEqual(
                    error["message"],
                    "Row 3: “Prospekt” is not a Customer Status. Use one of: Lead, "
                    "Prospect, Active, Suspended (the label or the key, in any case).",
                )
                self.assertEqual(error["field"], "customer_status")
                self.assertEqual(error["value"], "Prospekt")
                self.assertEqual(error["rows"], {"from": 2, "to": 2})
                self.assertFalse(
                    self.env["res.partner"].search_count(
                        [("name", "in", ["Good One", "Good Two", "Good Four"])]
                    )
                )

    def test_lead_refused_in_a_company_without_leads_names_the_row(self):
        self.company.prospect_use_leads = False
        __, result = self.screen_import(
            "res.partner",
            csv_file(
                [
                    ["Name", "Is a Company", "Customer Status"],
                    ["Fine Prospect", "1", "Prospect"],
                    ["Early Lead", "1", "Lead"],
                ]
            ),
        )
        self.assertFalse(result["ids"])
        errors = self.errors(result)
        self.assertEqual(len(errors), 1, result["messages"])
        self.assertEqual(self.screen_row(errors[0]), 2)
        self.assertTrue(
            errors[0]["message"].startswith("Early Lead cannot be a lead"), errors[0]
        )
        self.assertFalse(
            self.env["res.partner"].search_count([("name", "=", "Fine Prospect")])
        )

    def test_prospect_user_cannot_change_a_status_by_import(self):
        __, result = self.screen_import(
            "res.partner",
            csv_file(
                [["id", "Customer Status"], [self.xmlid(self.prospect), "Active"]]
            ),
            user=self.salesman,
        )
        self.assertFalse(result["ids"])
        error = self.errors(result)[0]
        self.assertEqual(self.screen_row(error), 1)
        self.assertTrue(error["message"].startswith("Only a Prospect Manager"), error)
        self.assertEqual(self.prospect.customer_status, "prospect")

    # ----------------------------------------------------------- big files
    def test_thousand_rows_with_one_unknown_status_import_nothing(self):
        rows = [["Name", "Is a Company", "Customer Status", "City"]]
        rows += [
            [f"Bulk Prospect {n}", "1", "Prospect", "Ghent"] for n in range(1, 1001)
        ]
        rows[637][2] = "Propsect"
        __, result = self.screen_import("res.partner", xlsx_file(rows))
        self.assertFalse(result["ids"])
        errors = self.errors(result)
        self.assertEqual(len(errors), 1, errors[:3])
        self.assertTrue(
            errors[0]["message"].startswith("Row 637: “Propsect”"), errors[0]
        )
        self.assertEqual(errors[0]["rows"], {"from": 636, "to": 636})
        self.assertFalse(
            self.env["res.partner"].search_count([("name", "=like", "Bulk Prospect %")])
        )

    def test_thousand_rows_with_one_refused_back_transition_import_nothing(self):
        rows = [["id", "Name", "Is a Company", "Customer Status"]]
        rows += [
            [f"__import__.pm_bulk_{n}", f"Bulk Customer {n}", "1", "Prospect"]
            for n in range(1, 1001)
        ]
        # row 412 updates the live customer Live Ltd back to a prospect
        rows[412] = [self.xmlid(self.active), "Live Ltd", "1", "Prospect"]
        __, result = self.screen_import("res.partner", csv_file(rows))
        self.assertFalse(result["ids"])
        errors = self.errors(result)
        self.assertEqual(len(errors), 1, errors[:3])
        self.assertEqual(
            errors[0]["message"],
            "Live Ltd cannot go from Active back to Prospect: a customer "
            "status only moves forward (Lead → Prospect → Active ⇄ Suspended).",
        )
        self.assertEqual(self.screen_row(errors[0]), 412)
        self.assertEqual(errors[0]["rows"], {"from": 411, "to": 411})
        self.assertEqual(self.active.customer_status, "active")
        self.assertFalse(
            self.env["res.partner"].search_count([("name", "=like", "Bulk Customer %")])
        )

    # --------------------------------------------------------------- sites
    def test_sites_import_with_a_customer_status_column(self):
        Partner = self.env["res.partner"]
        Partner.create({"name": "Owner P", "is_company": True, "is_prospect": True})
        Partner.create({"name": "Owner A", "is_company": True})
        mapping, result = self.screen_import(
            "fsm.location",
            csv_file(
                [
                    ["Name", "Related Owner", "Customer Status"],
                    ["Depot P", "Owner P", "prospect"],
                    ["Depot A", "Owner A", "ACTIVE"],
                ]
            ),
        )
        self.assertEqual(mapping["Customer Status"], "customer_status")
        self.assertFalse(result["messages"], result["messages"])
        sites = self.env["fsm.location"].browse(result["ids"])
        self.assertEqual(sites.mapped("customer_status"), ["prospect", "active"])

    def test_site_ahead_of_its_prospect_customer_imports_nothing(self):
        Partner = self.env["res.partner"]
        Partner.create({"name": "Owner P", "is_company": True, "is_prospect": True})
        Partner.create({"name": "Owner A", "is_company": True})
        __, result = self.screen_import(
            "fsm.location",
            xlsx_file(
                [
                    ["Name", "Related Owner", "Site Status"],
                    ["Depot A", "Owner A", "Active"],
                    ["Depot P", "Owner P", "Active"],
                ]
            ),
        )
        self.assertFalse(result["ids"])
        errors = self.errors(result)
        self.assertEqual(len(errors), 1, result["messages"])
        self.assertEqual(self.screen_row(errors[0]), 2)
        self.assertTrue(errors[0]["message"].startswith("Site Depot P"), errors[0])
        self.assertFalse(
            self.env["fsm.location"].search_count([("name", "=", "Depot A")])
        )

    # ----------------------------------------------------------- templates
    def test_import_screen_offers_customer_and_site_templates(self):
        for model, stem in (
            ("res.partner", "prospect_customers_import"),
            ("fsm.location", "prospect_sites_import"),
        ):
            templates = [t["template"] for t in self.env[model].get_import_templates()]
            for ext in ("xlsx", "csv"):
                path = f"/prospect_management/static/xls/{stem}.{ext}"
                self.assertIn(path, templates)
                with file_open(path.lstrip("/"), "rb") as fh:
                    self.assertTrue(fh.read())

    def import_templates(self, ext, mimetype, contexts=None):
        """Import the customers template, then the sites template, each from
        the menu whose context ``contexts`` gives for its model."""
        imported = {}
        for model, stem in (
            ("res.partner", "prospect_customers_import"),
            ("fsm.location", "prospect_sites_import"),
        ):
            with file_open(f"prospect_management/static/xls/{stem}.{ext}", "rb") as fh:
                file = (fh.read(), mimetype, f"{stem}.{ext}")
            __, result = self.screen_import(
                model, file, context=(contexts or {}).get(model)
            )
            self.assertFalse(result["messages"], result["messages"])
            imported[model] = self.env[model].browse(result["ids"])
        statuses = ["lead", "prospect", "active", "suspended"]
        self.assertEqual(imported["res.partner"].mapped("customer_status"), statuses)
        self.assertEqual(imported["fsm.location"].mapped("customer_status"), statuses)
        self.assertEqual(
            imported["fsm.location"].owner_id.mapped("customer_status"), statuses
        )
        self.assertEqual(imported["fsm.location"].owner_id, imported["res.partner"])

    def test_xlsx_templates_import_cleanly(self):
        self.import_templates("xlsx", XLSX)

    def test_csv_templates_import_cleanly(self):
        self.import_templates("csv", "text/csv")

    def menu_context(self, xmlid):
        action = self.env.ref(xmlid)
        return safe_eval(action.context, {"uid": self.env.uid, "active_id": False})

    def test_templates_import_unchanged_from_the_prospects_menus(self):
        # the Prospects menu creates prospects by default: a status the file
        # gives is where a new record starts, not a move away from Prospect
        contexts = {
            "res.partner": self.menu_context("prospect_management.action_prospects"),
            "fsm.location": self.menu_context(
                "prospect_management.action_prospect_sites"
            ),
        }
        self.assertEqual(contexts["res.partner"].get("default_is_prospect"), True)
        for ext, mimetype in (("xlsx", XLSX), ("csv", "text/csv")):
            with self.subTest(ext), self.env.cr.savepoint(flush=False) as sp:
                self.import_templates(ext, mimetype, contexts)
                sp.rollback()

    def test_prospects_menu_still_makes_a_row_without_status_a_prospect(self):
        context = self.menu_context("prospect_management.action_prospects")
        __, result = self.screen_import(
            "res.partner",
            csv_file([["Name", "Customer Status"], ["No Status Ltd", ""]]),
            context=context,
        )
        self.assertFalse(self.errors(result), result["messages"])
        self.assertEqual(
            self.env["res.partner"].browse(result["ids"]).customer_status, "prospect"
        )
