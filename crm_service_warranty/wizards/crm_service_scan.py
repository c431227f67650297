from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmServiceScan(models.TransientModel):
    """Scan a serial number (keyboard-wedge scanner or typed) to open the
    device's history or to start a ticket already filled in."""

    _name = "crm.service.scan"
    _inherit = "barcodes.barcode_events_mixin"
    _description = "Scan a device"

    code = fields.Char(string="Serial number")
    lot_id = fields.Many2one(
        "stock.lot",
        string="Device",
        compute="_compute_lot_id",
        store=True,
        readonly=True,
    )
    product_id = fields.Many2one(related="lot_id.product_id")
    customer_id = fields.Many2one(related="lot_id.customer_id")
    warranty_effective_end = fields.Date(related="lot_id.warranty_effective_end")
    unknown = fields.Boolean(compute="_compute_lot_id", store=True)

    def _find_lot(self, code):
        code = (code or "").strip()
        if not code:
            return self.env["stock.lot"]
        return self.env["stock.lot"].search(
            [
                ("name", "=", code),
                ("company_id", "in", [*self.env.companies.ids, False]),
            ],
            limit=1,
        )

    @api.depends("code")
    def _compute_lot_id(self):
        for scan in self:
            scan.lot_id = self._find_lot(scan.code)
            scan.unknown = bool((scan.code or "").strip()) and not scan.lot_id

    def on_barcode_scanned(self, barcode):
        self.code = barcode
        if not self._find_lot(barcode):
            return {
                "warning": {
                    "title": self.env._("Unknown serial number"),
                    "message": self.env._(
                        "No device has the serial number %s. Check the code or "
                        "register the device.",
                        barcode,
                    ),
                }
            }
        return None

    def _get_lot(self):
        self.ensure_one()
        if not self.lot_id:
            raise UserError(
                self.env._(
                    "No device has the serial number %s. Check the code or "
                    "register the device.",
                    self.code or "",
                )
            )
        return self.lot_id

    @api.readonly
    def action_open_history(self):
        return self._get_lot().action_open_service_history()

    def action_new_ticket(self):
        return self._get_lot().action_new_ticket()

    def action_register_device(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.lot",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("crm_service_warranty.stock_lot_view_form_device").id,
                    "form",
                )
            ],
            "target": "current",
            "context": {"default_name": (self.code or "").strip()},
        }
