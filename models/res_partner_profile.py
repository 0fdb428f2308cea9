# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, models
from odoo.tools import html2plaintext, is_html_empty

ADDRESS = ("street", "street2", "zip", "city", "state_id", "country_id")
# what a prospect may know that its customer lacks: (key, fields, how)
# "fill": the customer's empty value is filled, or, when both differ, the
# user chooses; "unite": both sets are kept; "append": both notes are kept
PROFILE_ITEMS = (
    ("phone", ("phone",), "fill"),
    ("mobile", ("mobile",), "fill"),
    ("email", ("email",), "fill"),
    ("website", ("website",), "fill"),
    ("vat", ("vat",), "fill"),
    ("address", ADDRESS, "fill"),
    ("category_id", ("category_id",), "unite"),
    ("user_id", ("user_id",), "fill"),
    ("prospect_user_ids", ("prospect_user_ids",), "unite"),
    ("prospect_source_id", ("prospect_source_id",), "fill"),
    ("prospect_potential", ("prospect_potential",), "fill"),
    ("comment", ("comment",), "append"),
)


class ResPartner(models.Model):
    """The profile a prospect brings to the existing customer it is linked
    into: what the customer lacks is filled, what both have and differ is
    the user's choice (the customer's by default), tags and salespersons are
    united, notes are kept side by side.  Nothing is dropped unseen: the
    conversion wizard lists every item first."""

    _inherit = "res.partner"

    @api.model
    def _prospect_profile_label(self, key):
        if key == "address":
            return self.env._("Address")
        return self._fields[key].get_description(self.env)["string"]

    def _prospect_profile_text(self, fnames):
        """How the value of ``fnames`` on this record reads, "" when empty."""
        self.ensure_one()
        parts = []
        for fname in fnames:
            field, value = self._fields[fname], self[fname]
            if field.type in ("many2one", "many2many"):
                parts += value.mapped("display_name")
            elif field.type == "selection":
                label = dict(field._description_selection(self.env)).get(value)
                parts.append(label if value else "")
            elif field.type == "html":
                parts.append("" if is_html_empty(value) else html2plaintext(value))
            else:
                parts.append(value or "")
        return ", ".join(p for p in parts if p)

    def _prospect_profile_differences(self, customer):
        """What these prospects would bring to ``customer``: a list of
        ``{key, label, prospect, customer, how}``, ``how`` being "fill" (the
        customer has nothing), "choose" (both differ), "unite" or "append";
        items with nothing to bring are left out.  The first prospect that
        has a value gives it."""
        items = []
        for key, fnames, how in PROFILE_ITEMS:
            if any(f not in self._fields for f in fnames):
                continue
            source = next((p for p in self if p._prospect_profile_text(fnames)), None)
            if not source:
                continue
            theirs = source._prospect_profile_text(fnames)
            ours = customer._prospect_profile_text(fnames)
            if how == "unite":
                extra = self.mapped(fnames[0]) - customer[fnames[0]]
                if not extra:
                    continue
                theirs = ", ".join(extra.mapped("display_name"))
            elif theirs == ours:
                continue
            elif how == "fill" and ours:
                how = "choose"
            elif how == "append" and not ours:
                how = "fill"
            items.append(
                {
                    "key": key,
                    "label": self._prospect_profile_label(key),
                    "prospect": theirs,
                    "customer": ours,
                    "how": how,
                    "source_id": source.id,
                }
            )
        return items

    def _prospect_merge_profile(self, customer, take=()):
        """Bring these prospects' profile to ``customer`` (see the class):
        fill what it lacks, unite tags and salespersons, append notes, and
        take the prospects' value of the items named in ``take`` where both
        differ.  One untracked write; returns the items brought, which the
        conversion's log on the customer lists."""
        items = self._prospect_profile_differences(customer)
        fields_of = {key: fnames for key, fnames, __ in PROFILE_ITEMS}
        vals, done = {}, []
        for item in items:
            key, how = item["key"], item["how"]
            if how == "choose" and key not in take:
                continue
            source = self.browse(item["source_id"])
            fnames = fields_of[key]
            if how == "unite":
                extra = self.mapped(fnames[0]) - customer[fnames[0]]
                vals[fnames[0]] = [Command.link(r.id) for r in extra]
            elif how == "append":
                vals["comment"] = customer.comment + source.comment
            else:
                for fname in fnames:
                    value = source[fname]
                    field = self._fields[fname]
                    vals[fname] = value.id if field.type == "many2one" else value
            done.append(item)
        if vals:
            # untracked: the conversion's log on the customer lists them
            customer.with_context(mail_notrack=True).write(vals)
        return done
