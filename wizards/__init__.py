from . import prospect_report_wizard
