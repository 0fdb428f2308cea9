# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the addon relies on in Odoo 18.0 and the OCA modules, pinned.

Where the addon works around or short-cuts an upstream behaviour, the
behaviour is asserted here, so that an upgrade that changes it fails a test
instead of silently corrupting data or leaving a workaround in place.
"""

from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import Form, tagged

from odoo.addons.base.models.res_partner import Partner as BasePartner
from odoo.addons.fieldservice_sale.models.sale_order import (
    SaleOrder as FieldServiceSaleOrder,
)
from odoo.addons.mail.models.mail_activity_mixin import MailActivityMixin

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


@tagged("post_install", "-at_install")
class TestUpstreamCommercialSync(ProspectDocumentsCommon):
    """res_partner_sync.py short-cuts base's commercial sync: pinned."""

    def test_base_syncs_nothing_on_a_write_of_any_other_field(self):
        """_prospect_fields_sync_needless() skips base's _fields_sync() when
        none of the fields it knows is written: base must indeed do nothing
        then, whatever the other fields written."""
        Partner = self.env["res.partner"]
        synced = Partner._prospect_synced_fields()
        others = {
            fname: False
            for fname, field in Partner._fields.items()
            if field.store and fname not in synced and fname != "id"
        }
        company = Partner.create({"name": "Synced Co", "is_company": True})
        contact = Partner.create({"name": "Synced Contact", "parent_id": company.id})
        Partner.create({"name": "Sub Contact", "parent_id": contact.id})
        written = []
        base_write = type(Partner).write

        def spy(records, vals):
            if vals:
                written.append((records, dict(vals)))
            return base_write(records, vals)

        with patch.object(type(Partner), "write", spy):
            BasePartner._fields_sync(company, others)
            BasePartner._fields_sync(contact, others)
        self.assertEqual(written, [], "base synced something the short cut skips")
        # and what it does sync, it syncs: the pin would see a change of base
        with patch.object(type(Partner), "write", spy):
            BasePartner._fields_sync(company.with_context(), {"vat": "BE0477472701"})
        self.assertTrue(written)

    def _family(self, name, country):
        Partner = self.env["res.partner"]
        return Partner.create(
            [
                {
                    "name": f"{name} contact",
                    "type": "contact",
                    "country_id": country.id,
                },
                {
                    "name": f"{name} invoice address",
                    "type": "invoice",
                    "street": "9 Billing Road",
                    "country_id": country.id,
                },
                {
                    "name": f"{name} own pricelist",
                    "type": "contact",
                    "country_id": country.id,
                    "property_product_pricelist": self.special.id,
                },
            ]
        )

    def _state(self, partners):
        fields = [
            *partners._commercial_fields(),
            *partners._address_fields(),
            "commercial_partner_id",
            "parent_id",
            "property_product_pricelist",
            "specific_property_product_pricelist",
        ]
        partners.invalidate_recordset()
        return [
            {
                fname: partner[fname].ids
                if hasattr(partner[fname], "ids")
                else partner[fname]
                for fname in fields
                if fname in partner._fields
            }
            for partner in partners
        ]

    def test_reparent_leaves_partners_as_base_does(self):
        """_prospect_reparent() copies what base's write does when parent_id
        changes (commercial sync, a contact's address, product's pricelist
        inverse): both ways, on twin partners, end up the same."""
        Pricelist = self.env["product.pricelist"]
        self.special = Pricelist.create({"name": "Special"})
        trade = Pricelist.create({"name": "Trade"})
        belgium = self.env.ref("base.be")
        france = self.env.ref("base.fr")
        parents = {
            "with terms": self.env["res.partner"].create(
                {
                    "name": "Terms Co",
                    "is_company": True,
                    "vat": "BE0477472701",
                    "street": "1 Main Street",
                    "city": "Ghent",
                    "country_id": belgium.id,
                    "property_product_pricelist": trade.id,
                    "property_account_position_id": self.env["account.fiscal.position"]
                    .create({"name": "Intra-EU"})
                    .id,
                }
            ),
            "without terms": self.env["res.partner"].create(
                {"name": "Plain Co", "is_company": True}
            ),
        }
        for label, parent in parents.items():
            for country in (belgium, france):
                with self.subTest(parent=label, country=country.code):
                    by_base = self._family(f"Base {label}", country)
                    by_addon = self._family(f"Addon {label}", country)
                    by_base.write({"parent_id": parent.id})
                    by_addon._prospect_reparent(parent)
                    base_state = self._state(by_base)
                    addon_state = self._state(by_addon)
                    self.assertEqual(addon_state, base_state)


@tagged("post_install", "-at_install")
class TestUpstreamActivityBar(ProspectDocumentsCommon):
    """res_partner_pipeline._prospect_activity_state_groupby() writes mail's
    grouping of activity_state again (faster): pinned to mail's own."""

    def _partner_with(self, name, *activities):
        partner = self.env["res.partner"].create(
            {"name": name, "is_company": True, "customer_status": "prospect"}
        )
        for deadline, user, active in activities:
            partner.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=deadline,
                user_id=user.id,
            ).active = active
        return partner

    def _groups(self, partners, tz):
        groups = (
            self.env["res.partner"]
            .with_context(tz=tz)
            ._read_group(
                [("id", "in", partners.ids)], ["activity_state"], ["id:array_agg"]
            )
        )
        return {state: sorted(ids) for state, ids in groups}

    def test_the_groups_are_mails_own(self):
        brussels = self.manager
        brussels.tz = "Europe/Brussels"
        new_york = self.salesman
        new_york.tz = "America/New_York"
        # 23:30 in UTC: already tomorrow in Brussels, still today in New York
        with freeze_time("2026-12-02 23:30:00"):
            partners = (
                self._partner_with("Late in Brussels", ("2026-12-02", brussels, True))
                | self._partner_with("Due in Brussels", ("2026-12-03", brussels, True))
                | self._partner_with("Due in New York", ("2026-12-02", new_york, True))
                | self._partner_with("Planned", ("2026-12-10", new_york, True))
                | self._partner_with(
                    "Late and planned",
                    ("2026-11-30", brussels, True),
                    ("2026-12-20", new_york, True),
                )
                | self._partner_with("Done only", ("2026-11-30", brussels, False))
                | self._partner_with("Nothing to do")
            )
            self.env.flush_all()
            Partner = type(self.env["res.partner"])
            for tz in (False, "Europe/Brussels", "Pacific/Kiritimati", "Not/AZone"):
                with self.subTest(tz=tz):
                    ours = self._groups(partners, tz)
                    with patch.object(
                        Partner,
                        "_read_group_groupby",
                        MailActivityMixin._read_group_groupby,
                    ):
                        mails = self._groups(partners, tz)
                    self.assertEqual(ours, mails)
                    self.assertEqual(
                        set(ours), {"overdue", "today", "planned", False}, ours
                    )
