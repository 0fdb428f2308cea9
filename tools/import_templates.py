#!/usr/bin/env python3
"""Regenerate the import templates offered by the import screen (static/xls/).

    tools/import_templates.py

One example row per customer status.  The headers are the fields' English
labels, which Odoo's import screen maps by itself.  Import the customers
template first: the sites template names its customers as owners.
"""

import csv
import datetime
from pathlib import Path

import xlsxwriter

OUT = Path(__file__).resolve().parent.parent / "static" / "xls"

ADDRESS = ["Street", "City", "Zip", "Country"]
CUSTOMERS = (
    ["Name", "Is a Company", "Customer Status", "Email", "Phone", *ADDRESS],
    [
        [
            "Example Lead Ltd",
            "1",
            "Lead",
            "lead@example.com",
            "+32 2 555 01 01",
            "Rue Haute 1",
            "Brussels",
            "1000",
            "Belgium",
        ],
        [
            "Example Prospect Ltd",
            "1",
            "Prospect",
            "prospect@example.com",
            "+32 2 555 01 02",
            "Rue Haute 2",
            "Brussels",
            "1000",
            "Belgium",
        ],
        [
            "Example Active Ltd",
            "1",
            "Active",
            "active@example.com",
            "+32 2 555 01 03",
            "Rue Haute 3",
            "Brussels",
            "1000",
            "Belgium",
        ],
        [
            "Example Suspended Ltd",
            "1",
            "Suspended",
            "suspended@example.com",
            "+32 2 555 01 04",
            "Rue Haute 4",
            "Brussels",
            "1000",
            "Belgium",
        ],
    ],
)
SITES = (
    ["Name", "Related Owner", "Site Status", *ADDRESS],
    [
        [
            "Example Lead Ltd - Warehouse",
            "Example Lead Ltd",
            "Lead",
            "Quai 1",
            "Antwerp",
            "2000",
            "Belgium",
        ],
        [
            "Example Prospect Ltd - Warehouse",
            "Example Prospect Ltd",
            "Prospect",
            "Quai 2",
            "Antwerp",
            "2000",
            "Belgium",
        ],
        [
            "Example Active Ltd - Warehouse",
            "Example Active Ltd",
            "Active",
            "Quai 3",
            "Antwerp",
            "2000",
            "Belgium",
        ],
        [
            "Example Suspended Ltd - Warehouse",
            "Example Suspended Ltd",
            "Suspended",
            "Quai 4",
            "Antwerp",
            "2000",
            "Belgium",
        ],
    ],
)


def write(name, headers, rows):
    with open(OUT / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows(rows)
    workbook = xlsxwriter.Workbook(str(OUT / f"{name}.xlsx"))
    # a fixed creation date keeps the generated file identical between runs
    workbook.set_properties({"created": datetime.datetime(2026, 1, 1)})
    sheet = workbook.add_worksheet(name)
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, headers, bold)
    for index, row in enumerate(rows, 1):
        sheet.write_row(index, 0, row)
    sheet.set_column(0, len(headers) - 1, 22)
    sheet.freeze_panes(1, 0)
    workbook.close()


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    write("prospect_customers_import", *CUSTOMERS)
    write("prospect_sites_import", *SITES)
