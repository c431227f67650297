from . import res_company
from . import res_config_settings
from . import crm_mailing_effect
