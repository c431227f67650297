from . import crm_nbp_reference_rate
from . import crm_interest_rate_period
from . import crm_interest_note_line
from . import account_move
from . import res_partner
from . import res_company
from . import crm_receivable_aging
