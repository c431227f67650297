from . import test_interest
from . import test_compensation
