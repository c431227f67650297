from . import crm_interest_note_wizard
