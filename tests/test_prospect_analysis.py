# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import ProspectCommon
from .pot import demo_xmlids


@tagged("post_install", "-at_install")
class TestProspectAnalysis(ProspectCommon):
    """The sales manager reads how well each salesperson converts, per month."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lost_stage = cls.env.ref("prospect_management.stage_lost")
        # Sam's prospects: came in January or February 2026
        cls.jan_fast = cls._prospect("Jan Fast", "2026-01-05", converted="2026-01-15")
        cls.jan_slow = cls._prospect("Jan Slow", "2026-01-20", converted="2026-02-19")
        cls.jan_open = cls._prospect("Jan Open", "2026-01-25")
        cls.feb_lost = cls._prospect("Feb Lost", "2026-02-03")
        cls.feb_lost.prospect_stage_id = cls.lost_stage
        cls.feb_quick = cls._prospect("Feb Quick", "2026-02-10", converted="2026-02-12")
        cls.feb_dropped = cls._prospect("Feb Dropped", "2026-02-20")
        cls.feb_dropped.active = False
        # Morgan's one prospect, still open
        cls.morgan_open = cls._prospect("Morgan Open", "2026-01-08", user=cls.manager)
        cls.env.flush_all()
        cls.Report = cls.env["prospect.conversion.report"]
        cls.team = [cls.salesman.id, cls.manager.id]

    @classmethod
    def _prospect(cls, name, since, converted=None, user=None):
        partner = cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "customer_status": "prospect",
                "user_id": (user or cls.salesman).id,
                "prospect_since": since,
            }
        )
        if converted:
            partner.customer_status = "active"
            partner.prospect_converted_date = f"{converted} 10:00:00"
        return partner

    def pivot(self, groupby, user=None, domain=()):
        """What the pivot view reads: the measures with their aggregators."""
        groups = self.Report.with_user(user or self.manager).read_group(
            [("user_id", "in", self.team), *domain],
            [
                "prospect_count",
                "converted_count",
                "open_count",
                "lost_count",
                "conversion_rate",
                "days_to_convert",
            ],
            groupby,
            lazy=False,
        )
        return {
            tuple(
                g[key][1] if isinstance(g[key], tuple) else g[key] for key in groupby
            ): (
                g["prospect_count"],
                g["converted_count"],
                g["open_count"],
                g["lost_count"],
                round(g["conversion_rate"], 2),
                g["days_to_convert"],
            )
            for g in groups
        }

    def test_conversion_rate_and_days_per_salesperson_and_month(self):
        self.assertEqual(
            self.pivot(["user_id", "prospect_since:month"]),
            {
                # 3 came in: 2 converted in 10 and 30 days, 1 still open
                ("Sam Salesman", "January 2026"): (3, 2, 1, 0, 66.67, 20.0),
                # 3 came in: 1 converted in 2 days, 1 lost, 1 archived (lost)
                ("Sam Salesman", "February 2026"): (3, 1, 0, 2, 33.33, 2.0),
                ("Morgan Manager", "January 2026"): (1, 0, 1, 0, 0.0, False),
            },
        )

    def test_converted_per_month_of_conversion(self):
        groups = self.Report._read_group(
            [("user_id", "in", self.team), ("outcome", "=", "converted")],
            ["converted_date:month"],
            ["converted_count:sum", "partner_id:recordset"],
        )
        self.assertEqual(
            [(month.strftime("%Y-%m"), count) for month, count, __ in groups],
            [("2026-01", 1), ("2026-02", 2)],
        )
        self.assertEqual(groups[1][2], self.jan_slow | self.feb_quick)

    def test_salesperson_totals(self):
        self.assertEqual(
            self.pivot(["user_id"]),
            {
                ("Sam Salesman",): (6, 3, 1, 2, 50.0, 14.0),
                ("Morgan Manager",): (1, 0, 1, 0, 0.0, False),
            },
        )

    def test_analysis_is_read_only_and_follows_companies(self):
        other_company = self.env["res.company"].create({"name": "Other Branch"})
        self.env["res.partner"].create(
            {
                "name": "Branch Prospect",
                "is_company": True,
                "customer_status": "prospect",
                "company_id": other_company.id,
                "user_id": self.salesman.id,
            }
        )
        self.env.flush_all()
        seen = self.Report.with_user(self.salesman).search(
            [("user_id", "=", self.salesman.id)]
        )
        self.assertEqual(len(seen), 6, "not the other company's prospect")
        roaming = new_test_user(
            self.env,
            login="pm_roaming",
            groups="sales_team.group_sale_salesman",
            company_ids=[(6, 0, (self.company | other_company).ids)],
        )
        seen = (
            self.Report.with_user(roaming)
            .with_context(allowed_company_ids=(self.company | other_company).ids)
            .search([("user_id", "=", self.salesman.id)])
        )
        self.assertEqual(len(seen), 7)
        for user in (self.salesman, self.manager):
            for operation in ("create", "write", "unlink"):
                self.assertFalse(self.Report.with_user(user).has_access(operation))

    def test_prospect_analysis_counts_the_pipeline(self):
        action = self.env.ref("prospect_management.action_prospect_analysis")
        self.assertEqual(
            action.view_ids.mapped("view_mode"), ["graph", "pivot"], "graph and pivot"
        )
        domain = safe_eval(action.domain) + [("user_id", "in", self.team)]
        groups = self.env["res.partner"].read_group(
            domain, ["__count"], ["prospect_stage_id"], lazy=False
        )
        self.assertEqual(
            {
                g["prospect_stage_id"] and g["prospect_stage_id"][1]: g["__count"]
                for g in groups
                if g["__count"]
            },
            # converted prospects are customers now; the archived one is gone
            {self.jan_open.prospect_stage_id.name: 2, self.lost_stage.name: 1},
        )

    def test_analysis_opens_on_the_last_12_months_by_month_and_salesperson(self):
        action = self.env.ref("prospect_management.prospect_conversion_report_action")
        context = safe_eval(action.context)
        self.assertEqual(context.get("search_default_prospect_since"), 1)
        # group-bys by rank: month first, then salesperson
        self.assertEqual(
            sorted(
                (rank, name[len("search_default_") :])
                for name, rank in context.items()
                if name.startswith("search_default_group_")
            ),
            [(1, "group_prospect_since"), (2, "group_user")],
        )
        views = self.Report.get_views(
            [(False, "pivot"), (False, "graph"), (action.search_view_id.id, "search")]
        )["views"]
        search = etree.fromstring(views["search"]["arch"])
        group_by = {
            node.get("name"): safe_eval(node.get("context"))["group_by"]
            for node in search.iterfind(".//filter[@context]")
        }
        self.assertEqual(group_by["group_prospect_since"], "prospect_since:month")
        self.assertEqual(group_by["group_user"], "user_id")
        # the date filter opens on its "Last 12 Months" option
        date_filter = search.find(".//filter[@name='prospect_since']")
        self.assertEqual(date_filter.get("date"), "prospect_since")
        options = {node.get("name"): node for node in date_filter.iterfind("filter")}
        default = date_filter.get("default_period")
        self.assertTrue(default.startswith("custom_"), "a custom option")
        option = options[default[len("custom_") :]]
        self.assertEqual(option.get("string"), "Last 12 Months")
        # on 15 December 2026: the current month and the 11 before it
        domain = safe_eval(
            option.get("domain"),
            {
                "context_today": lambda: datetime.date(2026, 12, 15),
                "relativedelta": relativedelta,
            },
        )
        self.assertEqual(domain, [("prospect_since", ">=", "2026-01-01")])
        self._prospect("Dec 2025", "2025-12-31", converted="2026-01-10")
        self.env.flush_all()
        self.assertEqual(
            self.pivot(["prospect_since:month", "user_id"], domain=domain),
            {
                ("January 2026", "Sam Salesman"): (3, 2, 1, 0, 66.67, 20.0),
                ("January 2026", "Morgan Manager"): (1, 0, 1, 0, 0.0, False),
                ("February 2026", "Sam Salesman"): (3, 1, 0, 2, 33.33, 2.0),
            },
        )
        # the group-bys make the rows: the pivot does not repeat the month in
        # its columns; the graph shows the months, a bar part per salesperson
        pivot = etree.fromstring(views["pivot"]["arch"])
        self.assertFalse(pivot.xpath("//field[@type='col']"))
        graph = etree.fromstring(views["graph"]["arch"])
        self.assertEqual(
            [
                (node.get("name"), node.get("interval"))
                for node in graph.iterfind("field")
                if node.get("type") != "measure"
            ],
            [("prospect_since", "month"), ("user_id", None)],
        )

    def test_demo_has_a_history_of_conversions(self):
        Partner = self.env["res.partner"].with_context(active_test=False)
        demo = Partner.browse(
            res_id
            for model, res_id in map(
                self.env["ir.model.data"]._xmlid_to_res_model_res_id,
                demo_xmlids(self.env),
            )
            if model == "res.partner"
        )
        converted = demo.filtered("prospect_converted_date")
        self.assertGreaterEqual(len(converted), 8)
        self.assertGreaterEqual(
            len({p.prospect_since.strftime("%Y-%m") for p in converted}), 8
        )
        self.assertGreaterEqual(len(converted.user_id), 2, "several salespersons")
        today = fields.Date.context_today(Partner)
        for partner in converted:
            with self.subTest(partner.name):
                conversion = partner.prospect_converted_date.date()
                self.assertLess(partner.prospect_since, conversion)
                self.assertLessEqual(conversion, today)
                # all in the analysis as it opens, in the pipeline's Converted
                self.assertGreaterEqual(
                    partner.prospect_since, today + relativedelta(day=1, months=-11)
                )
                self.assertEqual(partner.customer_status, "active")
                self.assertEqual(partner.prospect_stage_id.stage_type, "converted")


@tagged("post_install", "-at_install")
class TestProspectAnalysisTour(HttpCase):
    """The sales manager opens the Conversion Analysis from the menu."""

    def test_conversion_analysis_opens_on_the_last_12_months(self):
        today = fields.Date.context_today(self.env.user)
        for name, months in (("Tour Past Seller", 5), ("Tour Old Seller", 13)):
            seller = new_test_user(
                self.env, login=name.lower().replace(" ", "_"), name=name
            )
            self.env["res.partner"].create(
                {
                    "name": f"{name} prospect",
                    "is_company": True,
                    "customer_status": "prospect",
                    "user_id": seller.id,
                    "prospect_since": today - relativedelta(months=months),
                }
            )
        self.start_tour(
            "/odoo/action-prospect_management.prospect_conversion_report_action",
            "prospect_management_conversion_analysis",
            login="admin",
        )
