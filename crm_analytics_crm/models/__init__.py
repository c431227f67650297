from . import crm_campaign_effect
