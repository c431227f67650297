from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        lots = moves.move_line_ids.lot_id
        if lots:
            lots._update_delivery()
        return moves
