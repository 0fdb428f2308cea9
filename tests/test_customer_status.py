# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from itertools import product

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import ProspectCommon

STATUSES = ("lead", "prospect", "active", "suspended")
ALLOWED = {
    ("lead", "prospect"),
    ("lead", "active"),
    ("lead", "suspended"),
    ("prospect", "active"),
    ("prospect", "suspended"),
    ("active", "suspended"),
    ("suspended", "active"),
}


@tagged("post_install", "-at_install")
class TestCustomerStatus(ProspectCommon):
    def test_every_transition_is_allowed_or_refused(self):
        """A status only moves forward; a refused move changes nothing."""
        Partner = self.env["res.partner"].with_user(self.manager)
        for old, new in product(STATUSES, STATUSES):
            if old == new:
                continue
            with self.subTest(old=old, new=new):
                partner = Partner.create(
                    {
                        "name": f"{old} to {new}",
                        "is_company": True,
                        "customer_status": old,
                    }
                )
                if (old, new) in ALLOWED:
                    partner.write({"customer_status": new})
                    self.assertEqual(partner.customer_status, new)
                else:
                    with self.assertRaisesRegex(UserError, "only moves forward"):
                        partner.write({"customer_status": new})
                    partner.invalidate_recordset()
                    self.assertEqual(partner.customer_status, old)

    def test_refused_write_in_a_batch_changes_no_record(self):
        partners = self.prospect | self.active
        with self.assertRaises(UserError):
            partners.with_user(self.manager).write({"customer_status": "prospect"})
        partners.invalidate_recordset()
        self.assertEqual(partners.mapped("customer_status"), ["prospect", "active"])

    def test_unknown_status_is_refused_with_a_readable_error(self):
        with self.assertRaisesRegex(UserError, "is not a customer status"):
            self.prospect.write({"customer_status": "gold"})
        with self.assertRaisesRegex(UserError, "is not a customer status"):
            self.env["res.partner"].create({"name": "X", "customer_status": "gold"})

    def test_status_change_is_tracked_in_the_chatter(self):
        # as if ACME had been created in an earlier transaction: Odoo does not
        # track changes of a record created in the same transaction
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.prospect.with_user(self.manager).write({"customer_status": "active"})
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit time
        tracked = self.prospect.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "customer_status"
        )
        self.assertEqual(tracked.old_value_char, "Prospect")
        self.assertEqual(tracked.new_value_char, "Active")

    def test_the_change_is_tracked_on_the_company_not_on_each_contact(self):
        contact, site_address = self.env["res.partner"].create(
            [
                {"name": "Jane Foster", "parent_id": self.prospect.id},
                {"name": "Depot", "parent_id": self.prospect.id, "type": "other"},
            ]
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.prospect.with_user(self.manager).write({"customer_status": "active"})
        self.env.flush_all()
        self.env.cr.precommit.run()

        def status_trackings(partner):
            return partner.message_ids.tracking_value_ids.filtered(
                lambda t: t.field_id.name == "customer_status"
            )

        self.assertEqual(len(status_trackings(self.prospect)), 1)
        self.assertEqual(
            (contact | site_address).mapped("customer_status"), ["active"] * 2
        )
        self.assertFalse(status_trackings(contact | site_address))

    def test_prospect_user_cannot_change_a_status(self):
        partner = self.prospect.with_user(self.salesman)
        with self.assertRaisesRegex(AccessError, "Only a Prospect Manager"):
            partner.write({"customer_status": "active"})
        self.assertEqual(self.prospect.customer_status, "prospect")
        # ... but may save the record with its status unchanged (e.g. import)
        partner.write({"customer_status": "prospect", "phone": "+44 1"})
        self.assertEqual(self.prospect.phone, "+44 1")

    def test_prospect_user_creates_prospects(self):
        partner = (
            self.env["res.partner"]
            .with_user(self.salesman)
            .create({"name": "New prospect", "customer_status": "prospect"})
        )
        self.assertEqual(partner.customer_status, "prospect")

    def test_groups_are_implied_by_the_sales_groups(self):
        self.assertTrue(
            self.salesman.has_group("prospect_management.group_prospect_user")
        )
        self.assertFalse(
            self.salesman.has_group("prospect_management.group_prospect_manager")
        )
        self.assertTrue(
            self.manager.has_group("prospect_management.group_prospect_manager")
        )

    def test_contacts_follow_their_company(self):
        contact = self.env["res.partner"].create(
            {"name": "Jane", "parent_id": self.prospect.id, "customer_status": "active"}
        )
        self.assertEqual(
            contact.customer_status, "prospect", "the sent status is ignored"
        )
        grandchild = self.env["res.partner"].create(
            {"name": "Jane's office", "parent_id": contact.id, "type": "other"}
        )
        self.assertEqual(grandchild.customer_status, "prospect")
        self.prospect.with_user(self.manager).write({"customer_status": "active"})
        self.assertEqual(contact.customer_status, "active")
        self.assertEqual(grandchild.customer_status, "active")

    def test_a_contact_status_cannot_diverge(self):
        contact = self.env["res.partner"].create(
            {"name": "Jane", "parent_id": self.prospect.id}
        )
        with self.assertRaisesRegex(UserError, "always shows its status"):
            contact.with_user(self.manager).write({"customer_status": "active"})
        self.assertEqual(self.prospect.customer_status, "prospect")

    def test_a_contact_moved_to_another_company_takes_its_status(self):
        contact = self.env["res.partner"].create(
            {"name": "Jane", "parent_id": self.active.id}
        )
        contact.write({"parent_id": self.prospect.id})
        self.assertEqual(contact.customer_status, "prospect")

    def test_a_company_still_passes_its_vat_and_address_to_its_contacts(self):
        """A status change skips base's contact sync (nothing to sync); a
        VAT or address change still reaches the contacts."""
        contact = self.env["res.partner"].create(
            {"name": "Jane", "parent_id": self.prospect.id}
        )
        self.prospect.write({"vat": "GB999999973", "street": "2 New Road"})
        self.assertEqual(contact.vat, "GB999999973")
        self.assertEqual(contact.street, "2 New Road")
        self.prospect.with_user(self.manager).write({"customer_status": "active"})
        self.assertEqual(contact.customer_status, "active")
        self.assertEqual(contact.vat, "GB999999973")

    def test_a_status_change_costs_no_query_per_customer(self):
        """Customers with contacts: base would look them up one by one."""
        Partner = self.env["res.partner"]
        counts = {}
        for size in (1, 1, 10):  # the first run warms the caches up
            prospects = Partner.create(
                [
                    {
                        "name": f"Batch {size}-{i}",
                        "is_company": True,
                        "customer_status": "prospect",
                    }
                    for i in range(size)
                ]
            )
            Partner.create([{"name": "Jane", "parent_id": p.id} for p in prospects])
            self.env.flush_all()
            self.env.invalidate_all()
            queries = self.cr.sql_log_count
            # untracked: the tracking message of each partner is mail's own
            prospects.with_context(mail_notrack=True).write(
                {"customer_status": "active"}
            )
            self.env.flush_all()
            counts[size] = self.cr.sql_log_count - queries
            self.assertEqual(set(prospects.mapped("customer_status")), {"active"})
        self.assertEqual(counts[10], counts[1], counts)

    def test_company_and_its_contacts_written_together(self):
        contact = self.env["res.partner"].create(
            {"name": "Jane", "parent_id": self.prospect.id}
        )
        (self.prospect | contact).with_user(self.manager).write(
            {"customer_status": "active"}
        )
        self.assertEqual(
            (self.prospect | contact).mapped("customer_status"), ["active"] * 2
        )

    def test_prospect_checkbox_on_the_create_form(self):
        form = Form(self.env["res.partner"].with_user(self.salesman))
        form.name = "Ticked Ltd"
        self.assertFalse(form.is_prospect, "unticked by default")
        self.assertEqual(form.customer_status, "active")
        form.is_prospect = True
        self.assertEqual(form.customer_status, "prospect")
        self.assertEqual(form.save().customer_status, "prospect")

        form = Form(self.env["res.partner"])
        form.name = "Unticked Ltd"
        self.assertEqual(form.save().customer_status, "active")

    def test_prospect_checkbox_through_rpc_values(self):
        partner = self.env["res.partner"].create(
            {"name": "Box Ltd", "is_prospect": True}
        )
        self.assertEqual(partner.customer_status, "prospect")
        self.assertTrue(partner.is_prospect)

    def test_new_customers_get_the_company_default(self):
        self.company.prospect_default_status = "prospect"
        self.assertEqual(
            self.env["res.partner"].create({"name": "Default Ltd"}).customer_status,
            "prospect",
        )
        other = self.env["res.company"].create({"name": "Other Co"})
        self.assertEqual(
            other.prospect_default_status, "active", "active out of the box"
        )
        partner = (
            self.env["res.partner"]
            .with_company(other)
            .create({"name": "Other customer", "company_id": other.id})
        )
        self.assertEqual(partner.customer_status, "active")

    def test_default_is_active_where_prospect_management_is_off(self):
        self.company.write(
            {"prospect_default_status": "prospect", "prospect_enabled": False}
        )
        partner = self.env["res.partner"].create({"name": "Off Ltd"})
        self.assertEqual(partner.customer_status, "active")

    def test_leads_only_where_the_company_uses_them(self):
        self.company.prospect_use_leads = False
        with self.assertRaisesRegex(ValidationError, "does not use leads"):
            self.env["res.partner"].create(
                {"name": "No lead", "customer_status": "lead"}
            )
        with self.assertRaisesRegex(ValidationError, "cannot default to Lead"):
            self.company.prospect_default_status = "lead"
        self.company.prospect_use_leads = True
        lead = self.env["res.partner"].create(
            {"name": "Lead", "customer_status": "lead"}
        )
        self.assertEqual(lead.customer_status, "lead")

    def test_existing_partners_are_active_after_install(self):
        """The install hook made every partner that existed before active."""
        self.assertEqual(self.env.ref("base.main_partner").customer_status, "active")
        self.assertEqual(self.env.ref("base.partner_admin").customer_status, "active")
        self.env.cr.execute(
            "SELECT count(*) FROM res_partner WHERE customer_status IS NULL"
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'res_partner' "
            "AND indexdef LIKE '%(customer_status)%'"
        )
        self.assertTrue(self.env.cr.fetchall(), "the status is indexed")
