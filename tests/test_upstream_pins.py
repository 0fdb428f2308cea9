# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the addon relies on in Odoo 18.0 and the OCA modules, pinned.

Where the addon works around or short-cuts an upstream behaviour, the
behaviour is asserted here, so that an upgrade that changes it fails a test
instead of silently corrupting data or leaving a workaround in place.
"""

from odoo.tests import Form, tagged

from odoo.addons.fieldservice_sale.models.sale_order import (
    SaleOrder as FieldServiceSaleOrder,
)

from .common import ProspectDocumentsCommon


@tagged("post_install", "-at_install")
class TestUpstreamConfirm(ProspectDocumentsCommon):
    """sale_order._prospect_confirm_one_by_one() exists because of this."""

    def _fsm_quote(self, customer, site):
        form = Form(self.env["sale.order"])
        form.partner_id = customer
        form.fsm_location_id = site
        with form.order_line.new() as line:
            line.product_id = self.product_visit
        return form.save()

    def test_fieldservice_sale_confirms_one_order_at_a_time(self):
        other = self.env["res.partner"].create(
            {"name": "Other Live", "is_company": True}
        )
        quotes = self._fsm_quote(self.active, self.sites["active"]) | self._fsm_quote(
            other, self._site(other)
        )
        quotes.write({"state": "sale"})
        # fieldservice_sale's own _action_confirm, without this addon's loop
        with self.assertRaisesRegex(ValueError, "Expected singleton"):
            FieldServiceSaleOrder._action_confirm(quotes)

    def test_the_addon_confirms_them_together(self):
        other = self.env["res.partner"].create(
            {"name": "Other Live", "is_company": True}
        )
        quotes = self._fsm_quote(self.active, self.sites["active"]) | self._fsm_quote(
            other, self._site(other)
        )
        quotes.action_confirm()
        self.assertEqual(quotes.mapped("state"), ["sale", "sale"])
        self.assertEqual(len(quotes.fsm_order_ids), 2)
