from . import test_polish_helpdesk
