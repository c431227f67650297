from . import test_demo_company
