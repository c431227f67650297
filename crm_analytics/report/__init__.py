from . import report_receivable_aging
