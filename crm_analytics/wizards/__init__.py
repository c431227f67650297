from . import crm_receivable_aging_wizard
