# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user


class ProspectCommon(TransactionCase):
    """Users, a company that uses leads and a few customers of each status."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        cls.company = cls.env.company
        cls.company.write(
            {
                "prospect_enabled": True,
                "prospect_use_leads": True,
                "prospect_default_status": "active",
                "prospect_auto_activate": True,
                "prospect_portal_allowed": False,
                "prospect_auto_site": False,
            }
        )
        cls.manager = new_test_user(
            cls.env,
            login="pm_manager",
            groups="sales_team.group_sale_manager,fieldservice.group_fsm_manager",
            name="Morgan Manager",
        )
        cls.salesman = new_test_user(
            cls.env,
            login="pm_salesman",
            groups="sales_team.group_sale_salesman",
            name="Sam Salesman",
        )
        Partner = cls.env["res.partner"]
        cls.lead = Partner.create(
            {"name": "Lead Ltd", "is_company": True, "customer_status": "lead"}
        )
        cls.prospect = Partner.create(
            {"name": "ACME Ltd", "is_company": True, "customer_status": "prospect"}
        )
        cls.active = Partner.create(
            {"name": "Live Ltd", "is_company": True, "customer_status": "active"}
        )
        cls.suspended = Partner.create(
            {"name": "Held Ltd", "is_company": True, "customer_status": "suspended"}
        )

    @classmethod
    def _site(cls, owner, name=None, **vals):
        return cls.env["fsm.location"].create(
            dict({"name": name or f"{owner.name} site", "owner_id": owner.id}, **vals)
        )
