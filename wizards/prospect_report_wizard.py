# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.prospect_status_mixin import CUSTOMER_STATUSES
from ..report.prospect_list_rows import LISTS

LIST_NAMES = [
    ("prospect_customers", "All Prospect Customers"),
    ("customers", "All Customers"),
    ("prospect_sites", "All Prospect Sites"),
    ("sites", "All Sites"),
]


class ProspectReportWizard(models.TransientModel):
    """Print a customer or site list for the records matching some filters.

    The filters travel to the report as a domain (not as ids), so that a list
    of 100,000 customers does not become a 100,000-id URL.
    """

    _name = "prospect.report.wizard"
    _description = "Print customer and site lists"

    list_name = fields.Selection(
        LIST_NAMES, string="List", required=True, default="prospect_customers"
    )
    output = fields.Selection(
        [("pdf", "PDF"), ("xlsx", "Excel (XLSX)")],
        string="Format",
        required=True,
        default="pdf",
    )
    is_site_list = fields.Boolean(compute="_compute_is_site_list")
    company_ids = fields.Many2many(
        "res.company",
        string="Companies",
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.user.company_ids.ids)],
        help="Records of these companies, and records shared between companies.",
    )
    user_ids = fields.Many2many(
        "res.users",
        string="Salespersons",
        domain=[("share", "=", False)],
        help="Customers whose salesperson or additional salesperson is one of "
        "these users (for sites: the salesperson of their customer).",
    )
    customer_status = fields.Selection(
        CUSTOMER_STATUSES,
        string="Status",
        help="Leave empty for every status of the list: Lead and Prospect in "
        "the prospect lists, Active and Suspended in the others.",
    )
    stage_ids = fields.Many2many(
        "prospect.stage",
        string="Stages",
        help="Prospect stage of the customer (for sites: of their customer).",
    )
    date_field = fields.Selection(
        [("prospect_since", "Prospect Since"), ("create_date", "Created On")],
        string="Date",
        compute="_compute_date_field",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
    )
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")

    @api.depends("list_name")
    def _compute_is_site_list(self):
        for wizard in self:
            wizard.is_site_list = LISTS[wizard.list_name]["model"] == "fsm.location"

    @api.depends("list_name")
    def _compute_date_field(self):
        for wizard in self:
            # sites have no prospect-since date of their own
            if wizard.is_site_list or not wizard.date_field:
                wizard.date_field = (
                    "create_date" if wizard.is_site_list else "prospect_since"
                )

    # -------------------------------------------------------------- domain
    def _report_domain(self):
        """The filters as a JSON-safe domain on the list's model."""
        self.ensure_one()
        sites = self.is_site_list
        customer = "owner_id.commercial_partner_id." if sites else ""
        domain = []
        if self.company_ids:
            domain += [
                "|",
                ("company_id", "=", False),
                ("company_id", "in", self.company_ids.ids),
            ]
        if self.user_ids:
            domain += [
                "|",
                (f"{customer}user_id", "in", self.user_ids.ids),
                (f"{customer}prospect_user_ids", "in", self.user_ids.ids),
            ]
        if self.customer_status:
            allowed = LISTS[self.list_name]["statuses"]
            if self.customer_status not in allowed:
                labels = dict(
                    self._fields["customer_status"]._description_selection(self.env)
                )
                raise UserError(
                    self.env._(
                        "%(list)s only lists records of these statuses: "
                        "%(statuses)s. Pick one of them, or leave Status empty.",
                        list=self._list_title(),
                        statuses=", ".join(labels[s] for s in allowed),
                    )
                )
            domain.append(("customer_status", "=", self.customer_status))
        if self.stage_ids:
            domain.append((f"{customer}prospect_stage_id", "in", self.stage_ids.ids))
        if self.date_from:
            domain.append(
                (self.date_field, ">=", fields.Date.to_string(self.date_from))
            )
        if self.date_to:
            if self.date_field == "create_date":
                # a datetime: up to the end of the last day
                domain.append(
                    (
                        "create_date",
                        "<",
                        fields.Date.to_string(self.date_to + timedelta(days=1)),
                    )
                )
            else:
                domain.append(
                    (self.date_field, "<=", fields.Date.to_string(self.date_to))
                )
        return domain

    def _filters_label(self):
        """The filters in words, printed under the report's title."""
        self.ensure_one()
        parts = []
        if self.company_ids:
            parts.append(", ".join(self.company_ids.mapped("name")))
        if self.user_ids:
            parts.append(", ".join(self.user_ids.mapped("name")))
        if self.customer_status:
            parts.append(
                dict(self._fields["customer_status"]._description_selection(self.env))[
                    self.customer_status
                ]
            )
        if self.stage_ids:
            parts.append(", ".join(self.stage_ids.mapped("name")))
        if self.date_from or self.date_to:
            date_label = dict(
                self._fields["date_field"]._description_selection(self.env)
            )[self.date_field]
            parts.append(
                self.env._(
                    "%(field)s %(start)s – %(end)s",
                    field=date_label,
                    start=self.date_from or "…",
                    end=self.date_to or "…",
                )
            )
        return " · ".join(parts)

    def _list_title(self):
        return self.env["report.prospect_management.rows"]._list_title(self.list_name)

    # -------------------------------------------------------------- action
    def action_print(self):
        self.ensure_one()
        domain = self._report_domain()
        Rows = self.env["report.prospect_management.rows"]
        count = self.env[LISTS[self.list_name]["model"]].search_count(
            Rows._list_domain(self.list_name) + domain
        )
        if not count:
            raise UserError(
                self.env._(
                    "No record matches these filters in %(list)s. Widen the "
                    "filters (companies, salespersons, status, stages, dates).",
                    list=self._list_title(),
                )
            )
        suffix = "_xlsx" if self.output == "xlsx" else ""
        report = self.env.ref(
            f"prospect_management.action_report_{self.list_name}{suffix}"
        )
        # the document layout only matters to PDFs: don't ask for it otherwise
        action = report.report_action(
            None,
            data={"domain": domain, "filters": self._filters_label()},
            config=self.output == "pdf",
        )
        if action["type"] == "ir.actions.report":
            # the dialog closes once the file is downloaded, PDF or XLSX
            # (the layout configurator already asks it of the PDF it prints)
            action["close_on_report_download"] = True
        return action
