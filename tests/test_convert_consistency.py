# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_convert_wizard import ConvertCommon

REPLY = """From: Jane Foster <jane@zenith-boilers.example.com>
To: {to}
Subject: Re: Your quote
Message-ID: <reply-{mode}-1@zenith-boilers.example.com>
In-Reply-To: {parent}
References: {parent}
Date: Tue, 01 Dec 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Yes, please go ahead with the {mode} visit.
"""


@tagged("post_install", "-at_install")
class TestConvertConsistency(ConvertCommon):
    """What the SQL of a conversion into an existing customer leaves behind:
    the ORM's view of the customer, its followers, replies to old emails,
    and who may convert into whom."""

    def _convert(self, copy, target=None, user=None):
        with self._wizard_form(self.prospect, user=user) as wizard:
            wizard.mode = "existing"
            wizard.target_partner_id = target or self.active
            wizard.copy_messages = copy
            wizard.copy_documents = copy
        return wizard.record.action_convert()

    # ------------------------------------------------------------- the cache
    def _thread(self, partner):
        """The chatter of ``partner`` as the database has it."""
        return self._messages(partner).filtered(
            lambda m: m.message_type != "user_notification"
        )

    def _transfer_in_sql(self, copy):
        """Copy or move the prospect's history, reading it first through the
        ORM as a form would, and nothing else of the conversion (whose later
        notes would refresh the customer's chatter by themselves)."""
        target = self.active
        before = {
            "messages": target.message_ids,
            "documents": target.message_attachment_count,
            "prospect": self.prospect.message_ids,
            "survey": self.document.res_id,
        }
        self.assertEqual(before["survey"], self.prospect.id)
        prospect = self.prospect.sudo()
        documents = prospect._prospect_transfer_attachments(target, copy)
        messages = prospect._prospect_transfer_messages(
            target, copy, documents
        ).filtered(lambda m: m.message_type != "user_notification")
        # the same transaction, no invalidation: what the ORM shows now
        self.assertEqual(target.message_ids, self._thread(target))
        self.assertEqual(self.prospect.message_ids, self._thread(self.prospect))
        self.assertTrue(messages <= target.message_ids)
        self.assertEqual(target.message_attachment_count, before["documents"] + 2)
        survey = messages.filtered(lambda m: "Survey attached" in m.body)
        self.assertEqual(survey.attachment_ids.mapped("name"), ["site-survey.txt"])
        self.assertEqual(survey.attachment_ids.res_id, target.id)
        return before, messages

    def test_copied_history_reads_on_the_customer_right_after_the_sql(self):
        before, copies = self._transfer_in_sql(copy=True)
        self.assertEqual(self.prospect.message_ids, before["prospect"], "originals")
        self.assertFalse(copies & before["prospect"], "copies are new messages")
        self.assertEqual(self.document.res_id, self.prospect.id)

    def test_moved_history_reads_on_the_customer_right_after_the_sql(self):
        before, moved = self._transfer_in_sql(copy=False)
        self.assertFalse(self.prospect.message_ids)
        self.assertEqual(moved, before["prospect"])
        self.assertEqual(self.document.res_id, self.active.id)
        self.assertEqual(self.prospect.message_attachment_count, 0)

    # ------------------------------------------------------------ followers
    def test_the_prospects_followers_follow_the_customer(self):
        discussion = self.env.ref("mail.mt_comment")
        note = self.env.ref("mail.mt_note")
        watcher = self.env["res.partner"].create({"name": "Wendy Watcher"})
        self.prospect.message_subscribe(partner_ids=watcher.ids, subtype_ids=note.ids)
        self.prospect.message_subscribe(
            partner_ids=self.manager.partner_id.ids, subtype_ids=note.ids
        )
        self.active.message_subscribe(
            partner_ids=self.manager.partner_id.ids, subtype_ids=discussion.ids
        )
        self._convert(copy=True)
        followers = self.env["mail.followers"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", self.active.id)]
        )
        by_partner = {f.partner_id: f.subtype_ids for f in followers}
        self.assertEqual(len(by_partner), len(followers), "nobody follows twice")
        self.assertEqual(by_partner[watcher], note)
        self.assertEqual(by_partner[self.manager.partner_id], discussion | note)
        self.assertIn(self.manager.partner_id, self.active.message_partner_ids)

    # -------------------------------------------------------------- replies
    def _reply_lands_on_the_customer(self, copy):
        mode = "copy" if copy else "move"
        sent = self.prospect.message_post(
            body="Here is your quote",
            subject="Your quote",
            message_type="email",
            partner_ids=self.jane.ids,
        )
        self.assertTrue(sent.message_id)
        self._convert(copy)
        self.env["mail.thread"].message_process(
            None,
            REPLY.format(to="sales@example.com", parent=sent.message_id, mode=mode),
        )
        reply = self.env["mail.message"].search(
            [("message_id", "=", f"<reply-{mode}-1@zenith-boilers.example.com>")]
        )
        self.assertEqual(len(reply), 1)
        self.assertEqual((reply.model, reply.res_id), ("res.partner", self.active.id))
        self.assertEqual(reply.parent_id.res_id, self.active.id)
        self.assertIn(f"go ahead with the {mode} visit", str(reply.body))

    def test_a_reply_lands_on_the_customer_when_messages_are_copied(self):
        self._reply_lands_on_the_customer(copy=True)

    def test_a_reply_lands_on_the_customer_when_messages_are_moved(self):
        self._reply_lands_on_the_customer(copy=False)

    # --------------------------------------------------------------- access
    def _rule(self, domain):
        self.env["ir.rule"].create(
            {
                "name": "Some partners are read-only for managers",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "groups": [
                    Command.link(self.env.ref("sales_team.group_sale_manager").id)
                ],
                "domain_force": domain,
                "perm_read": False,
                "perm_create": False,
                "perm_unlink": False,
            }
        )

    def test_a_customer_the_user_may_not_change_is_refused(self):
        self._rule(f"[('id', '!=', {self.active.id})]")
        with self.assertRaisesRegex(AccessError, "You may not change Live Ltd"):
            self._convert(copy=True, user=self.manager)
        self.assertTrue(self.prospect.active)
        self.assertEqual(self.quote.partner_id, self.prospect)

    def test_prospects_the_user_may_not_change_are_refused(self):
        self._rule(f"[('id', '!=', {self.prospect.id})]")
        with self.assertRaisesRegex(AccessError, "You may not change ACME Ltd"):
            self._convert(copy=True, user=self.manager)
        self.assertTrue(self.prospect.active)
        self.assertEqual(self.prospect.customer_status, "prospect")

    def test_a_customer_of_a_company_the_user_does_not_work_in(self):
        north = self.env["res.company"].create({"name": "Branch North"})
        self.active.company_id = north
        with self.assertRaisesRegex(AccessError, "You may not change Live Ltd"):
            self._convert(copy=True, user=self.manager)
        self.assertEqual(self.quote.partner_id, self.prospect)
        self.assertTrue(self.prospect.active)


@tagged("post_install", "-at_install")
class TestPortalCompany(ConvertCommon):
    """The portal wizard and any other way of creating a portal user decide
    with the same company: the partner's own."""

    def _portal_prospect(self, name, company):
        return self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "customer_status": "prospect",
                "company_id": company.id,
                "email": f"{name.lower()}@example.com",
            }
        )

    def _create_portal_user(self, partner):
        """A portal user created in the current company, not the partner's."""
        return self.env["res.users"].create(
            {
                "name": partner.name,
                "login": partner.email,
                "partner_id": partner.id,
                "company_id": self.company.id,
                "company_ids": [Command.set((self.company | partner.company_id).ids)],
                "groups_id": [Command.set([self.ref("base.group_portal")])],
            }
        )

    def _grant(self, partner):
        wizard = (
            self.env["portal.wizard"].with_context(active_ids=partner.ids).create({})
        )
        wizard.user_ids.action_grant_access()

    def test_the_partners_company_decides_everywhere(self):
        branch = self.env["res.company"].create({"name": "Branch Portal"})
        branch.prospect_portal_allowed = True
        self.company.prospect_portal_allowed = False
        for create in (self._create_portal_user, self._grant):
            with self.subTest(create.__name__):
                partner = self._portal_prospect(f"Open{create.__name__}", branch)
                create(partner)
                self.assertTrue(partner.user_ids.share)

        branch.prospect_portal_allowed = False
        self.company.prospect_portal_allowed = True
        for create in (self._create_portal_user, self._grant):
            with self.subTest(create.__name__):
                partner = self._portal_prospect(f"Closed{create.__name__}", branch)
                with self.assertRaisesRegex(
                    UserError, "Branch Portal does not give portal access"
                ):
                    create(partner)
                self.assertFalse(partner.with_context(active_test=False).user_ids)
