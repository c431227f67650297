from . import crm_customer_segment_apply
