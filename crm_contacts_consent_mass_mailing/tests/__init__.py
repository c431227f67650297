from . import test_mailing_consent
from . import test_mailing_footer
