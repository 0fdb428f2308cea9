# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestRetention(ProspectCommon):
    """Lost prospects and untouched leads go after the retention period:
    erased, or anonymised when they hold documents; never a customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.prospect_retention_months = 12
        cls.lost_stage = cls.env.ref("prospect_management.stage_lost")
        cls.reason = cls.env.ref("prospect_management.lost_reason_competitor")
        cls.product = cls.env["product.product"].create(
            {"name": "Retention Test Service", "type": "service", "list_price": 150}
        )
        cls.Partner = cls.env["res.partner"]
        cls.admin = new_test_user(
            cls.env,
            login="pm_retention_admin",
            groups="base.group_system,sales_team.group_sale_manager",
            name="Ada Admin",
        )
        cls.other_company = cls.env["res.company"].create(
            {"name": "Retention Sister Co"}
        )

    # ------------------------------------------------------------ helpers
    def _lost(self, name, **vals):
        return self.Partner.create(
            dict(
                {
                    "name": name,
                    "is_company": True,
                    "customer_status": "prospect",
                    "prospect_stage_id": self.lost_stage.id,
                    "prospect_lost_reason_id": self.reason.id,
                    "company_id": self.company.id,
                },
                **vals,
            )
        )

    def _age(self, partners, months=14):
        self.Partner._prospect_demo_age(partners.ids, months)

    def _quote(self, partner, company=None):
        company = company or self.company
        return (
            self.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "product_uom_qty": 2}
                        )
                    ],
                }
            )
        )

    def _plan(self, partners=None):
        return {
            line["partner"]: line
            for line in self.Partner._prospect_retention_plan(
                self.company, partners=partners
            )
        }

    def _preview(self, user=None):
        """The preview, opened from the settings as an administrator does."""
        action = (
            self.env["res.config.settings"]
            .with_user(user or self.admin)
            .create({})
            .action_prospect_retention_preview()
        )
        return self.env[action["res_model"]].browse(action["res_id"])

    # -------------------------------------------------------------- tests
    def test_preview_lists_only_lost_prospects_and_untouched_leads_past_the_period(
        self,
    ):
        erase = self._lost("Old Lost Ltd")
        anonymise = self._lost("Old Lost With Quote Ltd")
        self._quote(anonymise).action_cancel()
        old_lead = self.Partner.create(
            {"name": "Old Lead Ltd", "is_company": True, "customer_status": "lead"}
        )
        recent = self._lost("Recently Lost Ltd")
        talked_about = self._lost("Discussed Ltd")
        open_prospect = self.Partner.create(
            {
                "name": "Still Open Ltd",
                "is_company": True,
                "customer_status": "prospect",
            }
        )
        busy_lead = self.Partner.create(
            {"name": "Busy Lead Ltd", "is_company": True, "customer_status": "lead"}
        )
        customer = self.Partner.create(
            {
                "name": "Old Customer Ltd",
                "is_company": True,
                "customer_status": "active",
            }
        )
        self._age(erase | anonymise | old_lead | talked_about | open_prospect)
        self._age(busy_lead | customer)
        talked_about.message_post(body="Called them again today")
        busy_lead.activity_schedule("mail.mail_activity_data_todo", summary="Call")

        wizard = self._preview()
        lines = {line.partner_id: line for line in wizard.line_ids}
        self.assertEqual(lines[erase].action, "erase")
        self.assertEqual(lines[old_lead].action, "erase")
        self.assertEqual(lines[anonymise].action, "anonymise")
        self.assertIn("quotes", lines[anonymise].reason)
        for kept in (recent, talked_about, open_prospect, busy_lead, customer):
            self.assertNotIn(kept, lines, kept.name)
        self.assertEqual(
            wizard.erase_count,
            len(wizard.line_ids) - wizard.anonymise_count - wizard.blocked_count,
        )
        # the preview changes nothing
        self.assertTrue(erase.exists())
        self.assertEqual(anonymise.name, "Old Lost With Quote Ltd")

    def test_run_erases_the_bare_and_anonymises_those_with_documents(self):
        bare = self._lost("Bare Lost Ltd", email="hello@bare.example.com")
        bare_contact = self.Partner.create(
            {"name": "Bea Bare", "parent_id": bare.id, "email": "bea@bare.example.com"}
        )
        bare_site = self._site(bare, "Bare Depot")
        held = self._lost(
            "Held Lost Ltd",
            email="info@held.example.com",
            phone="+44 20 7946 0000",
            mobile="+44 7700 900000",
            street="1 High Street",
            city="Leeds",
            zip="LS1 1AA",
            vat="GB123456789",
            website="https://held.example.com",
            comment="<p>Director plays golf on Fridays</p>",
        )
        held_contact = self.Partner.create(
            {
                "name": "Harry Held",
                "parent_id": held.id,
                "email": "harry@held.example.com",
                "phone": "+44 20 7946 0001",
            }
        )
        held_site = self._site(held, "Held Warehouse", street="2 Dock Road")
        quote = self._quote(held)
        amount = quote.amount_total
        quote.action_cancel()
        held.message_post(
            body="Harry's private number is 07700 900123",
            attachment_ids=self.env["ir.attachment"]
            .create(
                {
                    "name": "business-card.png",
                    "datas": base64.b64encode(b"card"),
                    "res_model": "res.partner",
                    "res_id": held.id,
                }
            )
            .ids,
        )
        # a tracked change keeps the old value in the chatter
        held.prospect_lost_reason_id = self.env.ref(
            "prospect_management.lost_reason_price"
        )
        self._age(bare | held)
        wizard = self._preview()
        self.assertEqual(
            set(wizard.line_ids.partner_id.ids) & {bare.id, held.id}, {bare.id, held.id}
        )
        wizard.action_apply()

        self.assertFalse(bare.exists())
        self.assertFalse(bare_contact.exists())
        self.assertFalse(bare_site.exists())
        self.assertTrue(self.company.prospect_retention_reviewed)

        held.invalidate_recordset()
        self.assertEqual(held.name, "Anonymised prospect")
        self.assertFalse(held.active)
        self.assertTrue(held.prospect_anonymised_date)
        for fname in (
            "email",
            "phone",
            "mobile",
            "street",
            "city",
            "zip",
            "vat",
            "website",
            "comment",
        ):
            self.assertFalse(held[fname], fname)
        self.assertFalse(held_contact.email)
        self.assertFalse(held_contact.phone)
        self.assertNotEqual(held_contact.name, "Harry Held")
        self.assertFalse(held_site.partner_id.street)
        self.assertNotIn("Held", held_site.complete_name)
        self.assertFalse(held_site.active)
        # the documents and their amounts stay
        self.assertTrue(quote.exists())
        self.assertEqual(quote.partner_id, held)
        self.assertEqual(quote.amount_total, amount)
        # the chatter keeps no personal data
        messages = self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", held.id)]
        )
        self.assertTrue(messages)
        text = " ".join(str(m.body) for m in messages)
        self.assertNotIn("07700", text)
        self.assertNotIn("Held Lost", text)
        self.assertFalse(messages.attachment_ids)
        self.assertFalse(messages.tracking_value_ids)
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", held.id)]
            )
        )
        # and it is not taken again tomorrow
        self.assertNotIn(held, self._plan())

    def test_daily_run_waits_for_a_review_and_a_new_period_asks_again(self):
        lost = self._lost("Waiting Lost Ltd")
        self._age(lost)
        self.assertFalse(self.company.prospect_retention_reviewed)
        self.Partner._cron_prospect_retention()
        self.assertTrue(lost.exists(), "no review yet: the daily run does nothing")

        self._preview().action_confirm()
        self.assertTrue(self.company.prospect_retention_reviewed)
        self.assertTrue(lost.exists(), "confirming does not run it at once")
        self.company.prospect_retention_months = 24
        self.assertFalse(self.company.prospect_retention_reviewed)
        self.company.prospect_retention_months = 12
        self._preview().action_confirm()
        self.env.ref(
            "prospect_management.ir_cron_prospect_retention"
        ).method_direct_trigger()
        self.assertFalse(lost.exists())

    def test_a_negative_period_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.company.prospect_retention_months = -1
        settings = Form(self.env["res.config.settings"].with_user(self.admin))
        settings.prospect_retention_months = -3
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            settings.save().execute()
        self.assertEqual(self.company.prospect_retention_months, 12)

    def test_no_period_no_preview(self):
        self.company.prospect_retention_months = 0
        with self.assertRaisesRegex(UserError, "Set a retention period"):
            self._preview()

    def test_documents_of_another_company_are_refused_and_nothing_changes(self):
        shared = self._lost(
            "Shared Lost Ltd", company_id=False, email="a@shared.example.com"
        )
        mine = self._lost("Mine Lost Ltd")
        self.env.user.company_ids |= self.other_company
        foreign_quote = self._quote(shared, self.other_company)
        foreign_quote.action_cancel()
        self._age(shared | mine)
        plan = self._plan()
        self.assertEqual(plan[shared]["action"], "blocked")
        self.assertIn("Retention Sister Co", plan[shared]["reason"])
        with self.assertRaisesRegex(UserError, "Retention Sister Co"):
            (shared | mine)._prospect_retention_apply()
        self.assertTrue(mine.exists())
        self.assertEqual(shared.email, "a@shared.example.com")
        # the preview shows it as kept, and the run leaves it alone
        wizard = self._preview()
        line = wizard.line_ids.filtered(lambda l: l.partner_id == shared)
        self.assertEqual(line.action, "blocked")
        wizard.action_apply()
        self.assertFalse(mine.exists())
        self.assertEqual(shared.email, "a@shared.example.com")
        self.assertTrue(foreign_quote.exists())

    def test_customers_and_prospects_not_due_are_refused(self):
        customer = self.Partner.create(
            {
                "name": "Aged Customer Ltd",
                "is_company": True,
                "customer_status": "active",
            }
        )
        self._age(customer | self.prospect)
        with self.assertRaisesRegex(UserError, "Aged Customer Ltd: It is not due"):
            customer._prospect_retention_apply()
        with self.assertRaisesRegex(UserError, "ACME Ltd: It is not due"):
            self.prospect._prospect_retention_apply()
        self.assertTrue(customer.exists())
        self.assertTrue(self.prospect.exists())

    def test_a_prospect_manager_reviews_it_from_the_menu_a_salesperson_cannot(self):
        lost = self._lost("Menu Lost Ltd")
        self._age(lost)
        action = self.env.ref("prospect_management.action_prospect_retention_preview")
        result = action.with_user(self.manager).run()
        wizard = self.env[result["res_model"]].browse(result["res_id"])
        self.assertIn(lost, wizard.with_user(self.manager).line_ids.partner_id)
        with self.assertRaises(AccessError):
            self.env["prospect.retention.wizard"].with_user(
                self.salesman
            )._prospect_open(self.company)
        with self.assertRaises(AccessError):
            wizard.with_user(self.salesman).action_apply()
        self.assertTrue(lost.exists())

    def test_the_run_costs_the_same_queries_for_ten_or_a_thousand(self):
        def run(count):
            prospects = self.Partner.create(
                [
                    {
                        "name": f"Batch {count} {i}",
                        "is_company": True,
                        "customer_status": "prospect",
                        "prospect_stage_id": self.lost_stage.id,
                        "prospect_lost_reason_id": self.reason.id,
                        "email": f"b{count}.{i}@batch.example.com",
                    }
                    for i in range(count)
                ]
            )
            for prospect in prospects[:: max(count // 5, 1)][:5]:
                self._quote(prospect).action_cancel()
            self._age(prospects)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            plan = self.Partner._prospect_retention_plan(self.company, prospects)
            erased, anonymised = prospects._prospect_retention_apply(plan)
            self.env.flush_all()
            queries = self.cr.sql_log_count - before
            self.assertEqual(len(anonymised), 5)
            self.assertEqual(len(erased), count - 5)
            return queries

        small, large = run(10), run(1000)
        # constant per batch (98 and 98 when written); Odoo's own chunks of
        # 1,000 ids may add a few
        self.assertLessEqual(large, small + 10, (small, large))

    def test_demo_data_previews_two_erased_and_one_anonymised(self):
        ref = self.env.ref
        wizard = self._preview()
        lines = {line.partner_id: line.action for line in wizard.line_ids}
        self.assertEqual(
            lines[ref("prospect_management.partner_prospect_lost_ashford")], "erase"
        )
        pinewood = ref("prospect_management.partner_lost_pinewood")
        self.assertEqual(lines[pinewood], "erase")
        cobalt = ref("prospect_management.partner_lost_cobalt")
        self.assertEqual(lines[cobalt], "anonymise")
        wizard.action_apply()
        self.assertFalse(pinewood.exists())
        self.assertEqual(cobalt.name, "Anonymised prospect")
        self.assertEqual(ref("prospect_management.quote_cobalt").partner_id, cobalt)
