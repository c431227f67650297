from . import test_identity_numbers
from . import test_identity_access
from . import test_phone_validation
from . import test_ui
