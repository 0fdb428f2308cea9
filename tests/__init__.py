from . import test_customer_status
from . import test_import_status
from . import test_pipeline
from . import test_settings
from . import test_sites
from . import test_convert_wizard
