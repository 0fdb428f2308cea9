# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

from ..models import prospect_sql_copy


@tagged("post_install", "-at_install")
class TestSqlCopy(TransactionCase):
    """The row copier of the conversion: what it copies, what it points to,
    and that the ORM sees the copies in the same transaction."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.source = Partner.create({"name": "Source Ltd", "is_company": True})
        cls.target = Partner.create({"name": "Target Ltd", "is_company": True})
        cls.reader = Partner.create({"name": "Rita Reader"})
        cls.document = cls.env["ir.attachment"].create(
            {
                "name": "plan.txt",
                "raw": b"plan",
                "res_model": "res.partner",
                "res_id": cls.source.id,
            }
        )
        cls.question = cls.source.message_post(
            body="Two boilers?",
            message_type="comment",
            partner_ids=cls.reader.ids,
            attachment_ids=cls.document.ids,
        )
        cls.answer = cls.source.message_post(
            body="Yes, two.", message_type="comment", parent_id=cls.question.id
        )
        cls.thread = cls.question | cls.answer

    def _copy_thread(self):
        return prospect_sql_copy.copy_rows(
            self.env,
            "mail.message",
            self.thread.ids,
            {"res_id": self.target.id, "record_name": self.target.name},
            remap=("parent_id",),
        )

    def test_copies_keep_every_column_but_those_given(self):
        self.env.flush_all()
        copy_of = self._copy_thread()
        self.assertEqual(list(copy_of), self.thread.ids)
        copies = self.env["mail.message"].browse(copy_of.values())
        self.assertFalse(copies & self.thread, "new rows, from the sequence")
        for original in self.thread:
            copy = copies.browse(copy_of[original.id])
            self.assertEqual(copy.body, original.body)
            self.assertEqual(copy.author_id, original.author_id)
            self.assertEqual(copy.message_type, original.message_type)
            self.assertEqual(copy.message_id, original.message_id)
            self.assertEqual((copy.model, copy.res_id), ("res.partner", self.target.id))
            self.assertEqual(copy.record_name, "Target Ltd")
            self.assertEqual(copy.create_uid, self.env.user)
        self.assertEqual(self.thread.mapped("res_id"), [self.source.id] * 2)

    def test_a_copied_reply_answers_the_copy_of_its_parent(self):
        self.env.flush_all()
        copy_of = self._copy_thread()
        answer_copy = self.env["mail.message"].browse(copy_of[self.answer.id])
        self.assertEqual(answer_copy.parent_id.id, copy_of[self.question.id])
        self.assertEqual(self.answer.parent_id, self.question, "original untouched")

    def test_links_of_the_copies_follow_the_mapping(self):
        self.env.flush_all()
        copy_of = self._copy_thread()
        document_copy = prospect_sql_copy.copy_rows(
            self.env, "ir.attachment", self.document.ids, {"res_id": self.target.id}
        )
        prospect_sql_copy.copy_relations(
            self.env,
            "mail.message",
            copy_of,
            {"attachment_ids": document_copy, "partner_ids": {}},
        )
        question_copy = self.env["mail.message"].browse(copy_of[self.question.id])
        self.assertEqual(question_copy.partner_ids, self.reader, "same recipients")
        self.assertEqual(question_copy.attachment_ids.ids, list(document_copy.values()))
        self.assertEqual(self.question.attachment_ids, self.document)

    def test_a_column_pointing_to_copied_rows_is_repointed(self):
        tracking = self.env["mail.tracking.value"].create(
            {
                "field_id": self.env["ir.model.fields"]._get("res.partner", "name").id,
                "old_value_char": "Source",
                "new_value_char": "Source Ltd",
                "mail_message_id": self.answer.id,
            }
        )
        self.env.flush_all()
        copy_of = self._copy_thread()
        tracking_copy = prospect_sql_copy.copy_rows(
            self.env,
            "mail.tracking.value",
            tracking.ids,
            {},
            repoint={"mail_message_id": copy_of},
        )
        copy = self.env["mail.tracking.value"].browse(tracking_copy[tracking.id])
        self.assertEqual(copy.mail_message_id.id, copy_of[self.answer.id])
        self.assertEqual(copy.new_value_char, "Source Ltd")
        self.assertEqual(
            self.env["mail.message"].browse(copy_of[self.answer.id]).tracking_value_ids,
            copy,
        )

    def test_the_orm_sees_the_copies_in_the_same_transaction(self):
        before = self.target.message_ids  # cached, as a form would have it
        self.env.flush_all()
        copy_of = self._copy_thread()
        self.assertEqual(
            set(self.target.message_ids.ids), set(before.ids) | set(copy_of.values())
        )

    def test_nothing_to_copy_costs_nothing(self):
        with self.assertQueryCount(0):
            self.assertEqual(
                prospect_sql_copy.copy_rows(self.env, "mail.message", [], {}), {}
            )
            prospect_sql_copy.copy_relations(self.env, "mail.message", {}, {})

    def test_an_unmapped_value_is_kept(self):
        self.env.flush_all()
        copy_of = self._copy_thread()
        prospect_sql_copy.copy_relations(
            self.env, "mail.message", copy_of, {"partner_ids": {999999: 1}}
        )
        copy = self.env["mail.message"].browse(copy_of[self.question.id])
        self.assertEqual(copy.partner_ids, self.reader)
