# Copyright 2026 Prospect Management contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError


class ProspectConversionNeeded(UserError):
    """A refusal whose way out is converting the customer.

    A UserError (every caller that handles refusals keeps working, its text
    is the message alone) that also carries the conversion wizard: the web
    client shows it like Odoo's RedirectWarning, with a button that opens the
    wizard on that customer (static/src/js/prospect_redirect_dialog.js reads
    it from the ``context`` that Odoo serialises with every exception).
    """

    def __init__(self, message, action, button_text, additional_context=None):
        super().__init__(message)
        self.context = {
            "prospect_redirect": {
                "action": action,
                "button_text": button_text,
                "additional_context": additional_context or {},
            }
        }
