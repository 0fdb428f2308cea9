from . import prospect_list_rows
from . import prospect_list_pdf
from . import prospect_list_xlsx
from . import prospect_conversion_report
from . import prospect_personal_data_xlsx
