from . import crm_receivable_aging_wizard
from . import crm_customer_segment_apply
from . import crm_payment_behaviour_wizard
