# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo.tests import freeze_time, tagged

from .common import ProspectCommon

# 23:30 UTC on the 10th is 00:30 on the 11th in Brussels (UTC+1 in March):
# the dates below are the user's, and would be a day off in UTC
LATE_EVENING_UTC = "2026-03-10 23:30:00"
BRUSSELS = {"tz": "Europe/Brussels"}


@tagged("post_install", "-at_install")
class TestPipeline(ProspectCommon):
    @freeze_time(LATE_EVENING_UTC)
    def test_a_new_prospect_enters_the_pipeline(self):
        partner = (
            self.env["res.partner"]
            .with_context(**BRUSSELS)
            .create({"name": "Pipe Ltd", "is_prospect": True})
        )
        self.assertEqual(
            partner.prospect_stage_id, self.env.ref("prospect_management.stage_new")
        )
        self.assertEqual(partner.prospect_since, date(2026, 3, 11), "the user's day")
        self.assertFalse(partner.prospect_converted_date)

    def test_customers_created_active_stay_out_of_the_pipeline(self):
        partner = self.env["res.partner"].create({"name": "Live Co"})
        self.assertFalse(partner.prospect_stage_id)
        self.assertFalse(partner.prospect_since)
        partner.with_user(self.manager).write({"customer_status": "suspended"})
        self.assertFalse(partner.prospect_converted_date)

    @freeze_time(LATE_EVENING_UTC)
    def test_activation_records_who_converted_and_when(self):
        prospect = self.prospect.with_context(**BRUSSELS)
        prospect.prospect_since = date(2026, 3, 2)
        prospect.with_user(self.manager).write({"customer_status": "active"})
        self.assertEqual(
            prospect.prospect_stage_id,
            self.env.ref("prospect_management.stage_converted"),
        )
        self.assertEqual(prospect.prospect_converted_user_id, self.manager)
        self.assertEqual(
            prospect.prospect_converted_date, datetime(2026, 3, 10, 23, 30)
        )
        # from the 2nd to the 11th on the user's calendar (8 days in UTC)
        self.assertEqual(prospect.prospect_days_to_convert, 9)

    def test_company_specific_stages_come_first_for_that_company(self):
        other = self.env["res.company"].create({"name": "Branch South"})
        own_new = self.env["prospect.stage"].create(
            {"name": "South intake", "sequence": 1, "company_id": other.id}
        )
        partner = (
            self.env["res.partner"]
            .with_company(other)
            .create({"name": "South Ltd", "company_id": other.id, "is_prospect": True})
        )
        self.assertEqual(partner.prospect_stage_id, own_new)
        here = self.env["res.partner"].create({"name": "Here Ltd", "is_prospect": True})
        self.assertNotEqual(here.prospect_stage_id, own_new)

    def test_gps_coordinates_open_a_map(self):
        self.prospect.write(
            {"partner_latitude": 53.381129, "partner_longitude": -1.470085}
        )
        self.assertIn("mlat=53.381129&mlon=-1.470085", self.prospect.prospect_map_url)
        site = self._site(self.prospect)
        site.write({"partner_latitude": 51.5, "partner_longitude": -0.12})
        self.assertIn("mlat=51.500000", site.prospect_map_url)
        self.assertFalse(self.active.prospect_map_url)

    def test_a_site_visit_can_be_planned_on_a_prospect(self):
        visit = self.env.ref("prospect_management.mail_activity_type_site_visit")
        activity = self.prospect.activity_schedule(
            activity_type_id=visit.id, user_id=self.salesman.id
        )
        self.assertEqual(activity.activity_type_id.name, "Site Visit")
        self.assertEqual(activity.summary, "Visit the site")

    @freeze_time(LATE_EVENING_UTC)
    def test_a_prospect_created_in_a_given_stage_still_gets_its_since_date(self):
        """Dropped in a kanban column, or imported with a stage."""
        qualified = self.env.ref("prospect_management.stage_qualified")
        partner = (
            self.env["res.partner"]
            .with_context(**BRUSSELS)
            .create(
                {
                    "name": "Column Ltd",
                    "is_prospect": True,
                    "prospect_stage_id": qualified.id,
                }
            )
        )
        self.assertEqual(partner.prospect_stage_id, qualified)
        self.assertEqual(partner.prospect_since, date(2026, 3, 11))
        dated = self.env["res.partner"].create(
            {"name": "Dated Ltd", "is_prospect": True, "prospect_since": "2026-01-05"}
        )
        self.assertEqual(str(dated.prospect_since), "2026-01-05")
        self.assertEqual(
            dated.prospect_stage_id, self.env.ref("prospect_management.stage_new")
        )
