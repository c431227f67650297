import hashlib
import secrets

from odoo import api, fields, models


class CrmPbx(models.Model):
    """A phone system allowed to call the call-center endpoints.

    It authenticates with its own key (``Authorization: Bearer <key>``). Only
    a SHA-256 digest of the key is stored: the key is random (256 bits), so a
    fast digest is safe, and the lookup is one indexed equality per request.
    Archiving the PBX or generating a new key revokes the old key.
    """

    _name = "crm.pbx"
    _description = "Phone System (PBX)"
    _order = "name"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        help="The PBX identifies callers among this company's contacts "
        "(and contacts shared by all companies) and logs its calls here.",
    )
    key_hash = fields.Char(copy=False, index=True, groups="base.group_system")
    key_set = fields.Boolean(compute="_compute_key_set")
    call_count = fields.Integer(compute="_compute_call_count")

    _key_hash_unique = models.Constraint(
        "UNIQUE(key_hash)", "A PBX key must be unique."
    )

    @api.model
    def _hash_key(self, key):
        return hashlib.sha256(key.encode()).hexdigest()

    @api.depends("key_hash")
    def _compute_key_set(self):
        for pbx in self.sudo():
            pbx.key_set = bool(pbx.key_hash)

    def _compute_call_count(self):
        counts = dict(
            self.env["crm.call"]._read_group(
                [("pbx_id", "in", self.ids)], ["pbx_id"], ["__count"]
            )
        )
        for pbx in self:
            pbx.call_count = counts.get(pbx, 0)

    def _generate_key(self):
        """A new key for the PBX, returned once; the previous key stops working."""
        self.ensure_one()
        key = secrets.token_urlsafe(32)
        self.sudo().key_hash = self._hash_key(key)
        return key

    def action_generate_key(self):
        key = self._generate_key()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.pbx.key.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_pbx_id": self.id, "default_key": key},
        }

    def action_revoke_key(self):
        self.sudo().key_hash = False

    @api.readonly
    def action_open_calls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_contacts_ext.crm_call_action"
        )
        action["domain"] = [("pbx_id", "=", self.id)]
        return action

    @api.model
    def _authenticate(self, key):
        """The active PBX with this key, or an empty recordset."""
        if not key:
            return self.browse()
        return self.sudo().search([("key_hash", "=", self._hash_key(key))], limit=1)
