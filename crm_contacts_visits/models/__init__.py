from . import crm_travel_rate
from . import crm_visit
from . import crm_visit_trip
from . import crm_team_week
from . import crm_history
from . import res_partner
from . import sale_order
