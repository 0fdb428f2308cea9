# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import AccessError
from odoo.tools import html2plaintext

# the personal fields of a customer or a contact, in the order of the sheet
PROFILE_FIELDS = [
    "name",
    "parent_id",
    "function",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "email",
    "phone",
    "mobile",
    "website",
    "vat",
    "lang",
    "user_id",
    "category_id",
    "customer_status",
    "prospect_stage_id",
    "prospect_source_id",
    "prospect_lost_reason_id",
    "comment",
    "create_date",
    "write_date",
]
XLSX_MAX_WIDTH = 80


class ProspectPersonalDataXlsx(models.AbstractModel):
    """Everything the addon's database holds about a person or a company,
    for a data-subject access request: one workbook with its profile, its
    contacts, its sites, its messages and its activities."""

    _name = "report.prospect_management.personal_data_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Personal Data of a Customer (XLSX)"

    def generate_xlsx_report(self, workbook, data, partners):
        if not self.env.user.has_group("prospect_management.group_prospect_manager"):
            raise AccessError(
                self.env._("Only a Prospect Manager can export personal data.")
            )
        partners = partners.commercial_partner_id
        bold = workbook.add_format({"bold": True})
        wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
        Partner = self.env["res.partner"]
        fnames = [f for f in PROFILE_FIELDS if f in Partner._fields]
        labels = [
            Partner._fields[f].get_description(self.env)["string"] for f in fnames
        ]

        def sheet(name, headers, rows):
            ws = workbook.add_worksheet(name)
            widths = [len(h) for h in headers]
            for col, header in enumerate(headers):
                ws.write(0, col, header, bold)
            for row_index, row in enumerate(rows, 1):
                for col, value in enumerate(row):
                    ws.write(row_index, col, value, wrap)
                    longest = max(
                        (len(line) for line in str(value).split("\n")), default=0
                    )
                    widths[col] = max(widths[col], longest)
            for col, width in enumerate(widths):
                ws.set_column(col, col, min(width + 2, XLSX_MAX_WIDTH))
            ws.freeze_panes(1, 0)

        def value(record, fname):
            field = record._fields[fname]
            raw = record[fname]
            if field.type == "many2one":
                return raw.display_name or ""
            if field.type in ("many2many", "one2many"):
                return ", ".join(raw.mapped("display_name"))
            if field.type == "selection":
                return dict(field._description_selection(self.env)).get(raw, "") or ""
            if field.type == "html":
                return html2plaintext(raw or "")
            if field.type == "datetime":
                return fields.Datetime.to_string(raw) if raw else ""
            return raw if raw not in (False, None) else ""

        for partner in partners:
            contacts = partner.with_context(active_test=False).child_ids.filtered(
                lambda c: c.type != "fsm_location"
            )
            sheet(
                self._sheet_name(self.env._("Profile"), partner, partners),
                [self.env._("Field"), self.env._("Value")],
                [
                    (label, value(partner, f))
                    for label, f in zip(labels, fnames, strict=True)
                ],
            )
            sheet(
                self._sheet_name(self.env._("Contacts"), partner, partners),
                labels,
                [[value(c, f) for f in fnames] for c in contacts],
            )
            sites = (
                self.env["fsm.location"]
                .with_context(active_test=False)
                .search([("owner_id", "=", partner.id)])
            )
            sheet(
                self._sheet_name(self.env._("Sites"), partner, partners),
                [
                    self.env._("Site"),
                    self.env._("Address"),
                    self.env._("Status"),
                ],
                [
                    (
                        site.display_name,
                        ", ".join(
                            p
                            for p in (
                                site.street,
                                site.zip,
                                site.city,
                                site.country_id.name,
                            )
                            if p
                        ),
                        value(site, "customer_status"),
                    )
                    for site in sites
                ],
            )
            records = partner | contacts
            messages = self.env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "in", records.ids)],
                order="date, id",
            )
            sheet(
                self._sheet_name(self.env._("Messages"), partner, partners),
                [
                    self.env._("Date"),
                    self.env._("Author"),
                    self.env._("Subject"),
                    self.env._("Type"),
                    self.env._("Message"),
                    self.env._("Attachments"),
                ],
                [
                    (
                        fields.Datetime.to_string(m.date),
                        m.author_id.display_name or m.email_from or "",
                        m.subject or "",
                        value(m, "message_type"),
                        html2plaintext(m.body or ""),
                        ", ".join(m.attachment_ids.mapped("name")),
                    )
                    for m in messages
                ],
            )
            activities = self.env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "in", records.ids)],
                order="date_deadline, id",
            )
            sheet(
                self._sheet_name(self.env._("Activities"), partner, partners),
                [
                    self.env._("Type"),
                    self.env._("Summary"),
                    self.env._("Due Date"),
                    self.env._("Assigned to"),
                    self.env._("Note"),
                ],
                [
                    (
                        a.activity_type_id.display_name or "",
                        a.summary or "",
                        fields.Date.to_string(a.date_deadline),
                        a.user_id.display_name or "",
                        html2plaintext(a.note or ""),
                    )
                    for a in activities
                ],
            )

    def _sheet_name(self, part, partner, partners):
        """The part's name, and the customer's id when the workbook holds
        several customers (sheet names are unique, 31 characters at most)."""
        if len(partners) == 1:
            return part[:31]
        return f"{part} {partner.id}"[:31]
