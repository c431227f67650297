from . import wizards
from . import models
