from . import report_receivable_aging
from . import report_receivable_aging_xlsx
