from . import crm_interest_note_wizard
from . import crm_payment_demand_wizard
from . import crm_balance_confirmation_wizard
