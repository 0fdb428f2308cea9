# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ProspectDocumentsCommon

JOB_REFUSED = "before creating a Field Service order"


@tagged("post_install", "-at_install")
class TestSiteSurveys(ProspectDocumentsCommon):
    """A prospect site may get a site survey (an order of the company's survey
    type) and nothing else operational."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey_type = cls.env.ref("prospect_management.fsm_order_type_survey")
        cls.repair_type = cls.env["fsm.order.type"].create({"name": "Repair"})
        cls.company.prospect_survey_type_id = cls.survey_type
        cls.Order = cls.env["fsm.order"]

    def _survey(self, status, **vals):
        return self.Order.create(
            dict(
                {"location_id": self.sites[status].id, "type": self.survey_type.id},
                **vals,
            )
        )

    def test_the_survey_type_ships_unselected(self):
        company = self.env["res.company"].create({"name": "Fresh Surveys Co"})
        self.assertFalse(company.prospect_survey_type_id)
        self.assertEqual(self.survey_type.name, "Site Survey")

    def test_a_prospect_site_gets_a_survey_and_no_other_job(self):
        survey = self._survey("prospect")
        self.assertEqual(survey.prospect_kind, "survey")
        self.assertEqual(survey.location_id, self.sites["prospect"])
        self._survey("active")
        with self.assertRaisesRegex(UserError, JOB_REFUSED):
            self.Order.create(
                {"location_id": self.sites["prospect"].id, "type": self.repair_type.id}
            )
        with self.assertRaisesRegex(UserError, JOB_REFUSED):
            self.Order.create({"location_id": self.sites["prospect"].id})
        self.assertEqual(
            self.Order.search_count([("location_id", "=", self.sites["prospect"].id)]),
            1,
        )

    def test_leads_and_suspended_get_no_survey(self):
        with self.assertRaisesRegex(
            UserError, "is a lead: make it a prospect before scheduling a site survey"
        ):
            self._survey("lead")
        with self.assertRaisesRegex(
            UserError,
            "is suspended: reactivate the customer before scheduling a site survey",
        ):
            self._survey("suspended")
        Partner = self.env["res.partner"]
        self.assertEqual(
            Partner._prospect_allowed_statuses("survey", self.company),
            ["prospect", "active"],
        )

    def test_without_the_setting_a_survey_is_a_job(self):
        self.company.prospect_survey_type_id = False
        with self.assertRaisesRegex(UserError, JOB_REFUSED):
            self._survey("prospect")
        self.assertFalse(self.sites["prospect"].prospect_can_survey)
        with self.assertRaisesRegex(UserError, "schedules no site surveys"):
            self.sites["prospect"].action_prospect_schedule_survey()

    def test_turning_a_survey_into_another_order_type_is_refused(self):
        survey = self._survey("prospect")
        with self.assertRaisesRegex(UserError, "cannot become a job"):
            survey.type = self.repair_type
        self.assertEqual(survey.type, self.survey_type)
        with self.assertRaisesRegex(UserError, "cannot become a job"):
            survey.type = False
        self.assertEqual(survey.type, self.survey_type)

    def test_a_survey_is_not_sold_to_a_prospect(self):
        quote = self._create("quote", self.prospect)
        with self.assertRaisesRegex(UserError, JOB_REFUSED):
            self._survey("prospect", sale_id=quote.id, sale_line_id=quote.order_line.id)
        survey = self._survey("prospect")
        with self.assertRaisesRegex(UserError, "cannot become a job"):
            survey.sale_line_id = quote.order_line

    def test_a_survey_of_a_prospect_is_not_invoiced(self):
        survey = self._survey("prospect")
        # invoiced to someone else, linked to the survey (fieldservice_account)
        invoice = self._create("invoice", self.active)
        with self.assertRaisesRegex(UserError, "cannot be invoiced"):
            invoice.invoice_line_ids.fsm_order_ids = survey
        self.assertFalse(survey.invoice_lines)
        with self.assertRaisesRegex(UserError, "cannot be invoiced"):
            survey.invoice_lines = invoice.invoice_line_ids
        self.assertFalse(survey.invoice_ids)
        # a live customer's survey may be invoiced
        live = self._survey("active")
        live.invoice_lines = invoice.invoice_line_ids
        self.assertEqual(live.invoice_ids, invoice)

    def test_a_planned_maintenance_schedule_produces_no_survey_for_a_prospect(self):
        schedule = self._create("ppm", self.active, self.sites["active"])
        with self.assertRaisesRegex(UserError, JOB_REFUSED):
            self._survey("prospect", fsm_recurring_id=schedule.id)
        with self.assertRaisesRegex(UserError, "before scheduling planned maintenance"):
            self._create("ppm", self.prospect, self.sites["prospect"])

    def test_the_site_picker_of_a_survey_offers_prospect_sites(self):
        Site = self.env["fsm.location"]
        survey_sites = Site.search(
            [("prospect_allowed_for", "in", ["survey", self.company.id])]
        )
        job_sites = Site.search(
            [("prospect_allowed_for", "in", ["job", self.company.id])]
        )
        self.assertIn(self.sites["prospect"], survey_sites)
        self.assertNotIn(self.sites["lead"], survey_sites)
        self.assertNotIn(self.sites["prospect"], job_sites)
        form = Form(self.Order.with_context(default_type=self.survey_type.id))
        self.assertEqual(form.prospect_kind, "survey")
        form.location_id = self.sites["prospect"]
        self.assertEqual(form.save().location_id, self.sites["prospect"])

    def test_schedule_a_survey_from_a_prospect_site_and_from_the_prospect(self):
        action = self.sites["prospect"].action_prospect_schedule_survey()
        self.assertEqual(action["res_model"], "fsm.order")
        form = Form(self.Order.with_context(**action["context"]))
        self.assertEqual(form.type, self.survey_type)
        self.assertEqual(form.location_id, self.sites["prospect"])
        survey = form.save()
        self.assertEqual(self.prospect.prospect_survey_count, 1)
        self.assertTrue(self.prospect.prospect_can_survey)
        self.assertFalse(self.lead.prospect_can_survey)
        action = self.prospect.action_prospect_schedule_survey()
        self.assertEqual(
            action["context"]["default_location_id"], self.sites["prospect"].id
        )
        listed = self.Order.search(
            self.prospect.action_view_prospect_surveys()["domain"]
        )
        self.assertEqual(listed, survey)

    def test_import_schedules_surveys_and_refuses_jobs(self):
        site = self.sites["prospect"].name
        result = self.Order.load(["location_id", "type"], [[site, "Site Survey"]])
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(len(result["ids"]), 1)
        result = self.Order.load(["location_id", "type"], [[site, "Repair"]])
        self.assertFalse(result["ids"])
        self.assertIn(JOB_REFUSED, result["messages"][0]["message"])

    def test_the_won_customer_keeps_its_surveys_and_its_quote_shows_the_done_ones(self):
        survey = self._survey("prospect")
        survey.action_complete()
        done = survey.stage_id
        self.assertTrue(survey.is_closed)
        quote = self.env["sale.order"].create(
            {
                "partner_id": self.prospect.id,
                "order_line": [Command.create({"product_id": self.product_plain.id})],
            }
        )
        self.assertEqual(quote.prospect_survey_ids, survey)
        quote.action_confirm()
        self.assertEqual(self.prospect.customer_status, "active")
        self.assertEqual(survey.location_id.customer_status, "active")
        self.assertEqual(survey.type, self.survey_type)
        self.assertEqual(survey.stage_id, done)
        self.assertEqual(quote.prospect_survey_count, 1)
        action = quote.action_view_prospect_surveys()
        self.assertEqual(self.Order.search(action["domain"]), survey)
