from . import crm_receivable_aging
from . import res_partner
from . import res_company
from . import res_config_settings
from . import crm_analysis_refresh
from . import crm_rfm_segment
from . import crm_customer_value
from . import crm_customer_repurchase
from . import crm_campaign_cost
from . import crm_campaign_effect
from . import crm_customer_value_moved
from . import crm_customer_segment_history
from . import crm_customer_overview
from . import account_move
from . import crm_basket_deleted
from . import crm_basket_order
from . import crm_basket_pair_count
from . import crm_basket_product
from . import product_product
from . import product_template
from . import sale_order

# a view over the basket tables and the company's thresholds: created last
from . import crm_basket_pair
