from . import crm_offer_nbp_import
