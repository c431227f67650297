from . import mail_compose_message
from . import mail_mail
from . import mailing_mailing
from . import mailing_trace
