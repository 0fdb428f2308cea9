# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import fields
from odoo.tests import freeze_time, tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestStaleProspects(ProspectCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.prospect_stale_days = 30
        cls.prospect.user_id = cls.salesman
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    def _age(self, partners, days):
        """Pretend nobody touched ``partners`` for ``days`` days."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET write_date = %s WHERE id IN %s",
            [fields.Datetime.now() - timedelta(days=days), tuple(partners.ids)],
        )
        partners.invalidate_recordset(["write_date"])

    def _follow_ups(self, partner):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("activity_type_id", "=", self.todo.id),
            ]
        )

    def _run_cron(self):
        self.env.ref(
            "prospect_management.ir_cron_prospect_stale_followup"
        ).method_direct_trigger()

    @freeze_time("2026-03-10 12:00:00")
    def test_a_stale_prospect_gets_one_follow_up_for_its_salesperson(self):
        fresh = self.env["res.partner"].create(
            {"name": "Fresh Ltd", "is_company": True, "customer_status": "prospect"}
        )
        self._age(self.prospect | self.lead | self.active, 31)
        self._age(fresh, 29)
        self._run_cron()
        follow_up = self._follow_ups(self.prospect)
        self.assertEqual(len(follow_up), 1)
        self.assertEqual(follow_up.user_id, self.salesman)
        self.assertIn("30 days", follow_up.summary)
        self.assertEqual(follow_up.date_deadline, date(2026, 3, 10), "due today")
        lead_follow_up = self._follow_ups(self.lead)
        self.assertEqual(
            lead_follow_up.user_id, self.lead.create_uid, "no salesperson: its creator"
        )
        self.assertFalse(self._follow_ups(fresh), "touched 29 days ago")
        self.assertFalse(self._follow_ups(self.active), "customers are not chased")

        # the next night: the activity is still open, no second one
        self._age(self.prospect | self.lead, 32)
        self._run_cron()
        self.assertEqual(len(self._follow_ups(self.prospect)), 1)
        self.assertEqual(len(self._follow_ups(self.lead)), 1)

    def test_an_open_activity_means_someone_is_on_it(self):
        self.prospect.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.salesman.id
        )
        self._age(self.prospect, 90)
        self._run_cron()
        self.assertFalse(self._follow_ups(self.prospect))

    def test_zero_days_disables_the_reminder(self):
        self.company.prospect_stale_days = 0
        self._age(self.prospect, 365)
        self._run_cron()
        self.assertFalse(self._follow_ups(self.prospect))

    def test_each_company_uses_its_own_delay(self):
        branch = self.env["res.company"].create(
            {"name": "Branch Slow", "prospect_stale_days": 90}
        )
        slow = (
            self.env["res.partner"]
            .with_company(branch)
            .create(
                {
                    "name": "Slow Ltd",
                    "is_company": True,
                    "company_id": branch.id,
                    "customer_status": "prospect",
                }
            )
        )
        self.prospect.company_id = self.company
        self._age(slow | self.prospect, 60)
        self._run_cron()
        self.assertFalse(self._follow_ups(slow), "60 days < 90 in its company")
        self.assertTrue(self._follow_ups(self.prospect), "60 days > 30 here")

    def test_the_reminder_costs_the_same_for_1_or_30_stale_prospects(self):
        Partner = self.env["res.partner"]
        counts = []
        for size in (1, 1, 30):
            prospects = Partner.create(
                [
                    {
                        "name": f"Stale {i}",
                        "is_company": True,
                        "customer_status": "prospect",
                    }
                    for i in range(size)
                ]
            )
            self._age(prospects, 40)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            created = Partner._cron_prospect_stale_followup()
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
            self.assertEqual(sorted(created.mapped("res_id")), sorted(prospects.ids))
        self.assertEqual(counts[1], counts[2], f"queries for 1 and 30: {counts}")

    def test_a_lost_prospect_gets_no_follow_up(self):
        lost = self.env["res.partner"].create(
            {
                "name": "Given Up Ltd",
                "is_company": True,
                "customer_status": "prospect",
                "prospect_stage_id": self.env.ref("prospect_management.stage_lost").id,
            }
        )
        self._age(lost | self.prospect, 31)
        self._run_cron()
        self.assertFalse(self._follow_ups(lost))
        self.assertTrue(self._follow_ups(self.prospect))
