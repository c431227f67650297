from . import test_gus
from . import test_other_registers
from . import test_nightly
from . import test_access
from . import test_payment
from . import test_tour
