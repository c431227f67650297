from . import test_service_visit
