from . import test_segment_consent
from . import test_ui
