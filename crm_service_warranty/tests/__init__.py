from . import test_warranty
from . import test_resale
from . import test_costs
from . import test_history_scan
from . import test_access
from . import test_portal
from . import test_ui
from . import test_labels
