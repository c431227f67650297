from . import test_consent_register
from . import test_consent_expiry
from . import test_consent_import
from . import test_consent_access
from . import test_call_center
from . import test_portal
from . import test_ui
