# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import models
from odoo.tools import SQL

from . import prospect_sql_copy


class ResPartner(models.Model):
    """A prospect's history (messages, documents, followers) given to the
    customer it is linked into: copied, the originals staying on the
    prospect, or moved.  In SQL, at a constant number of queries however long
    the history; what the SQL leaves out (the ORM's cache, followers) is done
    here too."""

    _inherit = "res.partner"

    def _prospect_transfer_attachments(self, target, copy):
        """Copy or move the documents of ``self`` (prospects) to ``target``.

        A copy shares the stored file with its original (the filestore is
        content-addressed): no file is read or written.

        :return: {original attachment id: attachment id on the target}
        """
        cr = self.env.cr
        self._prospect_flush_untracked()
        cr.execute(
            SQL(
                "SELECT id FROM ir_attachment WHERE res_model = 'res.partner' "
                "AND res_id = ANY(%s) AND res_field IS NULL ORDER BY id",
                self.ids,
            )
        )
        originals = [row[0] for row in cr.fetchall()]
        if not originals:
            return {}
        if not copy:
            cr.execute(
                SQL(
                    "UPDATE ir_attachment SET res_id = %s, write_uid = %s, "
                    "write_date = now() AT TIME ZONE 'UTC' WHERE id = ANY(%s)",
                    target.id,
                    self.env.uid,
                    originals,
                )
            )
            self.env["ir.attachment"].invalidate_model(["res_id"])
            transferred = dict(zip(originals, originals, strict=True))
        else:
            # a copy gets an access token of its own when someone shares it
            transferred = prospect_sql_copy.copy_rows(
                self.env,
                "ir.attachment",
                originals,
                {"res_id": target.id, "access_token": None},
            )
        # counters the ORM computed before (documents of the chatter)
        (self | target).invalidate_recordset()
        return transferred

    def _prospect_transfer_messages(self, target, copy, attachment_map):
        """Copy or move the chatter of ``self`` (messages, notes, tracking)
        to ``target``; a copy keeps the original on the prospect.

        Copies keep their threads (a reply answers the copy of its parent),
        recipients, documents, tracked values and Message-Id (a reply to an
        email of the prospect finds the newest message with that id: the
        copy, on the customer).  They are history, not new messages: nobody
        is notified again, and stars and reactions stay with the originals.

        :return: the messages now on the target
        """
        Message = self.env["mail.message"].sudo()
        cr = self.env.cr
        self._prospect_flush_untracked()
        cr.execute(
            SQL(
                "SELECT id FROM mail_message WHERE model = 'res.partner' "
                "AND res_id = ANY(%s) ORDER BY id",
                self.ids,
            )
        )
        originals = [row[0] for row in cr.fetchall()]
        if not originals:
            return Message
        on_target = {
            "res_id": target.id,
            "record_name": target.display_name,
            "record_company_id": target.company_id.id or None,
        }
        if not copy:
            cr.execute(
                SQL(
                    "UPDATE mail_message SET %s, write_uid = %s, "
                    "write_date = now() AT TIME ZONE 'UTC' WHERE id = ANY(%s)",
                    SQL(", ").join(
                        SQL("%s = %s", SQL.identifier(column), value)
                        for column, value in on_target.items()
                    ),
                    self.env.uid,
                    originals,
                )
            )
            Message.invalidate_model(list(on_target))
            (self | target).invalidate_recordset()
            return Message.browse(originals)
        copy_of = prospect_sql_copy.copy_rows(
            self.env, "mail.message", originals, on_target, remap=("parent_id",)
        )
        prospect_sql_copy.copy_relations(
            self.env,
            "mail.message",
            copy_of,
            {"attachment_ids": attachment_map, "partner_ids": {}},
        )
        cr.execute(
            SQL(
                "SELECT id FROM mail_tracking_value WHERE mail_message_id = ANY(%s) "
                "ORDER BY id",
                originals,
            )
        )
        trackings = [row[0] for row in cr.fetchall()]
        if trackings:
            prospect_sql_copy.copy_rows(
                self.env,
                "mail.tracking.value",
                trackings,
                {},
                repoint={"mail_message_id": copy_of},
            )
        (self | target).invalidate_recordset()
        return Message.browse(list(copy_of.values()))

    def _prospect_transfer_followers(self, target):
        """The followers of ``self`` follow ``target``, with their subtypes
        (added to the subtypes of those who already follow it)."""
        followers = (
            self.env["mail.followers"]
            .sudo()
            .search([("res_model", "=", "res.partner"), ("res_id", "in", self.ids)])
        )
        subtypes = defaultdict(set)
        for follower in followers:
            subtypes[follower.partner_id.id] |= set(follower.subtype_ids.ids)
        if subtypes:
            self.env["mail.followers"]._insert_followers(
                "res.partner",
                target.ids,
                list(subtypes),
                subtypes={partner: list(ids) for partner, ids in subtypes.items()},
                check_existing=True,
                existing_policy="update",
            )
