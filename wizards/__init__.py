from . import portal_wizard
from . import prospect_report_wizard
