from odoo import models
from odoo.tools import frozendict


class CrmReceivableAging(models.Model):
    _inherit = "crm.receivable.aging"

    # the holding of each row is the stored top of its customer's group
    _depends = frozendict({"res.partner": ["crm_group_root_id"]})
