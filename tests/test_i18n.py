# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import ProspectCommon
from .pot import (
    LANGUAGES,
    POT_PATH,
    build_pot,
    committed_pot,
    demo_xmlids,
    format_problem,
    language_files,
    placeholders,
)


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


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """French, German and Spanish users get the whole module in their
    language: every string of the template is translated, and no
    translation breaks a placeholder or the markup around it."""

    def test_every_language_translates_every_template_string(self):
        template = [entry.msgid for entry in committed_pot()]
        files = language_files()
        self.assertLessEqual(set(LANGUAGES), set(files), "a language file is missing")
        problems = []
        for lang, po in files.items():
            self.assertEqual(po.metadata.get("Language"), lang, f"{lang}.po header")
            self.assertIn("nplurals=", po.metadata.get("Plural-Forms", ""), lang)
            translated = {e.msgid for e in po if e.msgstr and not e.fuzzy}
            known = {e.msgid for e in po}
            missing = [msgid for msgid in template if msgid not in translated]
            stale = sorted(known - set(template))
            if missing or stale:
                problems.append(
                    f"{lang}.po: {len(missing)} untranslated {missing[:5]}, "
                    f"{len(stale)} not in the template {stale[:5]}"
                )
        self.assertFalse(
            problems,
            "run tools/i18n --sync-po, translate the empty msgstr and commit:\n"
            + "\n".join(problems),
        )

    def test_translations_keep_placeholders_and_markup(self):
        problems = []
        # translations with a placeholder or markup checked, per language: a
        # missing or empty file must not pass for a file without problems
        checked = dict.fromkeys(LANGUAGES, 0)
        for lang, po in language_files().items():
            for entry in po.translated_entries():
                if placeholders(entry.msgid):
                    checked[lang] = checked.get(lang, 0) + 1
                if placeholders(entry.msgid) != placeholders(entry.msgstr):
                    problems.append(
                        f"{lang}: {entry.msgid[:60]!r}: "
                        f"{placeholders(entry.msgid)} != "
                        f"{placeholders(entry.msgstr)}"
                    )
                problem = format_problem(entry.msgid, entry.msgstr)
                if problem:
                    problems.append(f"{lang}: {entry.msgid[:60]!r}: {problem}")
        self.assertTrue(all(checked.values()), f"nothing checked in: {checked}")
        self.assertFalse(problems, "\n".join(problems))

    def test_the_checks_catch_a_broken_translation(self):
        # the checks above must be able to fail
        msgid = "%(name)s is suspended: reactivate the customer before quoting it."
        self.assertNotEqual(
            placeholders(msgid), placeholders("%(nom)s est suspendu : réactivez-le.")
        )
        self.assertTrue(format_problem(msgid, "%(nom)s est suspendu."))
        self.assertTrue(format_problem(msgid, "%(name)s est suspendu à 100 %."))
        self.assertIsNone(format_problem(msgid, "%(name)s est suspendu."))
        self.assertNotEqual(
            placeholders('<span class="o_stat_text">Converted Into</span>'),
            placeholders("<span>Converti en</span>"),
        )


@tagged("post_install", "-at_install")
class TestFrenchUser(ProspectCommon):
    """A French office works in French: statuses, labels and refusals."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["prospect_management"], ["fr_FR"], overwrite=True
        )
        (cls.manager | cls.salesman).lang = "fr_FR"

    def _as(self, user, record):
        # the web client sends the user's language in every request's context
        return record.with_user(user).with_context(lang=user.lang)

    def test_a_backward_status_change_is_refused_in_french(self):
        with self.assertRaises(UserError) as caught:
            self._as(self.manager, self.active).write({"customer_status": "prospect"})
        # the sentence comes from fr.po, the two statuses from the field's
        # translated selection
        self.assertEqual(
            str(caught.exception),
            "Live Ltd ne peut pas revenir du statut Actif au statut Prospect : "
            "un statut client ne fait qu'avancer "
            "(Piste → Prospect → Actif ⇄ Suspendu).",
        )

    def test_a_salesperson_is_told_in_french_who_changes_statuses(self):
        with self.assertRaises(AccessError) as caught:
            self._as(self.salesman, self.prospect).write({"customer_status": "active"})
        self.assertIn(
            "Seul un responsable des prospects peut modifier le statut client",
            str(caught.exception),
        )

    def test_fields_menus_and_actions_show_in_french(self):
        partners = self.env["res.partner"].with_context(lang="fr_FR")
        field = partners.fields_get(["customer_status"])["customer_status"]
        self.assertEqual(field["string"], "Statut client")
        self.assertEqual(
            dict(field["selection"]),
            {
                "lead": "Piste",
                "prospect": "Prospect",
                "active": "Actif",
                "suspended": "Suspendu",
            },
        )
        action = self.env.ref("prospect_management.action_prospect_convert_wizard")
        self.assertEqual(action.with_context(lang="fr_FR").name, "Convertir en client")
        self.assertEqual(action.with_context(lang="en_US").name, "Convert to Customer")

    def test_views_show_in_french(self):
        # arch terms keep their markup: Odoo drops a translated term whose
        # tags differ from the source's, and the English would show
        order_form = self.env.ref("sale.view_order_form").id
        arch = (
            self.env["sale.order"]
            .with_context(lang="fr_FR")
            .get_view(order_form, "form")["arch"]
        )
        self.assertIn("Devis pour un prospect.", arch)
        self.assertIn("Le confirmer fait du prospect un client actif", arch)
        self.assertNotIn("Quote for a prospect.", arch)
        partner_form = (
            self.env["res.partner"].with_context(lang="fr_FR").get_view(False, "form")
        )
        self.assertIn("existe peut-être déjà", partner_form["arch"])
