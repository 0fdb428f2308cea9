# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Copy rows of a table in SQL, keeping what points between them.

A conversion copies a prospect's chatter (thousands of messages, documents,
tracking values) to a customer.  Through the ORM each row is sanitised,
defaulted and access-checked on its own (20 s for 10,000 messages); here one
``INSERT ... SELECT`` per table copies them all, with ids drawn from the
table's sequence beforehand so that the copies can point to each other.

The caller decides what may be copied (access, which rows); these functions
only copy, then make the ORM forget what it cached of the copied columns and
of their inverse fields, so that reads in the same transaction see the
copies.
"""

import json

from odoo.tools import SQL


def copy_rows(env, model_name, ids, values, remap=(), repoint=None):
    """Copy the rows ``ids`` of ``model_name`` in one INSERT ... SELECT.

    :param values: {column: value or SQL} for the columns the copies change;
        the other stored columns keep the original's value
    :param remap: many2one columns pointing into the copied rows themselves
        (a reply's parent): the copies point to the copies
    :param repoint: {many2one column: {old id: new id}} for columns pointing
        to other rows that were copied (a tracking value's message)
    :return: {original id: copy id}
    """
    ids = list(ids)
    if not ids:
        return {}
    Model = env[model_name]
    cr = env.cr
    table = SQL.identifier(Model._table)
    cr.execute(
        SQL(
            "SELECT nextval(%s) FROM generate_series(1, %s)",
            f"{Model._table}_id_seq",
            len(ids),
        )
    )
    copy_ids = [row[0] for row in cr.fetchall()]
    now = SQL("now() AT TIME ZONE 'UTC'")
    values = dict(
        values,
        create_uid=env.uid,
        write_uid=env.uid,
        create_date=now,
        write_date=now,
    )
    for column, mapping in (repoint or {}).items():
        values[column] = mapped(SQL.identifier("original", column), mapping)
    columns = [
        name
        for name, field in Model._fields.items()
        if field.store and field.column_type and name != "id"
    ]
    selected = [
        SQL.identifier("original", name)
        if name not in values
        else values[name]
        if isinstance(values[name], SQL)
        else SQL("%s", values[name])
        for name in columns
    ]
    cr.execute(
        SQL(
            "INSERT INTO %(table)s (id, %(columns)s) "
            "SELECT pair.copy_id, %(selected)s FROM %(table)s original "
            "JOIN unnest(%(ids)s::int[], %(copy_ids)s::int[]) "
            "AS pair(original_id, copy_id) ON original.id = pair.original_id",
            table=table,
            columns=SQL(", ").join(SQL.identifier(name) for name in columns),
            selected=SQL(", ").join(selected),
            ids=ids,
            copy_ids=copy_ids,
        )
    )
    for column in remap:
        cr.execute(
            SQL(
                "UPDATE %(table)s copy SET %(column)s = pair.copy_id "
                "FROM unnest(%(ids)s::int[], %(copy_ids)s::int[]) "
                "AS pair(original_id, copy_id) "
                "WHERE copy.id = ANY(%(copy_ids)s) "
                "AND copy.%(column)s = pair.original_id",
                table=table,
                column=SQL.identifier(column),
                ids=ids,
                copy_ids=copy_ids,
            )
        )
    # the ORM forgets what it cached of these columns, and of the fields
    # that are their inverses (a customer's messages, a message's tracking
    # values): reads see the copies in the same transaction
    Model.invalidate_model(columns)
    return dict(zip(ids, copy_ids, strict=True))


def copy_relations(env, model_name, copy_of, fields_mapping):
    """Give the copies the many2many links of their originals.

    :param copy_of: {original id: copy id} of ``model_name``'s rows
    :param fields_mapping: {many2many field: {old id: new id}} to link a
        copy to the copy of a linked record rather than to the record
    """
    if not copy_of:
        return
    Model = env[model_name]
    for fname, mapping in fields_mapping.items():
        field = Model._fields[fname]
        column2 = SQL.identifier("rel", field.column2)
        env.cr.execute(
            SQL(
                "INSERT INTO %(rel)s (%(col1)s, %(col2)s) "
                "SELECT pair.copy_id, %(linked)s FROM %(rel)s rel "
                "JOIN unnest(%(originals)s::int[], %(copies)s::int[]) "
                "AS pair(original_id, copy_id) "
                "ON rel.%(col1)s = pair.original_id ON CONFLICT DO NOTHING",
                rel=SQL.identifier(field.relation),
                col1=SQL.identifier(field.column1),
                col2=SQL.identifier(field.column2),
                linked=mapped(column2, mapping),
                originals=list(copy_of),
                copies=list(copy_of.values()),
            )
        )
    Model.invalidate_model(list(fields_mapping))


def mapped(column, mapping):
    """SQL of ``column``'s value translated through ``mapping`` (unmapped
    values are kept)."""
    if not mapping:
        return column
    return SQL(
        "COALESCE((%s::jsonb ->> %s::text)::int, %s)",
        json.dumps({str(old): new for old, new in mapping.items()}),
        column,
        column,
    )
