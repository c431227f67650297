from . import crm_receivable_aging
from . import res_partner
from . import res_company
from . import res_config_settings
from . import crm_rfm_segment
from . import crm_customer_value
from . import crm_customer_segment_history
from . import crm_customer_overview
