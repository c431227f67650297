from . import test_week
