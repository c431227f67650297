from . import test_interest
from . import test_compensation
from . import test_interest_note
from . import test_payment_demand
from . import test_collection_run
from . import test_ui
from . import test_balance_confirmation
from . import test_portal
