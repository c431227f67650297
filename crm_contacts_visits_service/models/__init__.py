from . import crm_service_device_history
from . import crm_visit
from . import helpdesk_ticket
