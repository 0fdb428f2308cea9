# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from itertools import count

from odoo import Command
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

    @contextmanager
    def assertRaisesRegex(self, exception, regex, msg=None):
        """Odoo's assertRaises rolls the failed operation back in a savepoint,
        as a real request would; unittest's assertRaisesRegex does not, which
        would leave half-created records behind a refused create."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), regex, msg)

    @classmethod
    def _site(cls, owner, name=None, **vals):
        return cls.env["fsm.location"].create(
            dict({"name": name or f"{owner.name} site", "owner_id": owner.id}, **vals)
        )


class ProspectDocumentsCommon(ProspectCommon):
    """Products and one site per customer, to build every guarded document."""

    _serial = count(1)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a salesperson who sells field service: Sales and Field Service user,
        # no prospect manager right
        cls.field_salesman = new_test_user(
            cls.env,
            login="pm_field_salesman",
            groups="sales_team.group_sale_salesman,fieldservice.group_fsm_user",
            name="Sam Salesman",
        )
        Product = cls.env["product.product"]
        cls.product_visit = Product.create(
            {
                "name": "Service visit",
                "type": "service",
                "list_price": 100.0,
                "field_service_tracking": "sale",
            }
        )
        cls.product_plain = Product.create(
            {"name": "Consulting", "type": "service", "list_price": 50.0}
        )
        cls.product_ppm = Product.create(
            {
                "name": "Yearly maintenance plan",
                "type": "service",
                "list_price": 900.0,
                "field_service_tracking": "recurring",
            }
        )
        cls.customers = {
            "lead": cls.lead,
            "prospect": cls.prospect,
            "active": cls.active,
            "suspended": cls.suspended,
        }
        cls.sites = {status: cls._site(p) for status, p in cls.customers.items()}

    # one builder per guarded document kind: (customer, site) -> values
    def _values(self, kind, customer, site):
        return {
            "quote": lambda: {
                "partner_id": customer.id,
                "order_line": [Command.create({"product_id": self.product_plain.id})],
            },
            "ppm_quote": lambda: {
                "partner_id": customer.id,
                "order_line": [Command.create({"product_id": self.product_ppm.id})],
            },
            "job": lambda: {"location_id": site.id},
            "invoice": lambda: {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_line_ids": [
                    Command.create({"name": "Visit", "quantity": 1, "price_unit": 80})
                ],
            },
            "asset": lambda: {
                "name": f"Boiler {next(self._serial)} at {site.name}",
                "location_id": site.id,
                "current_location_id": site.id,
                "owned_by_id": customer.id,
            },
            "contract": lambda: {
                "name": f"Contract {customer.name}",
                "partner_id": customer.id,
                "contract_type": "sale",
            },
            "ppm": lambda: {"location_id": site.id},
        }[kind]()

    MODELS = {
        "quote": "sale.order",
        "ppm_quote": "sale.order",
        "job": "fsm.order",
        "invoice": "account.move",
        "asset": "fsm.equipment",
        "contract": "contract.contract",
        "ppm": "fsm.recurring",
    }

    def _create(self, kind, customer, site=None, user=None):
        model = self.env[self.MODELS[kind]]
        if user:
            model = model.with_user(user)
        return model.create(self._values(kind, customer, site))
