from . import test_crm_job
