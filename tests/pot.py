# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The module's translation template, as Odoo exports it, without demo data.

Shared by ``tools/i18n`` (which writes ``i18n/prospect_management.pot``) and
``test_i18n`` (which fails when the committed file is not current), so that
both agree on what the template holds.
"""

import csv
import io
import re
from pathlib import Path

import polib
from lxml import etree

from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationFileWriter, TranslationModuleReader

MODULE = "prospect_management"
POT_PATH = Path("i18n") / f"{MODULE}.pot"
# dates change at every export: OCA's templates leave them out
VOLATILE_METADATA = ("POT-Creation-Date", "PO-Revision-Date")


def module_path():
    return Path(get_module_path(MODULE))


def demo_xmlids(env):
    """Full external ids of the records the module's demo files declare.

    Demo records are not translated (a production database has none), but
    Odoo exports the terms of every record of the module that has an
    external id, demo or not: the template leaves them out, so that it is
    the same whether the database was created with demo data or without.
    """
    manifest = env["ir.module.module"].get_module_info(MODULE)
    root = module_path()
    ids = set()
    for name in manifest.get("demo", []):
        path = root / name
        if path.suffix == ".xml":
            ids.update(
                node.get("id")
                for node in etree.parse(str(path)).iter()
                if node.get("id")
            )
        elif path.suffix == ".csv":
            with open(path, newline="", encoding="utf-8") as fh:
                ids.update(row["id"] for row in csv.DictReader(fh) if row.get("id"))
    xmlids = {xmlid if "." in xmlid else f"{MODULE}.{xmlid}" for xmlid in ids}
    # a record of a model that _inherits another one (product.product from
    # product.template) also gives its parent record an external id
    for xmlid in list(xmlids):
        model = env["ir.model.data"]._xmlid_to_res_model_res_id(xmlid)[0]
        if model in env:
            xmlids.update(
                f"{xmlid}_{parent.replace('.', '_')}" for parent in env[model]._inherits
            )
    return xmlids


def build_pot(env):
    """The translation template of the module, as a ``polib.POFile``."""
    demo = demo_xmlids(env)
    rows = [
        row
        for row in TranslationModuleReader(env.cr, modules=[MODULE])
        # row: module, type, name, res_id (the external id for records), ...
        if not (row[1] in ("model", "model_terms") and row[3] in demo)
    ]
    buffer = io.BytesIO()
    TranslationFileWriter(buffer, fileformat="po", lang=None).write_rows(rows)
    pot = polib.pofile(buffer.getvalue().decode())
    for key in VOLATILE_METADATA:
        pot.metadata.pop(key, None)
    return pot


def committed_pot():
    """The template committed in the module, or None when there is none."""
    path = module_path() / POT_PATH
    return polib.pofile(str(path)) if path.exists() else None


# the languages the module ships complete (tools/i18n --sync-po keeps them
# in step with the template)
LANGUAGES = ("de", "es", "fr")
# what a translation must keep exactly as the source has it: Python
# placeholders (named or not, and the escaped percent sign), inline
# template expressions ({{ object.name }}), HTML/QWeb tags with their
# attributes, and domains quoted in help texts
PLACEHOLDER = re.compile(r"%%|%\(\w+\)[sdr]|%[sdr]|\{\{.*?\}\}|<[^>]+>|\[\(.*?\)\]")
NAMED = re.compile(r"(?<!%)%\((\w+)\)[sdr]")


def language_files():
    """``{language code: polib file}`` of the module's ``i18n/*.po``."""
    return {
        path.stem: polib.pofile(str(path))
        for path in sorted((module_path() / "i18n").glob("*.po"))
    }


def placeholders(text):
    """The sorted placeholders and markup a translation must keep."""
    return sorted(PLACEHOLDER.findall(text))


def format_problem(msgid, msgstr):
    """Why ``msgstr`` cannot replace ``msgid`` in Python's %-formatting, or
    None.  Odoo formats a translated ``_()`` string with the values of the
    source's named placeholders: a stray ``%`` or a renamed placeholder in
    the translation raises then, in front of the user."""
    names = set(NAMED.findall(msgid))
    if not names:
        return None
    values = dict.fromkeys(names, "x")
    try:
        msgstr % values
    except (KeyError, ValueError, TypeError) as error:
        return f"{type(error).__name__}: {error}"
    return None
