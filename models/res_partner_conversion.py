# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models


class ResPartner(models.Model):
    """Where a prospect was converted into, and where a customer came from."""

    _inherit = "res.partner"

    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        ondelete="set null",
        index="btree_not_null",
        help="Sales team (branch) that works with this customer; chosen when "
        "a prospect is converted.",
    )
    prospect_customer_id = fields.Many2one(
        "res.partner",
        string="Converted Into",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Existing customer this prospect was linked into when converted.",
    )
    prospect_origin_ids = fields.One2many(
        "res.partner",
        "prospect_customer_id",
        string="Converted Prospects",
        context={"active_test": False},
    )
    prospect_origin_count = fields.Integer(
        string="Converted Prospects Count",
        compute="_compute_prospect_origin_count",
    )

    def _compute_prospect_origin_count(self):
        counts = dict(
            self.env["res.partner"]
            .with_context(active_test=False)
            ._read_group(
                [("prospect_customer_id", "in", self.ids)],
                ["prospect_customer_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.prospect_origin_count = counts.get(partner._origin, 0)

    def _prospect_contacts(self):
        """Contacts and addresses of these companies, without their sites."""
        return self.child_ids.filtered(
            lambda c: c.type != "fsm_location" and not c.fsm_location
        )

    # -------------------------------------------------------- smart buttons
    def action_view_prospect_customer(self):
        self.ensure_one()
        return self.prospect_customer_id._get_records_action(name=_("Converted Into"))

    def action_view_prospect_origins(self):
        self.ensure_one()
        origins = self.with_context(active_test=False).prospect_origin_ids
        action = origins._get_records_action(name=_("Converted Prospects"))
        action["context"] = {"active_test": False}
        return action
