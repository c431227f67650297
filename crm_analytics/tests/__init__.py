from . import test_access
from . import test_commercial_history
from . import test_install
from . import test_receivable_aging
from . import test_ui
from . import test_xlsx
from . import test_basket
from . import test_ui_basket
