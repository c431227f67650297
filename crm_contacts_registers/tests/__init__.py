from . import test_gus
