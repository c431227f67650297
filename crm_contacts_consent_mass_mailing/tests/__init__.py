from . import test_mailing_consent
