# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column, create_index

_logger = logging.getLogger(__name__)

# Stored computed columns created before the ORM sees them, so that Odoo
# does not compute them row by row for every existing partner and site.
PRECREATED_COLUMNS = {
    "res_partner": {
        "prospect_stage_id": "int4",
        "prospect_since": "date",
        "prospect_days_to_convert": "int4",
    },
}
STATUS_TABLES = ("res_partner", "fsm_location")


def pre_init_hook(env):
    """Make every existing partner and site ``active`` before the ORM sees them.

    ``ADD COLUMN ... DEFAULT`` is a catalogue-only change in PostgreSQL 11+:
    no row is rewritten, so it takes milliseconds on millions of partners.
    Dropping the default right after keeps the value of existing rows while
    new rows get theirs from the ORM.  Because the columns already exist when
    the module's fields are set up, Odoo does not recompute them row by row.
    """
    cr = env.cr
    for table in STATUS_TABLES:
        if column_exists(cr, table, "customer_status"):
            continue
        cr.execute(
            SQL(
                "ALTER TABLE %s ADD COLUMN customer_status varchar DEFAULT 'active'",
                SQL.identifier(table),
            )
        )
        cr.execute(
            SQL(
                "ALTER TABLE %s ALTER COLUMN customer_status DROP DEFAULT",
                SQL.identifier(table),
            )
        )
        create_index(cr, f"{table}__customer_status_index", table, ["customer_status"])
        _logger.info("%s: existing rows set to customer status 'active'", table)
    for table, columns in PRECREATED_COLUMNS.items():
        for column, sql_type in columns.items():
            if not column_exists(cr, table, column):
                create_column(cr, table, column, sql_type)
