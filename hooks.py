# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo.tools.sql import column_exists, create_index

_logger = logging.getLogger(__name__)

STATUS_TABLES = ("res_partner", "fsm_location")


def pre_init_hook(env):
    """Make every existing partner and site ``active`` before the ORM sees them.

    ``ADD COLUMN ... DEFAULT`` is a catalogue-only change in PostgreSQL 11+:
    no row is rewritten, so it takes milliseconds on millions of partners.
    Dropping the default right after keeps the value of existing rows while
    new rows get theirs from the ORM.  Because the column already exists when
    the module's fields are set up, Odoo does not recompute it row by row.
    """
    cr = env.cr
    for table in STATUS_TABLES:
        if column_exists(cr, table, "customer_status"):
            continue
        cr.execute(
            f"ALTER TABLE {table} "  # noqa: S608 - constant table names
            "ADD COLUMN customer_status varchar DEFAULT 'active'"
        )
        cr.execute(f"ALTER TABLE {table} ALTER COLUMN customer_status DROP DEFAULT")
        create_index(
            cr, f"{table}__customer_status_index", table, ["customer_status"]
        )
        _logger.info("%s: existing rows set to customer status 'active'", table)
