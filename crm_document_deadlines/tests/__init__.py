from . import test_document
from . import test_correspondence
from . import test_mail_alias
from . import test_archive
from . import test_access
from . import test_ui
from . import test_portal
