from . import test_holding_aging
