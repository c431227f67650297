from . import test_demo_company
from . import test_ui
