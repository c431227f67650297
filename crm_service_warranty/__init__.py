from . import controllers
from . import models
from . import wizards


def post_init_hook(env):
    """Serials delivered before the addon was installed get their warranty too."""
    env["stock.lot"]._update_delivery_all()
