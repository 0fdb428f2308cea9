# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from textwrap import shorten

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

CUSTOMER_STATUSES = [
    ("lead", "Lead"),
    ("prospect", "Prospect"),
    ("active", "Active"),
    ("suspended", "Suspended"),
]
# Statuses only move up this ladder; active and suspended share a rung so a
# live customer can be put on hold and released, but never become a prospect.
STATUS_RANK = {"lead": 0, "prospect": 1, "active": 2, "suspended": 2}
PRE_CUSTOMER = ("lead", "prospect")
LIVE = ("active", "suspended")


def with_row_numbers(env, messages):
    """Name the row of the file in every error that concerns a single row.

    ``load()`` attributes each message to a row (``rows``, counted from 0 in
    the imported data) but its text rarely says which: put it in front, first
    data row = row 1 (on the import screen, see below).
    """
    result = []
    # The import screen prints an error that concerns no column as "Error at
    # row N: message", N being the message's ``record`` (counted from 0): give
    # it the row instead of repeating it in the text.  An error of a column is
    # printed alone, so it keeps the row in its text.
    screen = env.context.get("import_file")
    for message in messages:
        rows = message.get("rows") or {}
        if (
            message.get("type") == "error"
            and "from" in rows
            and rows["from"] == rows.get("to")
            and rows["from"] >= 0
        ):
            if screen and not message.get("field"):
                result.append(dict(message, record=rows["from"] + 1))
                continue
            message = dict(
                message,
                message=env._(
                    "Row %(row)s: %(message)s",
                    row=rows["from"] + 1,
                    message=message["message"],
                ),
            )
        result.append(message)
    return result


def without_batch_echo(messages):
    """Drop the echo that ``load()`` adds when a batch fails on a UserError.

    Odoo retries a failed import batch row by row, reports the error at the
    row that caused it, and also repeats it at the top of the messages,
    attributed to the batch's *first* row.  Keep only the row that caused it.
    """
    messages = list(messages)
    while (
        messages
        and messages[0].get("type") == "error"
        and any(m.get("message") == messages[0]["message"] for m in messages[1:])
    ):
        messages.pop(0)
    return messages


class ProspectStatusMixin(models.AbstractModel):
    """Customer status and its lifecycle rules, shared by customers and sites.

    ``_prospect_check_status_write`` is the single gate every status change
    passes through (form, import, RPC, server action): value, permission,
    direction and the company's use of leads.
    """

    _name = "prospect.status.mixin"
    _description = "Customer status lifecycle"

    customer_status = fields.Selection(
        CUSTOMER_STATUSES,
        index=True,
        tracking=True,
        copy=False,
        help="Lead: met, nothing concrete. Prospect: being worked, may receive "
        "quotes. Active: live customer. Suspended: on hold, billing only.\n"
        "A status only moves forward: Lead → Prospect → Active ⇄ Suspended.",
    )
    customer_status_next = fields.Char(
        string="Next Statuses",
        compute="_compute_customer_status_next",
        help="The statuses this record may move to (comma-separated keys), "
        "for the current user: what the one-click status widget offers.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "customer_status" not in vals:
                continue
            if vals["customer_status"] in (False, None, ""):
                del vals["customer_status"]  # empty means the default status
            else:
                self._prospect_validate_status_value(vals["customer_status"])
        return super().create(vals_list)

    @api.model
    def load(self, fields, data):
        result = super().load(fields, data)
        result["messages"] = with_row_numbers(
            self.env, without_batch_echo(result["messages"])
        )
        return result

    def _convert_records(self, records, log=lambda a: None):
        # An empty status cell leaves the status alone (new records get the
        # default one) instead of trying to write "no status".
        for dbid, xid, record, info in super()._convert_records(records, log=log):
            if "customer_status" in record and not record["customer_status"]:
                del record["customer_status"]
            yield dbid, xid, record, info

    @api.depends("customer_status", "company_id")
    @api.depends_context("uid")
    def _compute_customer_status_next(self):
        manager = self.env.su or self.env.user.has_group(
            "prospect_management.group_prospect_manager"
        )
        subjects = self._prospect_status_subjects()
        for record in self:
            if not manager or record not in subjects:
                record.customer_status_next = ""
                continue
            record.customer_status_next = ",".join(record._prospect_next_statuses())

    def _prospect_next_statuses(self):
        """The statuses the lifecycle gate lets this record move to."""
        self.ensure_one()
        current = self.customer_status
        company = self._prospect_company()
        no_leads = company.prospect_enabled and not company.prospect_use_leads
        return [
            status
            for status, _label in CUSTOMER_STATUSES
            if status != current
            and (not current or STATUS_RANK[status] >= STATUS_RANK[current])
            and not (status == "lead" and no_leads)
        ]

    def prospect_status_change_info(self, new_status):
        """What the web client asks before a one-click status change.

        :return: False when the change needs no confirmation, else a dict with
            ``title``, ``body`` (what happens, and that it cannot be undone)
            and ``wizard`` (whether the conversion wizard is the better way)
        """
        self.ensure_one()
        self._prospect_validate_status_value(new_status)
        old = self.customer_status
        activates = new_status in LIVE and old in PRE_CUSTOMER
        if new_status == old or not (activates or new_status == "suspended"):
            return False
        return self._prospect_status_change_text(old, new_status)

    def _prospect_status_change_text(self, old, new_status):
        name = self.display_name
        if new_status == "suspended":
            title = _("Suspend %(name)s?", name=name)
            body = _(
                "%(name)s goes on hold: no new field service order, quote or "
                "contract until it is made active again; invoicing stays "
                "allowed.",
                name=name,
            )
        else:
            title = _("Activate %(name)s?", name=name)
            body = _(
                "%(name)s becomes live: field service orders, invoices, "
                "assets and contracts become possible.",
                name=name,
            )
        if old in PRE_CUSTOMER:
            body += " " + _(
                "This cannot be undone: it will never be a lead or a prospect again."
            )
        return {"title": title, "body": body, "wizard": False}

    # ----------------------------------------------------------- helpers
    def _prospect_company(self):
        """The company whose prospect settings govern this record."""
        self.ensure_one()
        return self.company_id or self.env.company

    @api.model
    def _prospect_status_label(self, status):
        return dict(
            self._fields["customer_status"]._description_selection(self.env)
        ).get(status, status)

    @api.model
    def _prospect_validate_status_value(self, status):
        if not isinstance(status, str) or status not in STATUS_RANK:
            value = repr(status) if not isinstance(status, str) else status
            raise UserError(
                _(
                    "“%(value)s” is not a customer status. "
                    "Use one of: lead, prospect, active, suspended.",
                    value=shorten(value, 40, placeholder="…"),
                )
            )

    def _prospect_check_status_write(self, new_status):
        """Check that ``self`` may move to ``new_status``; return the records
        whose status actually changes (with their previous status)."""
        self._prospect_validate_status_value(new_status)
        changing = self.filtered(lambda r: r.customer_status != new_status)
        if not changing:
            return {}
        if not self.env.su and not self.env.user.has_group(
            "prospect_management.group_prospect_manager"
        ):
            raise AccessError(
                _(
                    "Only a Prospect Manager can change the customer status "
                    "(%(records)s). Ask a manager, or win a quote to activate "
                    "the customer.",
                    records=", ".join(changing[:5].mapped("display_name")),
                )
            )
        backwards = changing.filtered(
            lambda r: (
                r.customer_status
                and STATUS_RANK[r.customer_status] > STATUS_RANK[new_status]
            )
        )
        if backwards:
            record = backwards[0]
            raise UserError(
                _(
                    "%(record)s cannot go from %(old)s back to %(new)s: a customer "
                    "status only moves forward (Lead → Prospect → Active ⇄ "
                    "Suspended).",
                    record=record.display_name,
                    old=self._prospect_status_label(record.customer_status),
                    new=self._prospect_status_label(new_status),
                )
            )
        return {record: record.customer_status for record in changing}

    def _prospect_status_subjects(self):
        """Records that carry a status of their own (not inherited)."""
        return self

    @api.constrains("customer_status", "company_id")
    def _check_customer_status_lead(self):
        leads = self._prospect_status_subjects().filtered(
            lambda r: r.customer_status == "lead"
        )
        for record in leads:
            company = record._prospect_company()
            if company.prospect_enabled and not company.prospect_use_leads:
                raise ValidationError(
                    _(
                        "%(record)s cannot be a lead: %(company)s does not use "
                        "leads. Make it a prospect, or enable “Use Leads” in "
                        "Settings › Sales › Prospects.",
                        record=record.display_name,
                        company=company.display_name,
                    )
                )
