# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

from .pot import POT_PATH, build_pot, committed_pot, demo_xmlids


@tagged("post_install", "-at_install")
class TestTranslationTemplate(TransactionCase):
    """Translators work from the committed template: it must be current."""

    def test_committed_pot_has_every_translatable_string_and_no_stale_one(self):
        committed = committed_pot()
        self.assertIsNotNone(committed, f"{POT_PATH} is missing: run tools/i18n")
        current = {entry.msgid for entry in build_pot(self.env)}
        self.assertTrue(current, "the export found no translatable string at all")
        known = {entry.msgid for entry in committed}
        missing = sorted(current - known)
        stale = sorted(known - current)
        self.assertFalse(
            missing or stale,
            f"{POT_PATH} is not current: run tools/i18n and commit it.\n"
            f"Missing ({len(missing)}): {missing[:20]}\n"
            f"Stale ({len(stale)}): {stale[:20]}",
        )

    def test_template_leaves_out_demo_records(self):
        # a production database has no demo records: translators never see them
        names = set()
        for xmlid in demo_xmlids(self.env):
            record = self.env.ref(xmlid, raise_if_not_found=False)
            field = record and record._fields.get("name")
            if field and field.translate:
                names.add(record.name)
        self.assertTrue(names, "no demo record with a translatable name is loaded")
        msgids = {entry.msgid for entry in build_pot(self.env)}
        self.assertIn("Customer Status", msgids)
        self.assertFalse(names & msgids, "demo names are in the template")
