from odoo import fields, models

from .crm_register_client import GUS_TEST_KEY


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_gus_key = fields.Char(
        string="GUS User Key",
        default=GUS_TEST_KEY,
        groups="base.group_system",
        help="The key GUS gives for the REGON BIR1.1 service; the published "
        "test key works with the test environment.",
    )
    crm_gus_environment = fields.Selection(
        [("test", "Test"), ("production", "Production")],
        string="GUS Environment",
        default="test",
        required=True,
    )
    crm_gus_change_reports = fields.Boolean(
        string="GUS Daily Change Reports",
        help="The GUS key has the right to the daily change reports "
        "(DanePobierzRaportZbiorczy): the nightly re-check asks GUS only of "
        "the entities these reports list as updated or struck off since the "
        "partner's last check.",
    )
    crm_register_timeout = fields.Integer(
        string="Register Timeout (s)",
        default=10,
        help="How long to wait for a register's answer.",
    )
    crm_register_nightly_budget = fields.Integer(
        string="Nightly Register Calls",
        default=100,
        help="How many register calls the nightly re-check may make a day "
        "(the white list answers 30 NIPs a call).",
    )
    crm_register_calls_day = fields.Date(readonly=True)
    crm_register_calls_count = fields.Integer(readonly=True)
