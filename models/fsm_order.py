# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

# what makes an order a site survey (its type, company, and not being sold
# or produced by a schedule)
SURVEY_FIELDS = ("type", "company_id", "sale_line_id", "sale_id", "fsm_recurring_id")


class FSMOrder(models.Model):
    """A field-service order is a job, or a site survey: an order of the
    company's survey type, not sold and not produced by a planned-maintenance
    schedule, which a prospect site may have."""

    _name = "fsm.order"
    _inherit = ["fsm.order", "prospect.document.mixin"]

    location_id = fields.Many2one(
        domain="[('prospect_allowed_for', 'in', [prospect_kind, company_id])]"
    )
    prospect_kind = fields.Char(
        string="Order Kind",
        compute="_compute_prospect_kind",
        help="'survey' for a site survey (the company's survey type), else "
        "'job': what the customer status decides on.",
    )

    @api.depends(*SURVEY_FIELDS)
    def _compute_prospect_kind(self):
        for order in self:
            order.prospect_kind = "survey" if order._prospect_is_survey() else "job"

    def _prospect_is_survey(self, vals=None):
        """Is this order a site survey (once ``vals`` are written)?"""
        self.ensure_one()
        values = {fname: self[fname].id for fname in SURVEY_FIELDS}
        values.update({f: v for f, v in (vals or {}).items() if f in values})
        company = (
            self.env["res.company"].browse(vals["company_id"])
            if vals and "company_id" in vals
            else self.company_id
        ) or self.env.company
        return bool(
            company.prospect_survey_type_id
            and values["type"] == company.prospect_survey_type_id.id
            and not values["sale_line_id"]
            and not values["sale_id"]
            and not values["fsm_recurring_id"]
        )

    @api.model
    def _prospect_guarded(self):
        return [("job", (), ("location_id",)), ("survey", (), ("location_id",))]

    def _prospect_documents(self, kind):
        return self.filtered(lambda o: o._prospect_is_survey() == (kind == "survey"))

    @api.model
    def _prospect_held_domain(self, kind):
        surveys = self._prospect_survey_domain()
        if kind == "survey":
            return surveys
        return ["!", *surveys] if surveys != [(0, "=", 1)] else []

    @api.model
    def _prospect_survey_domain(self):
        """The orders that are site surveys, in every company (one query)."""
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("prospect_survey_type_id", "!=", False)])
        )
        if not companies:
            return [(0, "=", 1)]
        domain = []
        for company in companies:
            domain = (["|"] if domain else []) + domain
            domain += [
                "&",
                ("company_id", "=", company.id),
                ("type", "=", company.prospect_survey_type_id.id),
            ]
        return [
            "&",
            "&",
            "&",
            ("sale_line_id", "=", False),
            ("sale_id", "=", False),
            ("fsm_recurring_id", "=", False),
            *domain,
        ]

    def write(self, vals):
        if set(SURVEY_FIELDS) & set(vals):
            self._prospect_check_survey_stays(vals)
        return super().write(vals)

    def _prospect_check_survey_stays(self, vals):
        """A site survey of a pre-customer site does not turn into a job
        (another type, sold, or produced by a schedule): say so, rather
        than the job's refusal."""
        for order in self.filtered(lambda o: o._prospect_is_survey()):
            if order._prospect_is_survey(vals):
                continue
            company = self.env["res.company"].browse(
                vals.get("company_id", order.company_id.id)
            )
            site = order.location_id
            if site._prospect_allowed(site.customer_status, "job", company):
                continue
            raise UserError(
                self.env._(
                    "%(order)s is a site survey of %(site)s, a prospect site: it "
                    "cannot become a job (another order type, a sold order or a "
                    "planned-maintenance order) before the prospect is a customer.",
                    order=order.display_name,
                    site=site.display_name,
                )
            )

    @api.constrains("location_id", *SURVEY_FIELDS)
    def _check_prospect_job(self):
        self._prospect_guard()

    @api.constrains("invoice_lines")
    def _check_prospect_survey_invoice(self):
        self._prospect_check_survey_invoiced()

    def _prospect_check_survey_invoiced(self):
        """A survey of a pre-customer site is not invoiced (it is a job
        when it is sold: convert the prospect first)."""
        Policy = self.env["res.partner"]
        for order in self:
            if not order._prospect_is_survey():
                continue
            if not order.invoice_ids:  # customer invoices and credit notes
                continue
            company = order.company_id or self.env.company
            site = order.location_id
            if Policy._prospect_allowed(site.customer_status, "invoice", company):
                continue
            raise UserError(
                Policy._prospect_refusal_messages()[("survey_invoice", "pre", "site")]
                % {
                    "name": site.display_name,
                    "document": order.display_name,
                    "company": company.display_name,
                }
            )
