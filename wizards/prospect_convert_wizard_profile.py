# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models

HOW = [
    ("fill", "Fills an empty field"),
    ("choose", "Both differ"),
    ("unite", "Added"),
    ("append", "Added below"),
]


class ProspectConvertWizard(models.TransientModel):
    """The profile part of the conversion into an existing customer: what
    the prospects bring (``res.partner._prospect_profile_differences``), and
    for each field both have, the user's choice."""

    _inherit = "prospect.convert.wizard"

    profile_line_ids = fields.One2many(
        "prospect.convert.wizard.profile.line",
        "wizard_id",
        string="Customer Profile",
        compute="_compute_profile_line_ids",
        store=True,
        readonly=False,
    )

    @api.depends("mode", "target_partner_id", "partner_ids")
    def _compute_profile_line_ids(self):
        for wizard in self:
            commands = [Command.clear()]
            if wizard.mode == "existing" and wizard.target_partner_id:
                items = wizard.partner_ids._origin._prospect_profile_differences(
                    wizard.target_partner_id._origin
                )
                commands += [
                    Command.create(
                        {
                            "key": item["key"],
                            "label": item["label"],
                            "prospect_value": item["prospect"],
                            "customer_value": item["customer"],
                            "how": item["how"],
                        }
                    )
                    for item in items
                ]
            wizard.profile_line_ids = commands

    def _prospect_link_options(self):
        """The profile options of ``prospect_link_into()``."""
        return {
            **super()._prospect_link_options(),
            "profile_take": tuple(
                self.profile_line_ids.filtered(
                    lambda line: line.how == "choose" and line.take
                ).mapped("key")
            ),
        }


class ProspectConvertWizardProfileLine(models.TransientModel):
    _name = "prospect.convert.wizard.profile.line"
    _description = "Customer Profile Item of a Conversion"

    wizard_id = fields.Many2one(
        "prospect.convert.wizard", required=True, ondelete="cascade"
    )
    key = fields.Char(required=True)
    label = fields.Char(string="Field", readonly=True)
    prospect_value = fields.Char(string="Prospect", readonly=True)
    customer_value = fields.Char(string="Customer", readonly=True)
    how = fields.Selection(HOW, string="What Happens", readonly=True)
    take = fields.Boolean(
        string="Take the Prospect's",
        help="Both have a different value: tick to replace the customer's "
        "with the prospect's; left unticked, the customer keeps its own.",
    )
