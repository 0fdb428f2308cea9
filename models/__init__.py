from . import ir_fields_converter
from . import prospect_status_mixin
from . import prospect_stage
from . import res_company
from . import res_config_settings
from . import res_partner
from . import fsm_location
