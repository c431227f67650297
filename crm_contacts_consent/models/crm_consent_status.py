from odoo import fields, models
from odoo.tools import SQL

from .crm_consent import METHODS


class CrmConsentStatus(models.Model):
    """Who may be contacted: the current state per contact, channel and
    purpose (the latest line of the register), a read-only SQL view."""

    _name = "crm.consent.status"
    _description = "Consent Status"
    _auto = False
    _order = "partner_id, channel_id, purpose_id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one("res.partner", string="Contact", readonly=True)
    commercial_partner_id = fields.Many2one(
        "res.partner", string="Customer Company", readonly=True
    )
    channel_id = fields.Many2one("crm.consent.channel", readonly=True)
    purpose_id = fields.Many2one("crm.consent.purpose", readonly=True)
    text_id = fields.Many2one("crm.consent.text", string="Text Version", readonly=True)
    state = fields.Selection(
        [
            ("pending", "Awaiting confirmation"),
            ("given", "May be contacted"),
            ("withdrawn", "Withdrawn"),
            ("expired", "Expired"),
        ],
        readonly=True,
    )
    date = fields.Datetime(string="Since", readonly=True)
    expiry_date = fields.Datetime(string="Valid Until", readonly=True)
    method = fields.Selection(METHODS, string="How", readonly=True)
    user_id = fields.Many2one("res.users", string="Recorded By", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    consent_id = fields.Many2one("crm.consent", string="Record", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            "SELECT cur.id, cur.id AS consent_id, cur.partner_id, "
            "p.commercial_partner_id, cur.channel_id, cur.purpose_id, cur.text_id, "
            "CASE WHEN cur.state = 'given' AND cur.expiry_date <= now() "
            "THEN 'expired' ELSE cur.state END AS state, cur.date, cur.expiry_date, "
            "cur.method, cur.user_id, cur.company_id "
            "FROM (SELECT DISTINCT ON (partner_id, channel_id, purpose_id) * "
            "FROM crm_consent WHERE partner_id IS NOT NULL "
            "ORDER BY partner_id, channel_id, purpose_id, (state = 'pending'), "
            "date DESC, id DESC) cur "
            "JOIN res_partner p ON p.id = cur.partner_id"
        )
