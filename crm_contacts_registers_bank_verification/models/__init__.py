from . import crm_register_client
from . import l10n_pl_bank_account_verification
