from . import product_template
from . import stock_lot
from . import stock_move
from . import stock_move_line
from . import helpdesk_ticket
from . import helpdesk_ticket_cost_line
from . import crm_service_device_history
from . import res_partner
