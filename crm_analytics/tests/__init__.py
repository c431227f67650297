from . import test_access
from . import test_commercial_history
from . import test_install
from . import test_receivable_aging
from . import test_ui
from . import test_xlsx
from . import test_aging_web_and_filters
from . import test_payment_figures
