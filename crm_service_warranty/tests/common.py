from odoo.tests import TransactionCase


class ServiceWarrantyCommon(TransactionCase):
    """Products with a warranty, customers and real deliveries of serials."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a = cls.env["res.partner"].create(
            {"name": "Alfa Serwis sp. z o.o.", "is_company": True}
        )
        cls.contact_a = cls.env["res.partner"].create(
            {"name": "Anna Alfa", "parent_id": cls.customer_a.id}
        )
        cls.customer_b = cls.env["res.partner"].create(
            {"name": "Beta Kawa S.A.", "is_company": True}
        )
        cls.device = cls.env["product.product"].create(
            {
                "name": "Test coffee grinder",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
                "warranty_months": 24,
                "list_price": 900,
            }
        )
        cls.part = cls.env["product.product"].create(
            {
                "name": "Test burr set",
                "type": "consu",
                "standard_price": 40,
                "list_price": 100,
            }
        )
        cls.labour = cls.env["product.product"].create(
            {
                "name": "Test labour hour",
                "type": "service",
                "standard_price": 50,
                "list_price": 150,
            }
        )
        cls.stock = cls.env.ref("stock.stock_location_stock")
        cls.customers = cls.env.ref("stock.stock_location_customers")

    @classmethod
    def _fixed_rate(cls, currency, rate):
        """1 unit of the current company's currency = ``rate`` ``currency``
        on every date of the test (the demo's rates of both removed)."""
        company = cls.env.company
        cls.env["res.currency.rate"].search(
            [("currency_id", "in", (company.currency_id | currency).ids)]
        ).unlink()
        cls.env["res.currency.rate"].create(
            {
                "currency_id": currency.id,
                "name": "2000-01-01",
                "rate": rate,
                "company_id": company.id,
            }
        )

    @classmethod
    def _lot(cls, name, **vals):
        return cls.env["stock.lot"].create(
            {"name": name, "product_id": cls.device.id, **vals}
        )

    @classmethod
    def _deliver(cls, lot, partner, date):
        """Deliver a serial to a customer with a real picking, done on `date`."""
        return cls._move(lot, partner, date, cls.stock, cls.customers)

    @classmethod
    def _return(cls, lot, partner, date):
        """The customer sends the serial back."""
        return cls._move(lot, partner, date, cls.customers, cls.stock)

    @classmethod
    def _move(cls, lot, partner, date, source, dest):
        picking_type = (
            "stock.picking_type_out"
            if dest == cls.customers
            else ("stock.picking_type_in")
        )
        picking = cls.env["stock.picking"].create(
            {
                "partner_id": partner.id,
                "picking_type_id": cls.env.ref(picking_type).id,
                "location_id": source.id,
                "location_dest_id": dest.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": lot.product_id.id,
                            "product_uom_qty": 1,
                            "location_id": source.id,
                            "location_dest_id": dest.id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.move_ids.move_line_ids.unlink()
        move_line = cls.env["stock.move.line"].create(
            {
                "move_id": picking.move_ids.id,
                "picking_id": picking.id,
                "product_id": lot.product_id.id,
                "lot_id": lot.id,
                "quantity": 1,
                "picked": True,
                "location_id": source.id,
                "location_dest_id": dest.id,
            }
        )
        picking._action_done()
        move_line.date = date
        lot._update_delivery()
        return picking
