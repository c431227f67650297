from . import crm_register_wizard
from . import crm_register_wizard_line
