from . import test_segment_to_mailing_list
from . import test_ui
from . import test_mailing_effect
