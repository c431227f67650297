from . import crm_history
