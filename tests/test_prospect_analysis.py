# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import ProspectCommon


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

    def pivot(self, groupby, user=None):
        """What the pivot view reads: the measures with their aggregators."""
        groups = self.Report.with_user(user or self.manager).read_group(
            [("user_id", "in", self.team)],
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
