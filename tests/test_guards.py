# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ProspectDocumentsCommon

# SPEC §4, written out independently of the code's matrix
ALLOWED = {
    "quote": {"prospect", "active"},
    "ppm_quote": {"active"},
    "job": {"active"},
    "invoice": {"active", "suspended"},
    "asset": {"active", "suspended"},
    "contract": {"active"},
    "ppm": {"active"},
}
STATUSES = ("lead", "prospect", "active", "suspended")
REPOINTED_FIELDS = {
    "quote": ("partner_id",),
    "ppm_quote": ("partner_id",),
    "job": ("location_id",),
    "invoice": ("partner_id",),
    "asset": ("location_id", "current_location_id", "owned_by_id"),
    "contract": ("partner_id",),
    "ppm": ("location_id",),
}


@tagged("post_install", "-at_install")
class TestGuardMatrix(ProspectDocumentsCommon):
    """Every cell of the matrix, allowed and refused, by create, write and load."""

    def _count(self, kind):
        return self.env[self.MODELS[kind]].search_count([])

    def test_create(self):
        for kind, allowed in ALLOWED.items():
            for status in STATUSES:
                customer, site = self.customers[status], self.sites[status]
                with self.subTest(kind=kind, status=status):
                    before = self._count(kind)
                    if status in allowed:
                        self.assertTrue(self._create(kind, customer, site))
                    else:
                        with self.assertRaisesRegex(UserError, customer.name):
                            self._create(kind, customer, site)
                        self.assertEqual(self._count(kind), before, "nothing created")

    def _repoint(self, document, kind, status):
        values = self._values(kind, self.customers[status], self.sites[status])
        document.write({f: values[f] for f in REPOINTED_FIELDS[kind]})

    def test_write_repointing_an_existing_document(self):
        for kind, allowed in ALLOWED.items():
            document = self._create(kind, self.active, self.sites["active"])
            field = REPOINTED_FIELDS[kind][0]
            for status in STATUSES:
                with self.subTest(kind=kind, status=status):
                    if status in allowed:
                        self._repoint(document, kind, status)
                        self._repoint(document, kind, "active")
                        continue
                    with self.assertRaisesRegex(UserError, self.customers[status].name):
                        self._repoint(document, kind, status)
                    document.invalidate_recordset()
                    self.assertIn(
                        document[field].id,
                        (self.active.id, self.sites["active"].id),
                        "the document still points to the active customer",
                    )

    def _load_args(self, kind, customer, site):
        plain, ppm = self.product_plain, self.product_ppm
        return {
            "quote": (
                ["partner_id/.id", "order_line/product_id/.id"],
                [[str(customer.id), str(plain.id)]],
            ),
            "ppm_quote": (
                ["partner_id/.id", "order_line/product_id/.id"],
                [[str(customer.id), str(ppm.id)]],
            ),
            "job": (["location_id/.id"], [[str(site.id)]]),
            "invoice": (
                [
                    "partner_id/.id",
                    "invoice_line_ids/name",
                    "invoice_line_ids/price_unit",
                ],
                [[str(customer.id), "Visit", "80"]],
            ),
            "asset": (
                [
                    "name",
                    "location_id/.id",
                    "current_location_id/.id",
                    "owned_by_id/.id",
                ],
                [
                    [
                        f"Boiler {next(self._serial)}",
                        str(site.id),
                        str(site.id),
                        str(customer.id),
                    ]
                ],
            ),
            "contract": (
                ["name", "partner_id/.id", "contract_type"],
                [["Imported contract", str(customer.id), "sale"]],
            ),
            "ppm": (["location_id/.id"], [[str(site.id)]]),
        }[kind]

    def test_import(self):
        for kind, allowed in ALLOWED.items():
            model = self.env[self.MODELS[kind]].with_context(
                default_move_type="out_invoice"
            )
            for status in STATUSES:
                customer, site = self.customers[status], self.sites[status]
                fields, rows = self._load_args(kind, customer, site)
                with self.subTest(kind=kind, status=status):
                    before = self._count(kind)
                    result = model.load(fields, rows)
                    errors = [m for m in result["messages"] if m["type"] == "error"]
                    if status in allowed:
                        self.assertFalse(errors, errors)
                        self.assertEqual(self._count(kind), before + 1)
                    else:
                        self.assertFalse(result["ids"])
                        self.assertIn(customer.name, errors[0]["message"])
                        self.assertEqual(self._count(kind), before)

    def test_errors_name_the_customer_and_the_way_out(self):
        with self.assertRaisesRegex(
            UserError,
            "Convert ACME Ltd to a customer before creating a Field Service order",
        ):
            self._create("job", self.prospect, self.sites["prospect"])
        with self.assertRaisesRegex(
            UserError, "Convert ACME Ltd to a customer before invoicing it"
        ):
            self._create("invoice", self.prospect)
        with self.assertRaisesRegex(UserError, "Held Ltd is suspended: reactivate"):
            self._create("contract", self.suspended)
        with self.assertRaisesRegex(
            UserError, "Lead Ltd is a lead: make it a prospect"
        ):
            self._create("quote", self.lead)

    def test_a_prospect_site_of_an_active_customer_is_refused_like_a_prospect(self):
        quoted = self._site(self.active, "Annex", customer_status="prospect")
        for kind in ("job", "asset", "ppm"):
            with (
                self.subTest(kind=kind),
                self.assertRaisesRegex(UserError, "Annex.* is a prospect site"),
            ):
                self._create(kind, self.active, quoted)
        self.assertTrue(self._create("quote", self.active, quoted))

    def test_contacts_are_judged_by_their_company(self):
        contact = self.env["res.partner"].create(
            {"name": "Jane Foster", "parent_id": self.prospect.id}
        )
        with self.assertRaisesRegex(UserError, "Convert ACME Ltd"):
            self._create("invoice", contact)

    def test_purchase_contracts_and_vendor_bills_are_not_guarded(self):
        contract = self.env["contract.contract"].create(
            {
                "name": "Supply",
                "partner_id": self.prospect.id,
                "contract_type": "purchase",
            }
        )
        self.assertTrue(contract)
        bill = self.env["account.move"].create(
            {"move_type": "in_invoice", "partner_id": self.prospect.id}
        )
        self.assertTrue(bill)

    def test_lead_treated_as_prospect_where_leads_are_not_used(self):
        self.company.prospect_use_leads = False
        self.assertTrue(self._create("quote", self.lead))
        with self.assertRaisesRegex(UserError, "Convert Lead Ltd to a customer"):
            self._create("job", self.lead, self.sites["lead"])

    def test_server_action_is_held_to_the_guard(self):
        action = self.env["ir.actions.server"].create(
            {
                "name": "Create job",
                "model_id": self.env.ref("fieldservice.model_fsm_location").id,
                "state": "code",
                "code": "env['fsm.order'].create({'location_id': record.id})",
            }
        )
        site = self.sites["prospect"]
        with self.assertRaisesRegex(UserError, "Convert ACME Ltd"):
            action.with_context(active_model="fsm.location", active_id=site.id).run()


@tagged("post_install", "-at_install")
class TestGuardPickers(ProspectDocumentsCommon):
    """Pickers only offer what the guards would accept."""

    def test_allowed_for_domain_follows_the_matrix(self):
        Partner = self.env["res.partner"]
        customers = self.lead | self.prospect | self.active | self.suspended
        for kind, allowed in ALLOWED.items():
            with self.subTest(kind=kind):
                found = Partner.search(
                    [("id", "in", customers.ids), ("prospect_allowed_for", "=", kind)]
                )
                self.assertEqual(set(found.mapped("customer_status")), allowed)

    def test_site_pickers_also_look_at_the_customer(self):
        Site = self.env["fsm.location"]
        annex = self._site(self.active, "Annex", customer_status="prospect")
        sites = Site.browse([s.id for s in self.sites.values()]) | annex
        found = Site.search(
            [("id", "in", sites.ids), ("prospect_allowed_for", "=", "job")]
        )
        self.assertEqual(found, self.sites["active"])

    def test_pickers_offer_everything_where_prospect_management_is_off(self):
        self.company.prospect_enabled = False
        found = self.env["res.partner"].search(
            [("id", "in", self.prospect.ids), ("prospect_allowed_for", "=", "job")]
        )
        self.assertEqual(found, self.prospect)

    def test_pickers_decide_with_the_documents_company(self):
        """As the guards do: a document of a company that does not manage
        prospects offers them, whatever the user's current company."""
        branch = self.env["res.company"].create(
            {"name": "Branch Without Prospects", "prospect_enabled": False}
        )
        Partner = self.env["res.partner"]
        for company, found in ((self.company, Partner), (branch, self.prospect)):
            with self.subTest(company=company.name):
                self.assertEqual(
                    Partner.search(
                        [
                            ("id", "=", self.prospect.id),
                            ("prospect_allowed_for", "in", ["job", company.id]),
                        ]
                    ),
                    found,
                )
        self.assertEqual(
            Partner.search(
                [
                    ("id", "=", self.prospect.id),
                    ("prospect_allowed_for", "in", ["job", False]),
                ]
            ),
            Partner,
            "a new document without a company yet: the current company",
        )
        self.assertNotIn("job", self.prospect.prospect_allowed_for.split(","))
        self.assertIn(
            "job", self.prospect.with_company(branch).prospect_allowed_for.split(",")
        )

    def test_document_fields_carry_the_picker_domain(self):
        for model, fname, kind in (
            ("sale.order", "partner_id", "quote"),
            ("sale.order", "fsm_location_id", "quote"),
            # a job's kind: 'job', or 'survey' for a site survey (issue 14)
            ("fsm.order", "location_id", "prospect_kind"),
            ("fsm.equipment", "current_location_id", "asset"),
            ("fsm.recurring", "location_id", "ppm"),
            ("contract.contract", "partner_id", "contract"),
        ):
            with self.subTest(model=model, field=fname):
                domain = self.env[model].fields_get([fname])[fname]["domain"]
                expected = kind if kind == "prospect_kind" else f"'{kind}'"
                self.assertIn(
                    f"('prospect_allowed_for', 'in', [{expected}, company_id])",
                    str(domain),
                )
        arch = self.env["account.move"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        self.assertIn("prospect_allowed_for", arch)


@tagged("post_install", "-at_install")
class TestGuardPerCompany(ProspectDocumentsCommon):
    """Company A enforces the guards, company B has prospect management off."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create(
            {"name": "Company B", "prospect_enabled": False}
        )
        cls.env.user.company_ids |= cls.company_b
        cls.env["fsm.team"].create({"name": "Team B", "company_id": cls.company_b.id})
        cls.env["fsm.stage"].create(
            {
                "name": "New (B)",
                "is_default": True,
                "stage_type": "order",
                "sequence": 1,
                "company_id": cls.company_b.id,
            }
        )

    def test_the_same_prospect_is_refused_in_a_and_served_in_b(self):
        site = self.sites["prospect"]
        with self.assertRaisesRegex(UserError, "Convert ACME Ltd"):
            self.env["fsm.order"].create({"location_id": site.id})
        env_b = self.env(
            context=dict(self.env.context, allowed_company_ids=[self.company_b.id])
        )
        job = env_b["fsm.order"].create(
            {"location_id": site.id, "company_id": self.company_b.id}
        )
        self.assertEqual(job.company_id, self.company_b)
        contract = env_b["contract.contract"].create(
            {
                "name": "B contract",
                "partner_id": self.prospect.id,
                "contract_type": "sale",
                "company_id": self.company_b.id,
            }
        )
        self.assertTrue(contract)

    def test_moving_a_document_into_the_enforcing_company_is_refused(self):
        env_b = self.env(
            context=dict(self.env.context, allowed_company_ids=[self.company_b.id])
        )
        contract = env_b["contract.contract"].create(
            {
                "name": "B contract",
                "partner_id": self.prospect.id,
                "contract_type": "sale",
                "company_id": self.company_b.id,
            }
        )
        with self.assertRaisesRegex(UserError, "Convert ACME Ltd"):
            contract.with_context(
                allowed_company_ids=[self.company.id, self.company_b.id]
            ).write({"company_id": self.company.id})
