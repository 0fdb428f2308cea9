# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models


class IrFieldsConverter(models.AbstractModel):
    _inherit = "ir.fields.converter"

    @api.model
    def _str_to_selection(self, model, field, value):
        """Read an imported customer status: label or key, any case, spaces ignored.

        Only the ``customer_status`` of customers and sites is concerned; every
        other selection keeps Odoo's conversion.  An unknown value is refused
        with a message that quotes it and lists the statuses; ``load()`` adds
        the row.
        """
        if field.name != "customer_status" or not isinstance(
            model, self.pool["prospect.status.mixin"]
        ):
            return super()._str_to_selection(model, field, value)
        value = value.strip()
        if not value:
            # an empty cell keeps the current status (see the mixin's load)
            return False, []
        try:
            return super()._str_to_selection(model, field, value)
        except ValueError:
            labels = [
                label for __, label in field._description_selection(model.env) if label
            ]
            raise self._format_import_error(
                ValueError,
                _(
                    "“%(value)s” is not a %%(field)s. Use one of: %(statuses)s "
                    "(the label or the key, in any case)."
                ),
                {"value": value, "statuses": ", ".join(labels)},
                {"value": value, "moreinfo": labels},
            ) from None
