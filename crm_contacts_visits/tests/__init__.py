from . import test_access
from . import test_costs
from . import test_planning
from . import test_report_history
from . import test_ui
from . import test_week
