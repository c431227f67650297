from . import test_campaign_leads
