from . import crm_job
