from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmDocumentScan(models.TransientModel):
    """Scan the label of a paper original: open its document or record its
    return to the archive."""

    _name = "crm.document.scan"
    _description = "Scan a document label"
    _inherit = "barcodes.barcode_events_mixin"

    barcode = fields.Char(string="Label")
    document_id = fields.Many2one("crm.document", compute="_compute_document_id")
    is_checked_out = fields.Boolean(related="document_id.is_checked_out")

    @api.depends("barcode")
    def _compute_document_id(self):
        for scan in self:
            code = (scan.barcode or "").strip()
            scan.document_id = (
                self.env["crm.document"].search([("barcode", "=", code)], limit=1)
                if code
                else False
            )

    def on_barcode_scanned(self, barcode):
        self.barcode = barcode
        if not self.document_id:
            # say it at once, as the device scan does, not at the next click
            return {
                "warning": {
                    "title": self.env._("Unknown label"),
                    "message": self._unknown_message(),
                }
            }
        return None

    def _unknown_message(self):
        code = (self.barcode or "").strip()
        # the paper is in the user's hands: say why it does not open
        if code and self.env["crm.document"].sudo().search_count(
            [("barcode", "=", code)], limit=1
        ):
            return self.env._(
                "The document labelled %(barcode)s is not one you may open (it "
                "belongs to another team or company): ask a documents manager.",
                barcode=code,
            )
        return self.env._("No document has the label %(barcode)s.", barcode=code)

    def _document(self):
        self.ensure_one()
        if not self.document_id:
            raise UserError(self._unknown_message())
        return self.document_id

    @api.readonly
    def action_open(self):
        document = self._document()
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.document",
            "res_id": document.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_return(self):
        document = self._document()
        document.action_check_in()
        return self.action_open()
