from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmArchiveLocation(models.Model):
    _name = "crm.archive.location"
    _description = "Storage location of paper originals"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        [
            ("archive", "Archive"),
            ("room", "Room"),
            ("cabinet", "Cabinet"),
            ("shelf", "Shelf"),
            ("binder", "Binder"),
        ],
        required=True,
        default="archive",
    )
    parent_id = fields.Many2one(
        "crm.archive.location", string="Inside", index=True, ondelete="restrict"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("crm.archive.location", "parent_id", string="Contains")
    complete_name = fields.Char(
        string="Full path", compute="_compute_complete_name", store=True, recursive=True
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    document_ids = fields.One2many("crm.document", "location_id", string="Originals")
    document_count = fields.Integer(compute="_compute_document_count")

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for location in self:
            if location.parent_id:
                location.complete_name = (
                    f"{location.parent_id.complete_name} / {location.name}"
                )
            else:
                location.complete_name = location.name

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("A storage location cannot be inside itself.")
            )

    def _compute_document_count(self):
        counts = dict(
            self.env["crm.document"]._read_group(
                [("location_id", "child_of", self.ids)], ["location_id"], ["__count"]
            )
        )
        for location in self:
            location.document_count = sum(
                count
                for loc, count in counts.items()
                if loc.parent_path.startswith(location.parent_path)
            )

    @api.readonly
    def action_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_document_deadlines.crm_document_action"
        )
        action["domain"] = [("location_id", "child_of", self.id)]
        return action
