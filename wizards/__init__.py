from . import base_partner_merge
from . import prospect_account_request_wizard
from . import prospect_convert_wizard
