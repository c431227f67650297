from odoo import models
from odoo.tools import SQL


class AccountMove(models.Model):
    _inherit = "account.move"

    def unlink(self):
        # the next basket refresh takes the products of these invoices away
        # (companies whose baskets are their invoices)
        invoices = self.filtered(lambda move: move.move_type == "out_invoice")
        if invoices:
            invoices.flush_recordset(["company_id"])
            self.env["res.company"].flush_model(["crm_rfm_source"])
            self.env.cr.execute(
                SQL(
                    """INSERT INTO crm_basket_deleted (company_id, order_id)
                       SELECT m.company_id, m.id FROM account_move m
                         JOIN res_company c ON c.id = m.company_id
                        WHERE m.id = ANY(%s) AND c.crm_rfm_source = 'invoice'""",
                    invoices.ids,
                )
            )
        return super().unlink()
