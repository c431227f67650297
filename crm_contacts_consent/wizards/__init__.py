from . import crm_consent_record_wizard
from . import crm_consent_contact_wizard
from . import crm_consent_import_wizard
