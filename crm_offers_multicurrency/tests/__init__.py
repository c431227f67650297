from . import test_install
from . import test_offer_pricing
from . import test_offer_flow
from . import test_offer_portal
from . import test_nbp_import
from . import test_ui
from . import test_offer_frozen_rate
from . import test_offer_rounding
