from . import test_bank_verification
