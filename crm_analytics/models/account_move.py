from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def unlink(self):
        # the next basket refresh takes the products of these invoices away
        # (companies whose baskets are their invoices)
        self.env["crm.basket.deleted"]._crm_record(
            self.filtered(lambda move: move.move_type == "out_invoice"), "invoice"
        )
        return super().unlink()
