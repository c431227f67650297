from . import crm_satisfaction_wizard
from . import crm_pesel_reveal_wizard
from . import crm_pbx_key_wizard
from . import base_partner_merge_automatic_wizard
