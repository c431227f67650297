from . import crm_call
from . import crm_history
from . import crm_service_device_history
from . import helpdesk_ticket
from . import res_partner
