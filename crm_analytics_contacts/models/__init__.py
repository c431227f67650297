from . import crm_receivable_aging
from . import res_partner
