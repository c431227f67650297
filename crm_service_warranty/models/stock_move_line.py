from odoo import models


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    # A serial's delivery and its history read its done move lines newest first.
    _lot_done_date_index = models.Index(
        "(lot_id, date DESC) WHERE state = 'done' AND lot_id IS NOT NULL"
    )
