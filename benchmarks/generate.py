#!/usr/bin/env python3
# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fill a database with customers, contacts, sites, quotes, messages and activities.

    python3 benchmarks/generate.py --db pmb_scale_dev --from pmb_addon \
        --partners 20000 --sites 4000 --check
    python3 benchmarks/generate.py --db pmb_scale_dev --partners 100000   # grow it
    python3 benchmarks/generate.py --db pmb_search_dev --from pmb_addon \
        --partners 10000 --pipeline 2000,500
    python3 benchmarks/generate.py --quick      # smoke run on a scratch database

Every figure is a total the database is grown to: rows this generator made
before are counted (by their ``PMB-`` references) and only the missing ones
are added, so a run can grow a database step by step.  ``--from`` copies a
template database into ``--db`` when ``--db`` does not exist yet.

Why not ``odoo-bin populate``: Odoo's populate fills each model through the
ORM with its own generic values, at a few hundred rows a second; these
benchmarks need a million customers in minutes, and shapes populate does not
make (prospects in pipeline stages, sites owned by customers, quotes and
chatter on given prospects).

What is made, in set-based SQL (``INSERT ... SELECT`` over ``generate_series``
in chunks of ``--chunk`` rows), each row a copy of one record created through
the ORM (so every NOT NULL and default column holds what Odoo would put
there), with the columns that differ computed from the row number:

- ``--partners`` customers: companies (``is_company``, their own commercial
  partner) with a name, reference, email, phone, address, a salesperson among
  five ``pmb_sales_*`` users, ``customer_rank`` 1 and the main company;
- ``--contacts`` contacts, each the child of a customer;
- ``--sites`` field service sites (``fsm.location``), each with its own
  partner as fieldservice makes it (``type`` and ``fsm_location`` set, child
  of the site's owner), owned by a customer;
- ``--quotes`` draft quotes of one line each, ``--messages`` chatter notes
  and ``--activities`` to-dos (leads and prospects first) on customers.

When prospect_management is installed (``customer_status`` exists) the
customers get a status mix (``--mix``, percent) or, with ``--pipeline
PROSPECTS,LEADS``, a fixed number of prospects and leads whatever the number
of customers (the rest active or suspended in the mix's proportions); leads
and prospects get an open stage, a prospect-since date, a potential; contacts
and sites take their customer's status.  Quotes only go to customers that may
have one (prospects and active customers).  The company uses leads when the
mix has any.  Without the addon no status column is touched.

Defaults: contacts 1/5, quotes 1/20, messages 1/2 and activities 1/20 of
``--partners``.  Speed: foreign-key triggers are off during the load
(``session_replication_role = replica`` when the role is a superuser; every
key points to an existing row), and a table that gets many rows has its
non-partial and GIN indexes dropped and rebuilt once at the end.  About 25 s
for 300,000 customers and 60,000 sites on 2 shared cores.

The generator ends with ``ANALYZE``; the command line also commits and runs
``VACUUM ANALYZE`` (hint bits and visibility map set once, not during the
first measurement).  ``--check`` verifies the result through the ORM: rows
read back, stored computed fields equal to what Odoo computes for a sample,
contacts and sites with their customer's status, sites' owners and partners,
``fsm.location`` display names.
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchlib

devenv = benchlib.devenv

MARK = "PMB"
CUSTOMER_REF = f"{MARK}-C"
CONTACT_REF = f"{MARK}-K"
SITE_REF = f"{MARK}-S"
QUOTE_NAME = f"{MARK}-Q"
MESSAGE_ID = "<pmb-"
ACTIVITY_SUMMARY = f"{MARK} call "
SALES_LOGIN = "pmb_sales_"
PRODUCT_CODE = f"{MARK}-SERVICE"
SALESPEOPLE = 5
DEFAULT_MIX = {"lead": 2.0, "prospect": 8.0, "active": 85.0, "suspended": 5.0}
CHUNK = 100_000
# adding at least this many rows (and half the table) to a table rebuilds its
# indexes instead of maintaining them row by row
INDEX_REBUILD_ROWS = 20_000
NOW = "(now() at time zone 'UTC')"
TABLES = (
    "res_partner",
    "fsm_location",
    "sale_order",
    "sale_order_line",
    "mail_message",
    "mail_activity",
)

WORDS_1 = [
    "Acme", "Apex", "Atlas", "Beacon", "Cedar", "Delta", "Echo", "Falcon",
    "Granite", "Harbor", "Iris", "Juniper", "Keystone", "Lumen", "Meridian",
    "Nova", "Orion", "Pioneer", "Quartz", "Summit", "Titan", "Vertex", "Willow",
    "Zenith",
]  # fmt: skip
WORDS_2 = [
    "Heating", "Plumbing", "Cooling", "Energy", "Facilities", "Boilers",
    "Climate", "Services", "Maintenance", "Installations", "Engineering",
    "Systems",
]  # fmt: skip
SUFFIXES = ["Ltd", "BV", "GmbH", "SA", "Inc", "NV", "SRL", "LLC"]
CITIES = [
    ("Ghent", "9000"), ("Antwerp", "2000"), ("Brussels", "1000"),
    ("Liège", "4000"), ("Bruges", "8000"), ("Namur", "5000"),
    ("Leuven", "3000"), ("Mons", "7000"), ("Hasselt", "3500"),
    ("Charleroi", "6000"),
]  # fmt: skip
STREETS = ["Rue Haute", "Kerkstraat", "Avenue Louise", "Stationsstraat", "Grand-Place"]


def defaults(partners):
    """Default totals of the other rows for ``partners`` customers."""
    return {
        "contacts": partners // 5,
        "quotes": partners // 20,
        "messages": partners // 2,
        "activities": partners // 20,
    }


# ----------------------------------------------------------------- SQL bits
def sql_array(values, cast="text"):
    """A SQL array literal of constants (strings quoted, numbers as is)."""
    if cast == "text":
        items = ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)
    else:
        items = ", ".join(str(int(v)) for v in values)
    return f"ARRAY[{items}]::{cast}[]"


def pick(values, index_sql, cast="text"):
    """SQL expression: ``values[index % len(values)]``."""
    return f"({sql_array(values, cast)})[1 + ({index_sql}) % {len(values)}]"


def columns_of(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s "
        "AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def has_column(cr, table, column):
    return column in columns_of(cr, table)


def insert_copies(cr, table, template, source, overrides):
    """Insert one copy of ``template`` (a row of ``table`` as a dict) per row of
    the query ``source`` (aliased ``src``); ``overrides`` maps columns to SQL
    expressions over ``src`` and ``t`` (the template).  Returns the row count.
    """
    columns = columns_of(cr, table)
    unknown = set(overrides) - set(columns)
    if unknown:
        raise ValueError(f"{table} has no column {', '.join(sorted(unknown))}")
    columns = [c for c in columns if c != "id" or "id" in overrides]
    select = [overrides.get(c, f't."{c}"') for c in columns]
    names = ", ".join(f'"{c}"' for c in columns)
    query = (
        f'INSERT INTO "{table}" ({names}) '
        f"SELECT {', '.join(select)} "
        f'FROM json_populate_record(NULL::"{table}", %s::json) t, ({source}) src'
    )
    # the expressions use SQL's modulo: escape it from the query parameters
    # pylint: disable-next=sql-injection
    cr.execute(query.replace("%", "%%").replace("%%s::json", "%s::json"), [template])
    return cr.rowcount


def count(cr, query, params=()):
    cr.execute(query, params)
    return cr.fetchone()[0]


def chunks(start, stop, size):
    """Inclusive ranges [a, b] covering start..stop."""
    for low in range(start, stop + 1, size):
        yield low, min(low + size - 1, stop)


def drop_indexes(cr, table):
    """Drop the indexes of ``table`` that no constraint needs; return the
    statements that make them again.  Building an index once over the rows is
    several times cheaper than maintaining it row by row (the trigram GIN
    index on phones alone costs more than the rest of an insert).  Partial
    B-tree indexes stay: most are ``WHERE x IS NOT NULL`` on columns the
    generated rows leave empty, cheap to maintain and a table scan to build.
    """
    cr.execute(
        """
        SELECT c.relname, pg_get_indexdef(i.indexrelid)
          FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          JOIN pg_am am ON am.oid = c.relam
         WHERE i.indrelid = %s::regclass
           AND (i.indpred IS NULL OR am.amname != 'btree')
           AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                            WHERE k.conindid = i.indexrelid)
        """,
        [table],
    )
    rows = cr.fetchall()
    for name, _definition in rows:
        # index names read from pg_index just above, not input
        cr.execute(f'DROP INDEX "{name}"')  # pylint: disable=sql-injection
    return [definition for _name, definition in rows]


# ----------------------------------------------------------- status mixes
def parse_mix(text):
    """``lead=2,prospect=8,active=85,suspended=5`` -> dict of percents."""
    mix = dict.fromkeys(DEFAULT_MIX, 0.0)
    for item in text.split(","):
        key, _sep, value = item.partition("=")
        if key.strip() not in mix:
            raise ValueError(f"unknown status {key!r} in the mix")
        mix[key.strip()] = float(value)
    if abs(sum(mix.values()) - 100) > 0.01:
        raise ValueError(f"the mix adds up to {sum(mix.values())}, not 100")
    return mix


def status_sql(n, mix, pipeline):
    """SQL expression of the status of customer number ``n``.

    With ``pipeline`` (prospects, leads), customers 1..prospects are prospects,
    the next ``leads`` are leads, and the others active or suspended in the
    proportions of ``mix``; otherwise ``mix`` gives every status (exact over
    every 10,000 consecutive customers: 7919 is prime to 10,000)."""
    bucket = f"(({n})::bigint * 7919 % 10000)"
    if pipeline:
        prospects, leads = pipeline
        live = mix["active"] + mix["suspended"]
        suspended = round(10000 * mix["suspended"] / live) if live else 0
        return (
            f"CASE WHEN {n} <= {prospects} THEN 'prospect' "
            f"WHEN {n} <= {prospects + leads} THEN 'lead' "
            f"WHEN {bucket} < {suspended} THEN 'suspended' ELSE 'active' END"
        )
    lead = round(100 * mix["lead"])
    prospect = lead + round(100 * mix["prospect"])
    active = prospect + round(100 * mix["active"])
    return (
        f"CASE WHEN {bucket} < {lead} THEN 'lead' "
        f"WHEN {bucket} < {prospect} THEN 'prospect' "
        f"WHEN {bucket} < {active} THEN 'active' ELSE 'suspended' END"
    )


# -------------------------------------------------------- ORM-made rows
def reference_records(env, with_leads):
    """Salespeople and a product that the generated rows point to (kept)."""
    Users = env["res.users"].with_context(no_reset_password=True)
    salespeople = Users.search([("login", "=like", f"{SALES_LOGIN}%")], order="id")
    group = env.ref("sales_team.group_sale_salesman")
    missing = [
        {
            "name": f"PMB Salesperson {i}",
            "login": f"{SALES_LOGIN}{i}",
            "email": f"{SALES_LOGIN}{i}@bench.example",
            "groups_id": [(6, 0, [group.id, env.ref("base.group_user").id])],
        }
        for i in range(len(salespeople) + 1, SALESPEOPLE + 1)
    ]
    if missing:
        salespeople |= Users.create(missing)
    Product = env["product.product"]
    product = Product.search([("default_code", "=", PRODUCT_CODE)], limit=1)
    if not product:
        product = Product.create(
            {
                "name": "PMB Maintenance Visit",
                "default_code": PRODUCT_CODE,
                "type": "service",
                "list_price": 100.0,
                "taxes_id": [(6, 0, [])],
            }
        )
    if with_leads and "prospect_use_leads" in env.company._fields:
        env.company.prospect_use_leads = True
    return salespeople, product


def row_of(cr, table, record_id):
    cr.execute(f'SELECT row_to_json(t) FROM "{table}" t WHERE id = %s', [record_id])
    return json.dumps(cr.fetchone()[0])


def template_rows(env, salesperson, product):
    """One row of each table, made by the ORM then rolled back: the copies get
    every column Odoo sets, and no template is left in the database."""
    cr = env.cr
    env.flush_all()
    cr.execute("SAVEPOINT pmb_templates")
    try:
        Partner = env["res.partner"].with_context(tracking_disable=True)
        customer = Partner.create(
            {
                "name": "PMB Template Customer",
                "is_company": True,
                "customer_rank": 1,
                "email": "template@bench.example",
                "phone": "+32 9 000 00 00",
                "street": "Rue Haute 1",
                "zip": "9000",
                "city": "Ghent",
                "country_id": env.ref("base.be").id,
                "user_id": salesperson.id,
                "company_id": env.company.id,
            }
        )
        contact = Partner.create(
            {
                "name": "PMB Template Contact",
                "parent_id": customer.id,
                "email": "contact@bench.example",
                "function": "Facility manager",
            }
        )
        site = (
            env["fsm.location"]
            .with_context(tracking_disable=True)
            .create(
                {
                    "name": "PMB Template Site",
                    "owner_id": customer.id,
                    "street": "Rue Haute 2",
                    "zip": "9000",
                    "city": "Ghent",
                    "country_id": env.ref("base.be").id,
                }
            )
        )
        order = (
            env["sale.order"]
            .with_context(tracking_disable=True)
            .create(
                {
                    "partner_id": customer.id,
                    "user_id": salesperson.id,
                    "order_line": [
                        (
                            0,
                            0,
                            {
                                "product_id": product.id,
                                "product_uom_qty": 1,
                                "price_unit": 100.0,
                            },
                        )
                    ],
                }
            )
        )
        # benchmark data, never shown to a user: no translation
        # pylint: disable-next=translation-required
        message = customer.message_post(
            body="Call report", message_type="comment", subtype_xmlid="mail.mt_note"
        )
        activity = customer.activity_schedule(
            "mail.mail_activity_data_call",
            summary="PMB call",
            user_id=salesperson.id,
        )
        env.flush_all()
        rows = {
            "customer": row_of(cr, "res_partner", customer.id),
            "contact": row_of(cr, "res_partner", contact.id),
            "site_partner": row_of(cr, "res_partner", site.partner_id.id),
            "site": row_of(cr, "fsm_location", site.id),
            "order": row_of(cr, "sale_order", order.id),
            "line": row_of(cr, "sale_order_line", order.order_line.id),
            "message": row_of(cr, "mail_message", message.id),
            "activity": row_of(cr, "mail_activity", activity.id),
        }
    finally:
        env.invalidate_all()
        cr.execute("ROLLBACK TO SAVEPOINT pmb_templates")
        cr.precommit.clear()
        cr.postcommit.clear()
    return rows


# ------------------------------------------------------------------ fill
def existing_counts(cr):
    return {
        "partners": count(
            cr,
            "SELECT count(*) FROM res_partner WHERE ref LIKE %s",
            [CUSTOMER_REF + "%"],
        ),
        "contacts": count(
            cr,
            "SELECT count(*) FROM res_partner WHERE ref LIKE %s",
            [CONTACT_REF + "%"],
        ),
        "sites": count(
            cr,
            "SELECT count(*) FROM fsm_location l JOIN res_partner p "
            "ON p.id = l.partner_id WHERE p.ref LIKE %s",
            [SITE_REF + "%"],
        ),
        "quotes": count(
            cr, "SELECT count(*) FROM sale_order WHERE name LIKE %s", [QUOTE_NAME + "%"]
        ),
        "messages": count(
            cr,
            "SELECT count(*) FROM mail_message WHERE message_id LIKE %s",
            [MESSAGE_ID + "%"],
        ),
        "activities": count(
            cr,
            "SELECT count(*) FROM mail_activity WHERE summary LIKE %s",
            [ACTIVITY_SUMMARY + "%"],
        ),
    }


def customers_table(cr, with_status):
    """``pmb_cust``: the generated customers by number (n = 1, 2, ...)."""
    status = "customer_status" if with_status else "NULL::varchar"
    cr.execute(
        f"""
        DROP TABLE IF EXISTS pmb_cust;
        CREATE TEMP TABLE pmb_cust AS
            SELECT substring(ref, {len(CUSTOMER_REF) + 1})::int AS n, id, name,
                   user_id, {status} AS status, street, zip, city
              FROM res_partner
             WHERE ref LIKE %s AND is_company;
        CREATE UNIQUE INDEX ON pmb_cust (n);
        ANALYZE pmb_cust;
        """,
        [CUSTOMER_REF + "%"],
    )
    return count(cr, "SELECT count(*) FROM pmb_cust")


def ranked_table(cr, name, where, order):
    """Temp table ``name`` (k, id, name, user_id) of some customers, k = 1..."""
    # name, condition and order are constants of this module, not input
    # pylint: disable-next=sql-injection
    cr.execute(
        f"""
        DROP TABLE IF EXISTS {name};
        CREATE TEMP TABLE {name} AS
            SELECT row_number() OVER (ORDER BY {order}) AS k, id, name, user_id
              FROM pmb_cust WHERE {where};
        CREATE UNIQUE INDEX ON {name} (k);
        ANALYZE {name};
        """
    )
    # the same constant table name as above
    return count(cr, f"SELECT count(*) FROM {name}")  # pylint: disable=sql-injection


class Filler:
    """The state of one :func:`fill`: templates, counts, what is added."""

    def __init__(self, cr, wanted, mix, pipeline, chunk, log):
        from odoo import SUPERUSER_ID, api

        self.cr = cr
        self.started = time.perf_counter()
        self.wanted = wanted
        self.mix = mix
        self.pipeline = pipeline
        self.chunk = chunk
        self.log = log
        self.env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        self.addon = has_column(cr, "res_partner", "customer_status")
        with_leads = bool(pipeline[1] if pipeline else mix["lead"])
        salespeople, product = reference_records(self.env, self.addon and with_leads)
        self.sales = salespeople.ids
        self.company = self.env.company
        self.templates = template_rows(self.env, salespeople[0], product)
        self.before = existing_counts(cr)
        self.added = dict.fromkeys(wanted, 0)
        self.ncust = 0

    def ranges(self, key):
        """Row numbers to add for ``key``, chunk by chunk."""
        return chunks(self.before[key] + 1, self.wanted[key], self.chunk)

    def progress(self, key, upto):
        self.log(f"{key}: {upto} ({time.perf_counter() - self.started:.1f}s)")

    def tables_to_reindex(self):
        """Tables that get many rows: their indexes are rebuilt at the end."""
        missing = {
            key: max(self.wanted[key] - self.before[key], 0) for key in self.wanted
        }
        adding = {
            "res_partner": missing["partners"] + missing["contacts"] + missing["sites"],
            "fsm_location": missing["sites"],
            "sale_order": missing["quotes"],
            "sale_order_line": missing["quotes"],
            "mail_message": missing["messages"],
            "mail_activity": missing["activities"],
        }
        tables = []
        for table, rows in adding.items():
            # table names are the constant keys of ``adding``, not input
            # pylint: disable-next=sql-injection
            present = count(self.cr, f'SELECT count(*) FROM "{table}"')
            if rows >= max(INDEX_REBUILD_ROWS, present // 2):
                tables.append(table)
        return tables

    def by_customer(self, rows, offset=0):
        """Source: row numbers ``g`` of ``rows``, each with a customer."""
        return (
            f"SELECT g, c.id AS cid, c.name AS cname, c.user_id AS cuser, "
            f"c.status AS cstatus, c.street AS cstreet, c.zip AS czip, "
            f"c.city AS ccity FROM generate_series({rows[0]}, {rows[1]}) g "
            f"JOIN pmb_cust c ON c.n = 1 + (g - 1 + {offset}) % {self.ncust}"
        )

    def customers(self):
        name = (
            f"{pick(WORDS_1, 'src.n')} || ' ' || {pick(WORDS_2, 'src.n / 24')} "
            f"|| ' ' || src.n || ' ' || {pick(SUFFIXES, 'src.n / 7')}"
        )
        email = "'info' || src.n || '@customer' || src.n % 1000 || '.example'"
        number = "lpad((src.n % 10000000)::text, 7, '0')"
        # what phone_validation stored for the template: E.164 when the
        # phonenumbers library is there, the number as typed otherwise
        typed = " " in (json.loads(self.templates["customer"])["phone_sanitized"] or "")
        overrides = {
            "id": "src.id",
            "commercial_partner_id": "src.id",
            "name": name,
            "complete_name": name,
            "commercial_company_name": name,
            "ref": f"'{CUSTOMER_REF}' || lpad(src.n::text, 7, '0')",
            "email": email,
            "email_normalized": email,
            "phone": f"'+32 9 ' || {number}",
            "phone_sanitized": f"'+32 9 ' || {number}"
            if typed
            else f"'+329' || {number}",
            "street": f"{pick(STREETS, 'src.n')} || ' ' || (1 + src.n % 200)",
            "zip": pick([z for _c, z in CITIES], "src.n / 3"),
            "city": pick([c for c, _z in CITIES], "src.n / 3"),
            "user_id": pick(self.sales, "src.n", "int"),
            "company_id": str(self.company.id),
            "customer_rank": "1",
            "create_date": NOW,
            "write_date": NOW,
        }
        if self.addon:
            status = status_sql("src.n", self.mix, self.pipeline)
            pre = f"({status}) IN ('lead', 'prospect')"
            stages = self.env["prospect.stage"].search(
                [
                    ("stage_type", "=", "open"),
                    ("company_id", "in", [self.company.id, False]),
                ]
            )
            sources = self.env["utm.source"].search([], limit=10).ids
            source = pick(sources, "src.n", "int") if sources else "NULL"
            overrides.update(
                {
                    "customer_status": status,
                    "prospect_stage_id": f"CASE WHEN {pre} THEN "
                    f"{pick(stages.ids, 'src.n', 'int')} END",
                    "prospect_since": f"CASE WHEN {pre} THEN "
                    "CURRENT_DATE - (src.n % 365)::int END",
                    "prospect_potential": f"CASE WHEN {pre} THEN (src.n % 4)::text END",
                    "prospect_source_id": f"CASE WHEN {pre} THEN {source} END",
                }
            )
        for low, high in self.ranges("partners"):
            source = (
                "SELECT nextval('res_partner_id_seq') AS id, g AS n "
                f"FROM generate_series({low}, {high}) g"
            )
            self.added["partners"] += insert_copies(
                self.cr, "res_partner", self.templates["customer"], source, overrides
            )
            self.progress("customers", high)
        self.ncust = customers_table(self.cr, self.addon)
        if not self.ncust:
            raise ValueError("no generated customer: give partners > 0")

    def contacts(self):
        first = ["Anna", "Bart", "Chloé", "Dirk", "Emma", "Frank", "Greet", "Hugo"]
        last = ["Peeters", "Janssens", "Maes", "Dubois", "Claes", "Lambert"]
        name = (
            f"{pick(first, 'src.g')} || ' ' || {pick(last, 'src.g / 8')} "
            "|| ' ' || src.g"
        )
        email = "'contact' || src.g || '@customer' || src.g % 1000 || '.example'"
        overrides = {
            "name": name,
            "complete_name": f"src.cname || ', ' || {name}",
            "commercial_company_name": "src.cname",
            "parent_id": "src.cid",
            "commercial_partner_id": "src.cid",
            "ref": f"'{CONTACT_REF}' || lpad(src.g::text, 7, '0')",
            "email": email,
            "email_normalized": email,
            "street": "src.cstreet",
            "zip": "src.czip",
            "city": "src.ccity",
            "company_id": str(self.company.id),
            "create_date": NOW,
            "write_date": NOW,
        }
        if self.addon:
            overrides["customer_status"] = "src.cstatus"
        for rows in self.ranges("contacts"):
            self.added["contacts"] += insert_copies(
                self.cr,
                "res_partner",
                self.templates["contact"],
                self.by_customer(rows),
                overrides,
            )
            self.progress("contacts", rows[1])

    def sites(self):
        """A partner (child of the owner, as fieldservice makes it), then the
        fsm_location that inherits it."""
        name = "'Site ' || src.g || ' ' || src.cname"
        partner_overrides = {
            "name": name,
            "complete_name": f"src.cname || ', ' || {name}",
            "commercial_company_name": "src.cname",
            "parent_id": "src.cid",
            "commercial_partner_id": "src.cid",
            "ref": f"'{SITE_REF}' || lpad(src.g::text, 7, '0')",
            "street": f"{pick(STREETS, 'src.g + 1')} || ' ' || (1 + src.g % 300)",
            "zip": pick([z for _c, z in CITIES], "src.g"),
            "city": pick([c for c, _z in CITIES], "src.g"),
            "company_id": str(self.company.id),
            "create_date": NOW,
            "write_date": NOW,
        }
        site_overrides = {
            "id": "src.id",
            "partner_id": "src.pid",
            "owner_id": "src.cid",
            "parent_path": "src.id || '/'",
            # fieldservice: "[ref] name" of the partner
            "complete_name": "'[' || src.ref || '] ' || src.pname",
            "create_date": NOW,
            "write_date": NOW,
        }
        status = "NULL"
        if self.addon:
            partner_overrides["customer_status"] = "src.cstatus"
            site_overrides["customer_status"] = "src.cstatus"
            status = "p.customer_status"
        for rows in self.ranges("sites"):
            last = count(self.cr, "SELECT COALESCE(max(id), 0) FROM res_partner")
            # owners taken from the middle of the list, contacts' from the start
            insert_copies(
                self.cr,
                "res_partner",
                self.templates["site_partner"],
                self.by_customer(rows, offset=self.ncust // 2),
                partner_overrides,
            )
            source = (
                "SELECT nextval('fsm_location_id_seq') AS id, p.id AS pid, "
                f"p.parent_id AS cid, p.ref, p.name AS pname, {status} AS cstatus "
                f"FROM res_partner p WHERE p.id > {last} "
                f"AND p.ref LIKE '{SITE_REF}%' ORDER BY p.id"
            )
            self.added["sites"] += insert_copies(
                self.cr, "fsm_location", self.templates["site"], source, site_overrides
            )
            self.progress("sites", rows[1])

    def quotes(self):
        """Draft quotes with one line, for customers that may have one."""
        quotable = ranked_table(
            self.cr,
            "pmb_quotable",
            "status IS NULL OR status IN ('prospect', 'active')",
            "n",
        )
        order_overrides = {
            "name": f"'{QUOTE_NAME}' || lpad(src.g::text, 7, '0')",
            "partner_id": "src.cid",
            "partner_invoice_id": "src.cid",
            "partner_shipping_id": "src.cid",
            "user_id": "src.cuser",
            "state": "'draft'",
            "date_order": f"{NOW} - (src.g % 90) * interval '1 day'",
            "amount_untaxed": "100 * (1 + src.g % 5)",
            "amount_total": "100 * (1 + src.g % 5)",
            "amount_tax": "0",
            "access_token": "NULL",
            "create_date": NOW,
            "write_date": NOW,
        }
        line_overrides = {
            "order_id": "src.oid",
            "order_partner_id": "src.cid",
            "salesman_id": "src.cuser",
            "product_uom_qty": "src.qty",
            "price_subtotal": "100 * src.qty",
            "price_total": "100 * src.qty",
            "untaxed_amount_to_invoice": "0",
            "create_date": NOW,
            "write_date": NOW,
        }
        for low, high in self.ranges("quotes"):
            last = count(self.cr, "SELECT COALESCE(max(id), 0) FROM sale_order")
            source = (
                "SELECT g, q.id AS cid, q.user_id AS cuser "
                f"FROM generate_series({low}, {high}) g "
                f"JOIN pmb_quotable q ON q.k = 1 + (g - 1) % {quotable}"
            )
            self.added["quotes"] += insert_copies(
                self.cr, "sale_order", self.templates["order"], source, order_overrides
            )
            source = (
                "SELECT id AS oid, partner_id AS cid, user_id AS cuser, "
                "amount_untaxed / 100 AS qty "
                f"FROM sale_order WHERE id > {last} AND name LIKE '{QUOTE_NAME}%'"
            )
            insert_copies(
                self.cr,
                "sale_order_line",
                self.templates["line"],
                source,
                line_overrides,
            )
            self.progress("quotes", high)

    def messages(self):
        overrides = {
            "res_id": "src.cid",
            "record_name": "src.cname",
            "body": "'<p>Call report ' || src.g || ': discussed the boiler room</p>'",
            "message_id": f"'{MESSAGE_ID}' || src.g || '@bench.example>'",
            "date": f"{NOW} - src.g * interval '1 minute'",
            "create_date": f"{NOW} - src.g * interval '1 minute'",
            "write_date": NOW,
        }
        for rows in self.ranges("messages"):
            self.added["messages"] += insert_copies(
                self.cr,
                "mail_message",
                self.templates["message"],
                self.by_customer(rows),
                overrides,
            )
            self.progress("messages", rows[1])

    def activities(self):
        """To-dos, overdue to planned; leads and prospects get theirs first."""
        targets = ranked_table(
            self.cr,
            "pmb_targets",
            "true",
            "(status IN ('lead', 'prospect')) DESC NULLS LAST, n",
        )
        overrides = {
            "res_id": "src.cid",
            "res_name": "src.cname",
            "user_id": f"COALESCE(src.cuser, {self.sales[0]})",
            "summary": f"'{ACTIVITY_SUMMARY}' || src.g",
            "date_deadline": "CURRENT_DATE + (src.g % 21 - 10)::int",
            "create_date": NOW,
            "write_date": NOW,
        }
        for low, high in self.ranges("activities"):
            source = (
                "SELECT g, a.id AS cid, a.name AS cname, a.user_id AS cuser "
                f"FROM generate_series({low}, {high}) g "
                f"JOIN pmb_targets a ON a.k = 1 + (g - 1) % {targets}"
            )
            self.added["activities"] += insert_copies(
                self.cr, "mail_activity", self.templates["activity"], source, overrides
            )
            self.progress("activities", high)


def fill(
    cr,
    partners,
    sites=0,
    contacts=None,
    quotes=None,
    messages=None,
    activities=None,
    mix=None,
    pipeline=None,
    chunk=CHUNK,
    log=devenv.say,
):
    """Grow the database of ``cr`` up to these totals (see the module doc).

    ``contacts``, ``quotes``, ``messages`` and ``activities`` default to a
    share of ``partners`` (:func:`defaults`); ``mix`` is a dict of percents
    by status, ``pipeline`` a (prospects, leads) pair for a fixed pipeline.
    Nothing is committed.  Returns the totals, what was added and the time.
    """
    wanted = dict(defaults(partners), partners=partners, sites=sites)
    given = {
        "contacts": contacts,
        "quotes": quotes,
        "messages": messages,
        "activities": activities,
    }
    wanted.update({key: value for key, value in given.items() if value is not None})
    filler = Filler(cr, wanted, mix or DEFAULT_MIX, pipeline, chunk, log)
    # Foreign keys are checked by triggers, one query per row and key (half
    # the time of an insert, and quadratic when a check plan made on a small
    # table seq-scans the growing one).  Every key set here points to a row
    # that exists (see check()): load like pg_restore does, triggers off.
    replica = count(cr, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    if replica:
        cr.execute("SET LOCAL session_replication_role = replica")
    indexes = []
    for table in filler.tables_to_reindex():
        indexes += drop_indexes(cr, table)
    filler.customers()
    filler.contacts()
    filler.sites()
    filler.quotes()
    filler.messages()
    filler.activities()
    cr.execute("DROP TABLE pmb_cust, pmb_quotable, pmb_targets")
    rebuilt = time.perf_counter()
    if indexes:
        cr.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for statement in indexes:
            cr.execute(statement)
        log(f"{len(indexes)} indexes rebuilt in {time.perf_counter() - rebuilt:.1f}s")
    if replica:
        cr.execute("SET LOCAL session_replication_role = DEFAULT")
    analyzed = time.perf_counter()
    # TABLES is a constant of this module, not input
    cr.execute("ANALYZE " + ", ".join(TABLES))  # pylint: disable=sql-injection
    filler.env.invalidate_all()
    return {
        "totals": {key: filler.before[key] + filler.added[key] for key in wanted},
        "added": filler.added,
        "with_addon": filler.addon,
        "pipeline": list(pipeline) if pipeline else None,
        "mix": None if pipeline else (mix or DEFAULT_MIX),
        "seconds": round(time.perf_counter() - filler.started, 2),
        "indexes_rebuilt": len(indexes),
        "index_seconds": round(analyzed - rebuilt, 2),
        "analyze_seconds": round(time.perf_counter() - analyzed, 2),
    }


def vacuum(db):
    """VACUUM ANALYZE the generated tables (outside any transaction)."""
    started = time.perf_counter()
    benchlib.psql(db, "VACUUM ANALYZE " + ", ".join(TABLES))
    return time.perf_counter() - started


# ----------------------------------------------------------------- check
def check(env, sample=200):
    """Read the generated rows back through the ORM; raise on any mismatch.

    Returns what was checked (counts)."""
    cr = env.cr
    Partner = env["res.partner"].with_context(active_test=False)
    addon = "customer_status" in Partner._fields
    problems = []

    def expect(condition, message):
        if not condition:
            problems.append(message)

    customers = Partner.search([("ref", "=like", CUSTOMER_REF + "%")], limit=sample)
    contacts = Partner.search([("ref", "=like", CONTACT_REF + "%")], limit=sample)
    sites = env["fsm.location"].search(
        [("partner_id.ref", "=like", SITE_REF + "%")], limit=sample
    )
    expect(customers and contacts, "no customer or contact read back")
    for partner in customers:
        expect(partner.is_company, f"{partner.ref} is not a company")
        expect(partner.commercial_partner_id == partner, f"{partner.ref} commercial")
        expect(partner.user_id and partner.email, f"{partner.ref} salesperson/email")
    for contact in contacts:
        company = contact.parent_id
        expect(company.is_company, f"{contact.ref} has no company")
        expect(contact.commercial_partner_id == company, f"{contact.ref} commercial")
        if addon:
            expect(
                contact.customer_status == company.customer_status,
                f"{contact.ref} status {contact.customer_status} != "
                f"{company.customer_status}",
            )
    for site in sites:
        owner = site.owner_id
        expect(owner.ref.startswith(CUSTOMER_REF), f"site {site.id} owner {owner.ref}")
        expect(site.partner_id.parent_id == owner, f"site {site.id} partner parent")
        expect(site.partner_id.type == "fsm_location", f"site {site.id} partner type")
        expect(site.partner_id.fsm_location, f"site {site.id} fsm_location flag")
        expect(site.display_name, f"site {site.id} has no display name")
        if addon:
            expect(
                site.customer_status == owner.customer_status
                and site.partner_id.customer_status == owner.customer_status,
                f"site {site.id} status",
            )
    # stored computed fields: what the ORM would compute for the sample
    recomputed = {
        "res.partner": (
            customers | contacts | sites.partner_id,
            [
                "complete_name",
                "commercial_partner_id",
                "commercial_company_name",
                "partner_share",
                "email_normalized",
                "phone_sanitized",
            ]
            + (["customer_status", "prospect_stage_id"] if addon else []),
        ),
        "fsm.location": (sites, ["complete_name", "parent_path"]),
    }
    orders = env["sale.order"].search([("name", "=like", QUOTE_NAME + "%")], limit=50)
    recomputed["sale.order"] = (orders, ["amount_untaxed", "amount_total"])
    recomputed["sale.order.line"] = (
        orders.order_line,
        ["price_subtotal", "price_total"],
    )
    for model, (records, names) in recomputed.items():
        records = records.with_env(env)
        names = [n for n in names if n in records._fields]
        stored = {(r.id, n): r[n] for r in records for n in names}
        env.invalidate_all()
        for name in names:
            if records._fields[name].compute:
                env.add_to_compute(records._fields[name], records)
        records._recompute_recordset(names)
        for (rid, name), value in stored.items():
            fresh = records.browse(rid)[name]
            expect(fresh == value, f"{model}({rid}).{name}: {value!r} != {fresh!r}")
    # whole-table invariants, in SQL
    if addon:
        mismatched = count(
            cr,
            "SELECT count(*) FROM res_partner p JOIN res_partner c "
            "ON c.id = p.commercial_partner_id WHERE p.id != c.id "
            "AND p.customer_status IS DISTINCT FROM c.customer_status",
        )
        expect(not mismatched, f"{mismatched} contacts without their company status")
        mismatched = count(
            cr,
            "SELECT count(*) FROM fsm_location l JOIN res_partner o "
            "ON o.id = l.owner_id WHERE l.customer_status != o.customer_status",
        )
        expect(not mismatched, f"{mismatched} sites without their owner's status")
    mismatched = count(
        cr,
        "SELECT count(*) FROM fsm_location l JOIN res_partner p "
        "ON p.id = l.partner_id WHERE p.parent_id != l.owner_id",
    )
    expect(not mismatched, f"{mismatched} site partners not children of the owner")
    names = env["fsm.location"].browse(sites.ids).mapped("display_name")
    expect(all(names), "an fsm.location without display_name")
    if problems:
        raise AssertionError("; ".join(problems[:20]))
    return {
        "customers": len(customers),
        "contacts": len(contacts),
        "sites": len(sites),
        "quotes": len(orders),
    }


# --------------------------------------------------------------- command
def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database to fill (default with --quick)")
    parser.add_argument("--from", dest="source", help="copy it when --db is missing")
    parser.add_argument("--partners", type=int, default=20_000, help="customers")
    parser.add_argument("--sites", type=int, default=4_000)
    parser.add_argument("--contacts", type=int, help="default: partners / 5")
    parser.add_argument("--quotes", type=int, help="default: partners / 20")
    parser.add_argument("--messages", type=int, help="default: partners / 2")
    parser.add_argument("--activities", type=int, help="default: partners / 20")
    parser.add_argument(
        "--mix",
        default="lead=2,prospect=8,active=85,suspended=5",
        help="status mix in percent",
    )
    parser.add_argument(
        "--pipeline", help="PROSPECTS,LEADS: a fixed pipeline whatever --partners"
    )
    parser.add_argument("--chunk", type=int, default=CHUNK)
    parser.add_argument("--check", action="store_true", help="verify with the ORM")
    parser.add_argument("--no-vacuum", action="store_true")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 3,000 customers and 600 sites in pmb_scale_quick "
        "(copied from pmb_addon), checked",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.db = args.db or "pmb_scale_quick"
        args.source = args.source or "pmb_addon"
        args.partners, args.sites, args.check = 3000, 600, True
        args.chunk = 1000  # several chunks, as a big run does
    if not args.db:
        parser.error("--db is required (or --quick)")
    return args


def parse_pipeline(text):
    if not text:
        return None
    prospects, _sep, leads = text.partition(",")
    return int(prospects), int(leads or 0)


def main(argv=None):
    args = parse_args(argv)
    benchlib.setup()
    if not devenv.database_exists(args.db):
        if not args.source:
            devenv.die(f"database {args.db} does not exist: give --from to copy one")
        if args.source in (benchlib.BASE_DB, benchlib.ADDON_DB):
            benchlib.template(args.source == benchlib.ADDON_DB)
        devenv.say(f"copying {args.source} into {args.db}")
        benchlib.clone(args.source, args.db)
    with benchlib.registry(args.db).cursor() as cr:
        result = fill(
            cr,
            args.partners,
            sites=args.sites,
            contacts=args.contacts,
            quotes=args.quotes,
            messages=args.messages,
            activities=args.activities,
            mix=parse_mix(args.mix),
            pipeline=parse_pipeline(args.pipeline),
            chunk=args.chunk,
        )
        # the rows must outlive this process: benchmarks read them later
        cr.commit()  # pylint: disable=invalid-commit
    if not args.no_vacuum:
        result["vacuum_seconds"] = round(vacuum(args.db), 2)
    benchlib.emit(json.dumps(result))
    if args.check:
        from odoo import SUPERUSER_ID, api

        with benchlib.registry(args.db).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            checked = check(env)
            cr.rollback()
        benchlib.emit(f"checked through the ORM: {json.dumps(checked)}")
    return result


if __name__ == "__main__":
    main()
