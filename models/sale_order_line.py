# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.constrains("product_id", "order_id")
    def _check_prospect_ppm_quote(self):
        self.order_id._prospect_guard(kinds=("ppm_quote",))
