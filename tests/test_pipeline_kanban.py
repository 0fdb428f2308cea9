# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import ProspectCommon


@tagged("post_install", "-at_install")
class TestPipelineKanban(ProspectCommon):
    def _stage(self, name):
        return self.env.ref(f"prospect_management.stage_{name}")

    def _arch(self, view, user):
        view = self.env.ref(f"prospect_management.{view}")
        views = (
            self.env["res.partner"].with_user(user).get_views([(view.id, view.type)])
        )
        return etree.fromstring(views["views"][view.type]["arch"])

    def test_the_pipeline_opens_as_a_kanban_by_stage(self):
        action = self.env.ref("prospect_management.action_prospect_pipeline")
        self.assertEqual(action.view_mode.split(",")[0], "kanban")
        self.assertEqual(
            action.view_ids[0].view_id,
            self.env.ref("prospect_management.view_partner_kanban_prospect_pipeline"),
        )
        menu = self.env.ref("prospect_management.menu_prospect_pipeline")
        self.assertEqual(menu.action, action)
        arch = self._arch("view_partner_kanban_prospect_pipeline", self.manager)
        self.assertEqual(arch.get("default_group_by"), "prospect_stage_id")
        widgets = {node.get("name"): node.get("widget") for node in arch.iter("field")}
        self.assertEqual(widgets["prospect_potential"], "priority")
        self.assertEqual(widgets["user_id"], "many2one_avatar_user")
        self.assertEqual(widgets["activity_ids"], "kanban_activity")
        self.assertEqual(widgets["customer_status"], "prospect_status_selection")
        user_arch = self._arch("view_partner_kanban_prospect_pipeline", self.salesman)
        statuses = [
            n for n in user_arch.iter("field") if n.get("name") == "customer_status"
        ]
        self.assertEqual([n.get("widget") for n in statuses], ["badge"])

    def test_every_stage_is_a_column_and_closed_ones_are_folded(self):
        groups = (
            self.env["res.partner"]
            .with_user(self.salesman)
            .web_read_group(
                [("prospect_stage_id", "!=", False)],
                ["prospect_stage_id"],
                ["prospect_stage_id"],
            )["groups"]
        )
        folded = {
            group["prospect_stage_id"][1]: group["__fold"]
            for group in groups
            if group["prospect_stage_id"]
        }
        for name in ("New", "Contacted", "Qualified", "Proposal Sent"):
            self.assertIs(folded[name], False, name)
        self.assertIs(folded["Converted"], True)
        self.assertIs(folded["Lost"], True)

    def test_a_salesperson_drags_a_prospect_to_the_next_stage(self):
        self.prospect.with_user(self.salesman).write(
            {"prospect_stage_id": self._stage("qualified").id}
        )
        self.assertEqual(self.prospect.prospect_stage_id, self._stage("qualified"))
        self.prospect.with_user(self.salesman).write(
            {"prospect_stage_id": self._stage("lost").id}
        )
        self.assertEqual(self.prospect.prospect_stage_id, self._stage("lost"))

    def test_converted_is_reached_by_converting_not_by_dragging(self):
        with self.assertRaisesRegex(ValidationError, "Convert to Customer"):
            self.prospect.with_user(self.manager).write(
                {"prospect_stage_id": self._stage("converted").id}
            )

    def test_status_in_one_click_goes_through_the_lifecycle_gate(self):
        list_arch = self._arch("view_partner_list_prospects", self.manager)
        status = [
            n for n in list_arch.iter("field") if n.get("name") == "customer_status"
        ]
        self.assertEqual(
            [n.get("widget") for n in status], ["prospect_status_selection"]
        )
        self.assertNotEqual(status[0].get("readonly"), "1")
        stage = [
            n for n in list_arch.iter("field") if n.get("name") == "prospect_stage_id"
        ]
        self.assertTrue(stage, "the stage is a column, editable with multi-edit")
        self.assertEqual(list_arch.get("multi_edit"), "1")

        # what the widget saves, for a salesperson: refused
        with self.assertRaisesRegex(AccessError, "Only a Prospect Manager"):
            self.prospect.with_user(self.salesman).web_save(
                {"customer_status": "active"}, {}
            )
        # for a manager: forward only
        self.prospect.with_user(self.manager).web_save(
            {"customer_status": "active"}, {}
        )
        self.assertEqual(self.prospect.customer_status, "active")
        with self.assertRaisesRegex(UserError, "only moves forward"):
            self.prospect.with_user(self.manager).web_save(
                {"customer_status": "prospect"}, {}
            )

    def test_the_prospects_list_edits_status_and_stage(self):
        action = self.env.ref("prospect_management.action_prospects")
        self.assertEqual(
            action.view_ids.filtered(lambda v: v.view_mode == "list").view_id,
            self.env.ref("prospect_management.view_partner_list_prospects"),
        )
        # a multi-edit of the stage on a selection of prospects
        (self.prospect | self.lead).with_user(self.salesman).write(
            {"prospect_stage_id": self._stage("contacted").id}
        )
        self.assertEqual(
            (self.prospect | self.lead).prospect_stage_id, self._stage("contacted")
        )

    # 22:30 in London (UTC) is already the next day in Tokyo (UTC+9, no DST)
    @freeze_time("2026-03-10 22:30:00")
    def test_the_activity_bar_counts_each_prospect_by_its_most_urgent_activity(self):
        """Each activity is late, due or planned on its assignee's calendar,
        whoever looks at the pipeline and in whichever time zone."""
        Partner = self.env["res.partner"]
        late, due, planned, idle = Partner.create(
            [
                {"name": name, "is_company": True, "is_prospect": True}
                for name in ("Late Ltd", "Due Ltd", "Planned Ltd", "Idle Ltd")
            ]
        )
        self.manager.tz = "Asia/Tokyo"
        today = date(2026, 3, 11)  # the manager's day; in UTC it is still the 10th
        for partner, days in ((late, -2), (late, 5), (due, 0), (planned, 3)):
            partner.activity_schedule(
                "mail.mail_activity_data_call",
                date_deadline=today + timedelta(days=days),
                user_id=self.manager.id,
            )
        # a done activity (archived) counts no more
        idle.activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=today - timedelta(days=1),
            user_id=self.manager.id,
        ).action_done()
        expected = {late: "overdue", due: "today", planned: "planned"}
        for viewer, tz in ((self.manager, "Asia/Tokyo"), (self.salesman, "UTC")):
            with self.subTest(tz=tz):
                groups = (
                    Partner.with_user(viewer)
                    .with_context(tz=tz)
                    ._read_group(
                        [("id", "in", (late | due | planned | idle).ids)],
                        ["activity_state"],
                        ["__count"],
                    )
                )
                self.assertEqual(
                    dict(groups),
                    {"overdue": 1, "today": 1, "planned": 1, False: 1},
                )
                # the same as each partner's own activity state
                for partner in late | due | planned | idle:
                    self.assertEqual(
                        partner.with_user(viewer).with_context(tz=tz).activity_state,
                        expected.get(partner, False),
                        partner.name,
                    )
