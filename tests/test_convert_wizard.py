# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date, datetime
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tests import Form, freeze_time, new_test_user, tagged

from .common import ProspectCommon


class ConvertCommon(ProspectCommon):
    """A prospect with everything a prospect may own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.product = cls.env["product.product"].create(
            {"name": "Boiler service", "type": "service", "list_price": 100.0}
        )
        cls.prospect.write(
            {
                "email": "office@zenith-boilers.example.com",
                "phone": "+44 1632 960 200",
                "user_id": cls.salesman.id,
            }
        )
        cls.jane, cls.bob = Partner.create(
            [
                {"name": "Jane Foster", "parent_id": cls.prospect.id},
                {"name": "Bob Old", "parent_id": cls.prospect.id},
            ]
        )
        cls.site_main = cls._site(cls.prospect, "ACME head office")
        cls.site_depot = cls._site(cls.prospect, "ACME depot")
        cls.quote = cls._quote(cls.prospect, fsm_location_id=cls.site_main.id)
        cls.quote_jane = cls._quote(cls.jane)
        cls.quote_bob = cls._quote(cls.bob)
        cls.quote_sent = cls._quote(cls.prospect)
        cls.quote_sent.state = "sent"
        cls.prospect.message_post(body="Met at the trade show", message_type="comment")
        cls.document = cls.env["ir.attachment"].create(
            {
                "name": "site-survey.txt",
                "raw": b"boiler room: 2 boilers, 1 tank",
                "res_model": "res.partner",
                "res_id": cls.prospect.id,
            }
        )
        cls.prospect.message_post(
            body="Survey attached", attachment_ids=[cls.document.id]
        )
        cls.brochure = cls.env["ir.attachment"].create(
            {
                "name": "brochure.pdf",
                "datas": base64.b64encode(b"%PDF-1.4 brochure"),
                "res_model": "res.partner",
                "res_id": cls.prospect.id,
            }
        )
        cls.call = cls.prospect.activity_schedule(
            "mail.mail_activity_data_call", summary="Call back", user_id=cls.salesman.id
        )
        cls.meeting = cls.prospect.activity_schedule(
            "mail.mail_activity_data_meeting", summary="Visit", user_id=cls.manager.id
        )
        cls.active.write({"vat": "GB999999973", "user_id": cls.manager.id})

    @classmethod
    def _quote(cls, partner, **vals):
        return cls.env["sale.order"].create(
            dict(
                {
                    "partner_id": partner.id,
                    "order_line": [Command.create({"product_id": cls.product.id})],
                },
                **vals,
            )
        )

    def _wizard_form(self, partners, user=None):
        Wizard = self.env["prospect.convert.wizard"].with_user(user or self.manager)
        return Form(
            Wizard.with_context(active_model="res.partner", active_ids=partners.ids)
        )

    def _conversion_queries(self, wizard):
        """Queries of ``wizard.action_convert()``, the chatter it leaves for
        the commit included, after the setup's own has been written."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        queries = self.cr.sql_log_count
        wizard.action_convert()
        self.env.flush_all()
        self.env.cr.precommit.run()
        return self.cr.sql_log_count - queries

    def _messages(self, partner):
        return self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", partner.id)]
        )

    def _attachments(self, partner):
        return self.env["ir.attachment"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("res_field", "=", False),
            ]
        )

    def _activities(self, partner):
        return self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
        )


@tagged("post_install", "-at_install")
class TestConvertInPlace(ConvertCommon):
    @freeze_time("2026-03-10 12:00:00")  # midday: the same day in every office
    def test_the_prospect_becomes_the_customer(self):
        self.prospect.prospect_since = date(2026, 2, 28)
        messages = self._messages(self.prospect)
        with self._wizard_form(self.prospect) as wizard:
            self.assertEqual(wizard.mode, "new")
            self.assertEqual(wizard.user_id, self.salesman)
            self.assertEqual(wizard.preview_quote_count, 4, "contacts' quotes too")
            self.assertEqual(wizard.preview_site_count, 2)
            self.assertEqual(wizard.preview_contact_count, 2)
            wizard.status_after = "suspended"
            wizard.user_id = self.manager
            wizard.contact_ids.remove(self.bob.id)
            self.assertEqual(wizard.preview_archived_contact_count, 1)
        wizard.record.action_convert()

        self.assertEqual(self.prospect.customer_status, "suspended")
        self.assertEqual(self.prospect.user_id, self.manager)
        self.assertTrue(self.prospect.active)
        self.assertEqual(
            self.prospect.prospect_stage_id,
            self.env.ref("prospect_management.stage_converted"),
        )
        self.assertEqual(self.prospect.prospect_converted_user_id, self.manager)
        self.assertEqual(
            self.prospect.prospect_converted_date, datetime(2026, 3, 10, 12, 0)
        )
        self.assertEqual(self.prospect.prospect_days_to_convert, 10)
        self.assertEqual(
            (self.site_main | self.site_depot).mapped("customer_status"),
            ["active", "active"],
        )
        self.assertTrue(self.jane.active)
        self.assertEqual(self.jane.customer_status, "suspended")
        self.assertFalse(self.bob.active, "a contact that was not chosen is archived")
        self.assertEqual(self.quote.partner_id, self.prospect, "quotes stay")
        self.assertLess(messages, self._messages(self.prospect), "nothing lost")
        self.assertIn("Converted to a customer", self._messages(self.prospect)[0].body)

    def test_follow_up_activity_and_note_go_to_the_customer(self):
        call = self.env.ref("mail.mail_activity_data_call")
        with self._wizard_form(self.prospect) as wizard:
            wizard.activity_type_id = call
            wizard.activity_summary = "Credit check with accounts"
            wizard.activity_date_deadline = "2030-06-24"
            wizard.activity_user_id = self.salesman
            wizard.note = "<p>Sale made! Awaiting credit check.</p>"
        wizard.record.action_convert()
        follow_up = self._activities(self.prospect).filtered(
            lambda a: a.summary == "Credit check with accounts"
        )
        self.assertEqual(follow_up.activity_type_id, call)
        self.assertEqual(follow_up.user_id, self.salesman)
        self.assertEqual(str(follow_up.date_deadline), "2030-06-24")
        note = self._messages(self.prospect).filtered(
            lambda m: "Awaiting credit check" in m.body
        )
        self.assertEqual(len(note), 1)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        self.assertEqual(note.author_id, self.manager.partner_id)

    def test_a_lead_converts_straight_to_active(self):
        self._wizard_form(self.lead).save().action_convert()
        self.assertEqual(self.lead.customer_status, "active")

    def test_a_shared_prospect_stays_shared_unless_a_company_is_chosen(self):
        self.assertFalse(self.prospect.company_id)
        wizard = self._wizard_form(self.prospect).save()
        self.assertFalse(wizard.company_id)
        wizard.action_convert()
        self.assertFalse(self.prospect.company_id)
        wizard = self._wizard_form(self.lead).save()
        wizard.company_id = self.company
        wizard.action_convert()
        self.assertEqual(self.lead.company_id, self.company)

    def test_bulk_conversion_from_a_list_selection(self):
        others = self.env["res.partner"].create(
            [
                {"name": f"Bulk {i}", "is_company": True, "customer_status": "prospect"}
                for i in range(3)
            ]
        )
        todo = self.env.ref("mail.mail_activity_data_todo")
        with self._wizard_form(others | self.lead) as wizard:
            self.assertFalse(wizard.user_id, "a mix of salespersons is kept")
            self.assertEqual(wizard.partner_count, 4)
            wizard.activity_type_id = todo
            wizard.note = "<p>Signed at the open day</p>"
        action = wizard.record.action_convert()
        converted = others | self.lead
        self.assertEqual(set(converted.mapped("customer_status")), {"active"})
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("4 prospects are now customers", action["params"]["message"])
        self.assertEqual(
            action["params"]["next"]["domain"], [("id", "in", converted.ids)]
        )
        for partner in converted:
            self.assertEqual(
                len(
                    self._activities(partner).filtered(
                        lambda a: a.activity_type_id == todo
                    )
                ),
                1,
            )
            self.assertTrue(
                self._messages(partner).filtered(lambda m: "open day" in m.body)
            )

    def test_bulk_conversion_costs_the_same_for_1_or_20_prospects(self):
        Partner = self.env["res.partner"]
        batches = {}
        for size in (1, 1, 20):
            prospects = Partner.create(
                [
                    {
                        "name": f"Q{size}-{i}",
                        "is_company": True,
                        "customer_status": "prospect",
                        "user_id": self.salesman.id,
                    }
                    for i in range(size)
                ]
            )
            Partner.create([{"name": f"C{p.id}", "parent_id": p.id} for p in prospects])
            self.env["fsm.location"].create(
                [{"name": f"S{p.id}", "owner_id": p.id} for p in prospects]
            )
            wizard = (
                self.env["prospect.convert.wizard"]
                .with_user(self.manager)
                .create({"partner_ids": [Command.set(prospects.ids)]})
            )
            self.env.flush_all()
            self.env.cr.precommit.run()  # the chatter of the setup above
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            wizard.action_convert()
            self.env.flush_all()
            batches.setdefault(size, []).append(self.cr.sql_log_count - before)
            self.assertEqual(set(prospects.mapped("customer_status")), {"active"})
        one, twenty = batches[1][-1], batches[20][0]
        # a few queries may differ in shape (a multi-row UPDATE), not in number
        self.assertLessEqual(
            abs(twenty - one), 5, f"queries for 1 and 20 prospects: {batches}"
        )


@tagged("post_install", "-at_install")
class TestConvertIntoExisting(ConvertCommon):
    def _convert_into(self, target, copy_messages, copy_documents, drop=None):
        with self._wizard_form(self.prospect) as wizard:
            wizard.mode = "existing"
            wizard.target_partner_id = target
            wizard.copy_messages = copy_messages
            wizard.copy_documents = copy_documents
            if drop:
                wizard.contact_ids.remove(drop.id)
        return wizard.record

    def test_everything_moves_to_the_customer(self):
        target = self.active
        prospect_messages = self._messages(self.prospect)
        target_messages = self._messages(target)
        attachments = self._attachments(self.prospect)
        activities = self._activities(self.prospect)
        self.assertEqual(len(attachments), 2)
        self.assertEqual(len(activities), 2)

        wizard = self._convert_into(target, False, False, drop=self.bob)
        self.assertEqual(wizard.preview_quote_count, 4)
        self.assertEqual(wizard.preview_site_count, 2)
        self.assertEqual(wizard.preview_contact_count, 1)
        self.assertEqual(wizard.preview_archived_contact_count, 1)
        self.assertEqual(wizard.preview_message_count, len(prospect_messages))
        self.assertEqual(wizard.preview_attachment_count, 2)
        self.assertEqual(wizard.preview_activity_count, 2)
        action = wizard.action_convert()
        self.assertEqual(action["params"]["next"]["res_id"], target.id)

        # quotes: re-pointed, the kept contact keeps its own, the site stays
        self.assertEqual(self.quote.partner_id, target)
        self.assertEqual(self.quote.partner_invoice_id, target)
        self.assertEqual(self.quote.partner_shipping_id, target)
        self.assertEqual(self.quote.fsm_location_id, self.site_main)
        self.assertEqual(self.quote_sent.partner_id, target)
        self.assertEqual(self.quote_jane.partner_id, self.jane)
        self.assertEqual(self.quote_bob.partner_id, target, "Bob is archived")
        # sites: moved and live, their own partner hangs under the customer
        sites = self.site_main | self.site_depot
        self.assertEqual(sites.owner_id, target)
        self.assertEqual(sites.partner_id.parent_id, target)
        self.assertEqual(set(sites.mapped("customer_status")), {"active"})
        self.assertEqual(target.live_site_ids, sites)
        # activities moved
        self.assertEqual(self._activities(target), activities)
        self.assertFalse(self._activities(self.prospect))
        # contacts
        self.assertEqual(self.jane.parent_id, target)
        self.assertEqual(self.jane.customer_status, "active")
        self.assertFalse(self.bob.active)
        # messages and documents moved: nothing lost, nothing duplicated
        self.assertEqual(
            self._messages(target),
            target_messages | prospect_messages | self._messages(target)[0],
            "the target has its messages, the prospect's and one conversion log",
        )
        self.assertEqual(len(self._messages(self.prospect)), 1, "only its log")
        self.assertEqual(self._attachments(target), attachments)
        self.assertFalse(self._attachments(self.prospect))
        # the prospect: archived, converted, linked, its own status unchanged
        self.assertFalse(self.prospect.active)
        self.assertEqual(self.prospect.customer_status, "prospect")
        self.assertEqual(self.prospect.prospect_customer_id, target)
        self.assertEqual(
            self.prospect.prospect_stage_id,
            self.env.ref("prospect_management.stage_converted"),
        )
        self.assertEqual(self.prospect.prospect_converted_user_id, self.manager)
        self.assertIn(self.prospect, target.prospect_origin_ids)
        self.assertEqual(target.prospect_origin_count, 1)
        self.assertEqual(
            target.action_view_prospect_origins()["res_id"], self.prospect.id
        )
        self.assertEqual(
            self.prospect.action_view_prospect_customer()["res_id"], target.id
        )

    def test_each_moved_quote_site_and_contact_says_where_it_went(self):
        self.env.flush_all()
        self.env.cr.precommit.run()  # as if created in an earlier transaction
        before = {
            record: record.message_ids
            for record in (self.quote, self.site_main, self.jane)
        }
        self._convert_into(self.active, False, False, drop=self.bob).action_convert()
        self.env.flush_all()
        self.env.cr.precommit.run()
        for record, old_messages in before.items():
            new_messages = record.message_ids - old_messages
            moved = new_messages.filtered(
                lambda m: "Moved to the customer Live Ltd" in m.body
            )
            self.assertEqual(len(moved), 1, record.display_name)
            self.assertIn("who converted the prospect ACME Ltd", moved.body)
            # the note says it all: no tracking message per record on top
            self.assertFalse(new_messages.tracking_value_ids)
        self.assertEqual(
            len(self.site_main.message_ids - before[self.site_main]),
            2,
            "moved, then activated with its new customer",
        )

    def test_the_history_of_a_prospect_costs_no_query_per_item(self):
        """Messages, documents and activities move in a constant number of
        queries (the ORM inserts up to 100 rows per query: stay below)."""
        counts = {}
        for copy in (True, False):
            for size in (2, 2, 40):  # the first run warms the caches up
                prospect = self._prospect_with_history(size)
                activities = self._activities(prospect)
                self.assertEqual(len(activities), size)
                with self._wizard_form(prospect) as form:
                    form.mode = "existing"
                    form.target_partner_id = self.active
                    form.copy_messages = copy
                    form.copy_documents = copy
                counts[(copy, size)] = self._conversion_queries(form.record)
                # the activities move in both modes: they are now the customer's
                self.assertEqual(self._activities(self.active) & activities, activities)
                self.assertFalse(self._activities(prospect))
        for copy in (True, False):
            self.assertLessEqual(abs(counts[(copy, 40)] - counts[(copy, 2)]), 3, counts)

    def test_moved_sites_and_contacts_take_the_customers_terms(self):
        """Moved sites and contacts get the customer's VAT, fiscal position
        and pricelist (and a contact its address), as when a contact is put
        under a company by hand, in the same number of queries for 2 or 12."""
        pricelist = self.env["product.pricelist"].create({"name": "Trade"})
        position = self.env["account.fiscal.position"].create({"name": "Export"})
        target = self.active
        target.write(
            {
                "street": "1 Live Street",
                "city": "Leeds",
                "country_id": self.env.ref("base.uk").id,
                "property_product_pricelist": pricelist.id,
                "property_account_position_id": position.id,
            }
        )
        counts = {}
        for size in (2, 2, 12):  # the first run warms the caches up
            prospect = self.env["res.partner"].create(
                {
                    "name": f"Terms {size}",
                    "is_company": True,
                    "is_prospect": True,
                    "street": "9 Prospect Road",
                    "city": "York",
                }
            )
            sites = self.env["fsm.location"].create(
                [
                    {
                        "name": f"Terms {size} site {i}",
                        "owner_id": prospect.id,
                        "city": "Harrogate",
                    }
                    for i in range(size)
                ]
            )
            contacts = self.env["res.partner"].create(
                [
                    {"name": f"Terms {size} contact {i}", "parent_id": prospect.id}
                    for i in range(size)
                ]
            )
            self.assertEqual(contacts.mapped("city"), ["York"] * size)
            with self._wizard_form(prospect) as form:
                form.mode = "existing"
                form.target_partner_id = target
            counts[size] = self._conversion_queries(form.record)
            self.env.invalidate_all()

            moved = sites.partner_id | contacts
            self.assertEqual(moved.parent_id, target)
            self.assertEqual(moved.commercial_partner_id, target)
            self.assertEqual(set(moved.mapped("vat")), {"GB999999973"})
            self.assertEqual(moved.property_product_pricelist, pricelist)
            self.assertEqual(moved.property_account_position_id, position)
            self.assertEqual(set(contacts.mapped("city")), {"Leeds"})
            self.assertEqual(set(contacts.mapped("street")), {"1 Live Street"})
            self.assertEqual(set(sites.mapped("city")), {"Harrogate"}, "sites stay put")
        self.assertEqual(counts[12], counts[2], counts)

    def _prospect_with_history(self, size):
        prospect = self.env["res.partner"].create(
            {"name": f"History {size}", "is_company": True, "is_prospect": True}
        )
        prospect.message_subscribe(partner_ids=self.env.user.partner_id.ids)
        for i in range(size):
            prospect.message_post(body=f"Call {i}", message_type="comment")
            prospect.activity_schedule(
                "mail.mail_activity_data_call", summary=f"Call {i}"
            )
        self.env["ir.attachment"].create(
            [
                {
                    "name": f"survey-{i}.txt",
                    "raw": b"two boilers",
                    "res_model": "res.partner",
                    "res_id": prospect.id,
                }
                for i in range(size)
            ]
        )
        return prospect

    def test_copies_keep_the_originals_on_the_prospect(self):
        target = self.active
        # a tracked change in the prospect's chatter (stage New → Contacted)
        Tracking = self.env["mail.tracking.value"]
        self.prospect._message_log(
            tracking_value_ids=[
                Command.create(
                    Tracking._create_tracking_values(
                        self.env.ref("prospect_management.stage_new"),
                        self.env.ref("prospect_management.stage_contacted"),
                        "prospect_stage_id",
                        self.prospect.fields_get(["prospect_stage_id"])[
                            "prospect_stage_id"
                        ],
                        self.prospect,
                    )
                )
            ]
        )
        # a thread: the salesperson answers the trade show note, to Jane
        parent = self._messages(self.prospect).filtered(
            lambda m: "Met at the trade show" in m.body
        )
        reply = self.prospect.message_post(
            body="Call her back next week",
            message_type="comment",
            parent_id=parent.id,
            partner_ids=self.jane.ids,
        )
        prospect_messages = self._messages(self.prospect)
        attachments = self._attachments(self.prospect)
        target_messages = self._messages(target)
        tracked = prospect_messages.filtered("tracking_value_ids")
        self.assertTrue(tracked)

        self._convert_into(target, True, True).action_convert()

        self.assertEqual(
            len(self._messages(self.prospect)),
            len(prospect_messages) + 1,
            "the originals stay, plus the conversion log",
        )
        self.assertEqual(self._attachments(self.prospect), attachments)
        copies = self._messages(target) - target_messages
        self.assertEqual(len(copies), len(prospect_messages) + 1, "copies and a log")
        self.assertEqual(
            sorted(str(b) for b in copies.mapped("body") if "converted into" not in b),
            sorted(str(b) for b in prospect_messages.mapped("body")),
        )
        copied_docs = self._attachments(target)
        self.assertEqual(len(copied_docs), 2)
        self.assertFalse(copied_docs & attachments)
        survey = copied_docs.filtered(lambda a: a.name == "site-survey.txt")
        self.assertEqual(survey.raw, b"boiler room: 2 boilers, 1 tank")
        self.assertEqual(survey.store_fname, self.document.store_fname)
        self.assertEqual(
            copied_docs.filtered(lambda a: a.name == "brochure.pdf").raw,
            b"%PDF-1.4 brochure",
        )
        survey_message = copies.filtered(lambda m: "Survey attached" in m.body)
        self.assertEqual(survey_message.attachment_ids, survey)
        reply_copy = copies.filtered(lambda m: "Call her back" in m.body)
        self.assertEqual(reply_copy.partner_ids, self.jane)
        self.assertNotEqual(reply_copy, reply)
        self.assertIn("Met at the trade show", reply_copy.parent_id.body)
        self.assertEqual(
            reply_copy.parent_id.res_id, target.id, "it answers the copy, on the target"
        )
        self.assertEqual(reply.parent_id, parent, "the original thread is untouched")
        tracked_copy = copies.filtered("tracking_value_ids")
        self.assertEqual(
            tracked_copy.tracking_value_ids.mapped("new_value_char"),
            tracked.tracking_value_ids.mapped("new_value_char"),
        )

    def test_suggestions_put_the_most_likely_customer_first(self):
        Partner = self.env["res.partner"]
        by_name = Partner.create(
            {
                "name": "Zenith Boilers Limited",
                "is_company": True,
                "customer_status": "active",
            }
        )
        by_phone = Partner.create(
            {
                "name": "Northern Heating",
                "is_company": True,
                "phone": "01632-960-200",
                "customer_status": "active",
            }
        )
        by_domain = Partner.create(
            {
                "name": "Foundry Group",
                "is_company": True,
                "email": "accounts@zenith-boilers.example.com",
                "customer_status": "suspended",
            }
        )
        by_vat = self.active
        Partner.create(
            [
                {  # a public domain says nothing
                    "name": "Gee Mail",
                    "is_company": True,
                    "email": "someone@gmail.com",
                    "customer_status": "active",
                },
                {  # a prospect is no customer to link into
                    "name": "Zenith Boilers Ltd (old record)",
                    "is_company": True,
                    "customer_status": "prospect",
                },
            ]
        )
        self.prospect.write({"name": "Zenith Boilers Ltd", "vat": "GB 999 9999 73"})
        with self._wizard_form(self.prospect) as wizard:
            wizard.mode = "existing"
            self.assertEqual(
                wizard.suggested_partner_ids.ids,
                [by_vat.id, by_domain.id, by_phone.id, by_name.id],
            )
            self.assertEqual(wizard.target_partner_id, by_vat)

    def test_refused_targets(self):
        other_company = self.env["res.company"].create({"name": "Branch North"})
        foreign = (
            self.env["res.partner"]
            .sudo()
            .create(
                {
                    "name": "North Customer",
                    "is_company": True,
                    "company_id": other_company.id,
                    "customer_status": "active",
                }
            )
        )
        customer_contact = self.env["res.partner"].create(
            {"name": "Live contact", "parent_id": self.active.id}
        )
        Wizard = self.env["prospect.convert.wizard"].with_user(self.manager)
        cases = {
            "not a live customer": self.lead,
            "one of the prospects being converted": self.prospect,
            "or one of their contacts": self.jane,
            "not a customer account": customer_contact,
            "You may not change North Customer": foreign,
        }
        for message, target in cases.items():
            with self.subTest(message), self.assertRaisesRegex(UserError, message):
                Wizard.create(
                    {
                        "partner_ids": [Command.set(self.prospect.ids)],
                        "mode": "existing",
                        "target_partner_id": target.id,
                    }
                ).action_convert()
        self.assertTrue(self.prospect.active)
        self.assertEqual(self.quote.partner_id, self.prospect)

    def test_a_prospect_of_another_company_does_not_go_into_this_one(self):
        branch = self.env["res.company"].create({"name": "Branch East"})
        self.manager.company_ids |= branch
        self.prospect.company_id = branch
        self.active.company_id = self.company
        wizard = (
            self.env["prospect.convert.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "partner_ids": [Command.set(self.prospect.ids)],
                    "mode": "existing",
                    "target_partner_id": self.active.id,
                }
            )
        )
        with self.assertRaisesRegex(UserError, "of its own company"):
            wizard.action_convert()

    def test_a_failure_midway_leaves_everything_as_it_was(self):
        before = {
            "quote": (self.quote.partner_id, self.quote.partner_invoice_id),
            "sites": (self.site_main.owner_id, self.site_main.customer_status),
            "activities": self._activities(self.prospect),
            "messages": self._messages(self.prospect),
            "attachments": self._attachments(self.prospect),
            "jane": self.jane.parent_id,
            "bob": self.bob.active,
            "stage": self.prospect.prospect_stage_id,
        }
        wizard = self._convert_into(self.active, False, False, drop=self.bob)
        # no assertRaises here: Odoo's wraps the call in a savepoint of its
        # own, which would hide a wizard that is not all-or-nothing by itself
        # (e.g. for a script that catches the error and carries on)
        failure = None
        with patch.object(
            type(self.env["res.partner"]),
            "_prospect_transfer_messages",
            side_effect=RuntimeError("disk full"),
        ):
            try:
                wizard.action_convert()
            except RuntimeError as error:
                failure = error
        self.assertEqual(str(failure), "disk full")
        self.env.invalidate_all()
        after = {
            "quote": (self.quote.partner_id, self.quote.partner_invoice_id),
            "sites": (self.site_main.owner_id, self.site_main.customer_status),
            "activities": self._activities(self.prospect),
            "messages": self._messages(self.prospect),
            "attachments": self._attachments(self.prospect),
            "jane": self.jane.parent_id,
            "bob": self.bob.active,
            "stage": self.prospect.prospect_stage_id,
        }
        self.assertEqual(after, before)
        self.assertTrue(self.prospect.active)
        self.assertFalse(self.prospect.prospect_customer_id)


@tagged("post_install", "-at_install")
class TestConvertRefusals(ConvertCommon):
    def test_only_leads_and_prospects_convert(self):
        for partner, message in (
            (self.active, "not a lead or a prospect"),
            (self.suspended, "not a lead or a prospect"),
            (self.jane, "is a contact of ACME Ltd"),
        ):
            with self.subTest(partner=partner.name):
                with self.assertRaisesRegex(UserError, message):
                    self._wizard_form(partner)
                with self.assertRaisesRegex(UserError, message):
                    self.env["prospect.convert.wizard"].with_user(self.manager).create(
                        {"partner_ids": [Command.set(partner.ids)]}
                    ).action_convert()

    def test_nothing_selected(self):
        wizard = self.env["prospect.convert.wizard"].with_user(self.manager).new({})
        with self.assertRaisesRegex(UserError, "Select the leads or prospects"):
            wizard.action_convert()

    def test_a_converted_prospect_cannot_be_converted_again(self):
        wizard = self._wizard_form(self.prospect).save()
        wizard.action_convert()
        with self.assertRaisesRegex(UserError, "not a lead or a prospect"):
            wizard.action_convert()

    def test_a_prospect_user_cannot_convert(self):
        with self.assertRaises(AccessError):
            self._wizard_form(self.prospect, user=self.salesman).save()
        wizard = (
            self.env["prospect.convert.wizard"]
            .sudo()
            .create({"partner_ids": [Command.set(self.prospect.ids)]})
        )
        with self.assertRaisesRegex(AccessError, "Only a Prospect Manager"):
            wizard.with_user(self.salesman).action_convert()
        self.assertEqual(self.prospect.customer_status, "prospect")


@tagged("post_install", "-at_install")
class TestConvertConcurrency(ProspectCommon):
    """Two managers convert the same prospect at once: one wins, the other
    gets a clear message.  Each side needs its own database connection, so
    this test commits its own prospect, and removes everything it committed
    afterwards, also when it fails half-way."""

    NAME = "Race Condition Ltd"

    def test_two_managers_convert_the_same_prospect(self):
        admin = self.env.ref("base.user_admin")
        # before the first commit: a failure anywhere after it still cleans up
        self.addCleanup(self._delete_committed, self.NAME)
        with self.registry.cursor() as cr:
            prospect_id = (
                api.Environment(cr, admin.id, {})["res.partner"]
                .create(
                    {
                        "name": self.NAME,
                        "is_company": True,
                        "customer_status": "prospect",
                    }
                )
                .id
            )

        def convert(cr):
            env = api.Environment(cr, admin.id, {})
            return (
                env["prospect.convert.wizard"]
                .create({"partner_ids": [Command.set([prospect_id])]})
                .action_convert()
            )

        with self.registry.cursor() as first:
            convert(first)  # holds the lock until it commits
            with self.registry.cursor() as second:
                with self.assertRaisesRegex(
                    UserError,
                    "Race Condition Ltd is being converted by someone else",
                ):
                    convert(second)
                second.rollback()
        with self.registry.cursor() as cr:
            partner = api.Environment(cr, admin.id, {})["res.partner"].browse(
                prospect_id
            )
            self.assertEqual(partner.customer_status, "active")
            self.assertEqual(partner.prospect_converted_user_id, admin)

    def test_the_lock_is_taken_without_waiting(self):
        """The wizard refuses while another transaction holds the row."""
        with self.registry.cursor() as other:
            other.execute(
                "SELECT id FROM res_partner WHERE id = %s FOR UPDATE NOWAIT",
                [self.env.ref("base.main_partner").id],
            )
            with self.assertRaisesRegex(UserError, "being converted by someone else"):
                self.env.ref("base.main_partner").with_user(
                    self.manager
                )._prospect_lock()
            other.rollback()

    @classmethod
    def _committed(cls, env, name, partner_ids=(), site_ids=()):
        """What a test can have committed for the partners called ``name``
        (and the given ids, once those partners are gone): the partners and
        their contacts, their sites, the conversion wizards naming them, and
        the chatter of them all, in an order they can be deleted in."""
        Partner = env["res.partner"]
        partners = Partner.search([("name", "=", name)]) | Partner.browse(partner_ids)
        partners = partners.exists()
        if partners:
            partners = Partner.search([("id", "child_of", partners.ids)])
        partner_ids = set(partners.ids) | set(partner_ids)
        sites = env["fsm.location"].search(
            [
                "|",
                ("owner_id", "in", list(partner_ids)),
                ("partner_id", "in", list(partner_ids)),
            ]
        )
        threads = {
            "res.partner": partner_ids,
            "fsm.location": set(sites.ids) | set(site_ids),
        }

        def on(model_field):
            return expression.OR(
                [
                    [(model_field, "=", model), ("res_id", "in", list(ids))]
                    for model, ids in threads.items()
                ]
            )

        return {
            "prospect.convert.wizard": env["prospect.convert.wizard"].search(
                [
                    "|",
                    ("partner_ids", "in", list(partner_ids)),
                    ("target_partner_id", "in", list(partner_ids)),
                ]
            ),
            "mail.activity": env["mail.activity"].search(on("res_model")),
            "mail.message": env["mail.message"].search(on("model")),
            "mail.followers": env["mail.followers"].search(on("res_model")),
            "fsm.location": sites,
            "res.partner": partners,
        }

    @classmethod
    def _delete_committed(cls, name):
        """Delete what the test committed, in a transaction of its own, then
        check in another one that nothing is left."""
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            committed = cls._committed(env, name)
            for records in committed.values():
                records.unlink()
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            left = cls._committed(
                env,
                name,
                committed["res.partner"].ids,
                committed["fsm.location"].ids,
            )
            left = {model: records.ids for model, records in left.items() if records}
            if left:
                raise AssertionError(f"{name}: committed rows left behind: {left}")


@tagged("post_install", "-at_install")
class TestConvertMultiCompany(ConvertCommon):
    def test_a_user_of_one_company_cannot_use_another(self):
        other = self.env["res.company"].create({"name": "Branch West"})
        user = new_test_user(
            self.env,
            login="pm_west_only",
            groups="sales_team.group_sale_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        wizard = (
            self.env["prospect.convert.wizard"]
            .with_user(user)
            .create({"partner_ids": [Command.set(self.prospect.ids)]})
        )
        wizard.company_id = other
        with self.assertRaisesRegex(UserError, "You do not work in Branch West"):
            wizard.action_convert()
        self.assertEqual(self.prospect.customer_status, "prospect")
