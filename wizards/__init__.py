from . import base_partner_merge
from . import portal_wizard
from . import prospect_account_request_wizard
from . import prospect_convert_wizard
from . import prospect_report_wizard
from . import prospect_lost_wizard
from . import prospect_convert_wizard_profile
from . import prospect_retention_wizard
