from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ServiceWarrantyCommon


@tagged("post_install", "-at_install")
class TestServiceCosts(ServiceWarrantyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lot_in = cls._lot("CT-IN-1")
        cls._deliver(cls.lot_in, cls.customer_a, "2025-06-01 10:00:00")
        cls.lot_out = cls._lot("CT-OUT-1")
        cls._deliver(cls.lot_out, cls.customer_a, "2020-06-01 10:00:00")
        cls.ticket_in = cls._make_ticket(cls.lot_in, "2025-12-01")
        cls.ticket_out = cls._make_ticket(cls.lot_out, "2025-12-01")

    @classmethod
    def _make_ticket(cls, lot, reported):
        return cls.env["helpdesk.ticket"].create(
            {
                "name": f"Service of {lot.name}",
                "description": "<p>Broken</p>",
                "lot_id": lot.id,
                "partner_id": lot.customer_id.id,
                "reported_date": reported,
            }
        )

    def _line(self, ticket, product, quantity, **vals):
        return self.env["helpdesk.ticket.cost.line"].create(
            {
                "ticket_id": ticket.id,
                "product_id": product.id,
                "quantity": quantity,
                **vals,
            }
        )

    def test_defaults_from_product_and_warranty(self):
        self.assertTrue(self.ticket_in.under_warranty)
        self.assertFalse(self.ticket_out.under_warranty)
        line_in = self._line(self.ticket_in, self.part, 2)
        line_out = self._line(self.ticket_out, self.part, 2)
        self.assertEqual(line_in.billing, "warranty")
        self.assertEqual(line_out.billing, "billable")
        self.assertEqual(line_in.unit_cost, 40)
        self.assertEqual(line_in.unit_price, 100)
        self.assertEqual(line_in.name, "Test burr set")
        self.assertEqual(line_in.lot_id, self.lot_in)
        self.assertEqual(line_in.partner_id, self.customer_a)

    def test_totals_per_ticket_device_and_customer(self):
        self._line(self.ticket_out, self.part, 2)  # cost 80, price 200
        self._line(self.ticket_out, self.labour, 1.5, cost_type="labour")  # 75/225
        self._line(self.ticket_out, self.labour, 1, billing="warranty")  # 50/150
        self._line(self.ticket_in, self.part, 1)  # 40/100 warranty
        self.assertAlmostEqual(self.ticket_out.cost_total, 205)
        self.assertAlmostEqual(self.ticket_out.billable_total, 425)
        self.assertAlmostEqual(self.ticket_out.warranty_price_total, 150)
        self.assertAlmostEqual(self.ticket_in.cost_total, 40)
        self.assertAlmostEqual(self.ticket_in.billable_total, 0)
        self.assertAlmostEqual(self.lot_out.service_cost_total, 205)
        self.assertAlmostEqual(self.lot_out.service_billable_total, 425)
        self.assertEqual(self.lot_out.ticket_count, 1)
        per_customer = dict(
            self.env["helpdesk.ticket.cost.line"]._read_group(
                [("partner_id", "=", self.customer_a.id)],
                ["partner_id"],
                ["cost_total:sum"],
            )
        )
        self.assertAlmostEqual(per_customer[self.customer_a], 245)
        # the customer card shows the same, also on a contact of the company
        self.assertAlmostEqual(self.contact_a.service_cost_total, 245)
        self.assertAlmostEqual(self.customer_a.service_billable_total, 425)
        self.assertEqual(self.contact_a.service_device_count, 2)
        self.assertEqual(self.customer_b.service_device_count, 0)
        action = self.contact_a.action_open_service_costs()
        self.assertEqual(action["domain"], [("partner_id", "=", self.customer_a.id)])

    def test_quotation_from_billable_lines_once(self):
        part = self._line(self.ticket_out, self.part, 2)
        labour = self._line(self.ticket_out, self.labour, 3, cost_type="labour")
        free = self._line(self.ticket_out, self.labour, 1, billing="warranty")
        action = self.ticket_out.action_create_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.partner_id, self.customer_a)
        self.assertEqual(order.origin, self.ticket_out.number)
        self.assertEqual(order.state, "draft")
        self.assertEqual(
            sorted(
                order.order_line.mapped(lambda sol: (sol.name, sol.product_uom_qty))
            ),
            [("Test burr set", 2.0), ("Test labour hour", 3.0)],
        )
        self.assertAlmostEqual(order.amount_untaxed, 650)
        self.assertEqual(part.sale_order_id, order)
        self.assertEqual(labour.sale_order_id, order)
        self.assertFalse(free.sale_line_id)
        self.assertEqual(self.ticket_out.sale_order_count, 1)
        # nothing left to bill: a second click bills nothing
        with self.assertRaises(UserError) as cm:
            self.ticket_out.action_create_quotation()
        self.assertRegex(str(cm.exception), "no billable cost lines")
        self.assertEqual(
            self.env["sale.order"].search_count(
                [("origin", "=", self.ticket_out.number)]
            ),
            1,
        )
        # a new billable line goes on a new quotation, alone
        travel = self._line(self.ticket_out, self.labour, 1, cost_type="travel")
        order2 = self.env["sale.order"].browse(
            self.ticket_out.action_create_quotation()["res_id"]
        )
        self.assertEqual(order2.order_line.product_uom_qty, 1)
        self.assertEqual(travel.sale_order_id, order2)
        self.assertEqual(self.ticket_out.sale_order_count, 2)

    def test_quotation_describes_products_in_the_customers_language(self):
        """A Polish technician's cost lines carry the product names in Polish;
        the English customer's quotation describes them in English, and a
        description the technician typed stays as typed."""
        self.env["res.lang"]._activate_lang("pl_PL")
        self.part.product_tmpl_id.with_context(lang="pl_PL").name = "Zestaw frezów"
        self.customer_a.lang = "en_US"
        Line = self.env["helpdesk.ticket.cost.line"].with_context(lang="pl_PL")
        line = {"ticket_id": self.ticket_out.id, "quantity": 1}
        part = Line.create(dict(line, product_id=self.part.id))
        self.assertEqual(part.name, "Zestaw frezów")
        Line.create(
            dict(
                line,
                product_id=self.labour.id,
                cost_type="labour",
                name="Wymiana łożyska",
            )
        )
        order = self.env["sale.order"].browse(
            self.ticket_out.with_context(lang="pl_PL").action_create_quotation()[
                "res_id"
            ]
        )
        self.assertEqual(
            sorted(order.order_line.mapped("name")),
            ["Test burr set", "Wymiana łożyska"],
        )

    def test_quotation_in_the_customers_currency(self):
        """A customer buying in EUR got a quotation of 100 EUR for a part
        priced 100 in the company's currency: the price is converted."""
        company = self.env.company
        eur = self.env.ref("base.EUR")
        if company.currency_id == eur:
            eur = self.env.ref("base.USD")
        eur.active = True
        self._fixed_rate(eur, 0.25)
        pricelist = self.env["product.pricelist"].create(
            {"name": "Test EUR", "currency_id": eur.id, "company_id": company.id}
        )
        self.customer_a.property_product_pricelist = pricelist
        self._line(self.ticket_out, self.part, 2)  # 2 x 100
        self._line(self.ticket_out, self.labour, 3, cost_type="labour")  # 3 x 150
        order = self.env["sale.order"].browse(
            self.ticket_out.action_create_quotation()["res_id"]
        )
        self.assertEqual(order.currency_id, eur)
        self.assertEqual(sorted(order.order_line.mapped("price_unit")), [25.0, 37.5])
        self.assertAlmostEqual(order.amount_untaxed, 2 * 25 + 3 * 37.5)
        self.assertEqual(
            self.ticket_out.cost_line_ids.sale_line_id.mapped("price_unit"),
            order.order_line.mapped("price_unit"),
        )

    def test_cancelled_quotation_releases_its_lines(self):
        """A salesperson cancels the quotation with the button of its form:
        the cost lines can be billed again (they were kept billed)."""
        salesman = new_test_user(
            self.env,
            "sw_cancel_sales",
            groups="base.group_user,sales_team.group_sale_salesman_all_leads",
        )
        part = self._line(self.ticket_out, self.part, 2)
        order = self.env["sale.order"].browse(
            self.ticket_out.action_create_quotation()["res_id"]
        )
        result = order.with_user(salesman).action_cancel()
        # Odoo 19 cancels a quotation at once: no dialog to confirm
        self.assertNotIsInstance(result, dict)
        self.assertEqual(order.state, "cancel")
        self.assertFalse(part.sale_line_id)
        self.assertIn(order.name, self.ticket_out.message_ids[0].body)
        # the freed line can be changed and goes on a new quotation
        part.quantity = 3
        order2 = self.env["sale.order"].browse(
            self.ticket_out.action_create_quotation()["res_id"]
        )
        self.assertEqual(part.sale_order_id, order2)
        self.assertEqual(order2.order_line.product_uom_qty, 3)
        # cancelled from the list (several quotations at once)
        self.env["sale.mass.cancel.orders"].with_user(salesman).with_context(
            active_ids=order2.ids
        ).create({}).action_mass_cancel()
        self.assertEqual(order2.state, "cancel")
        self.assertFalse(part.sale_line_id)

    def test_cancelled_quotation_set_back_to_draft(self):
        """Setting a cancelled quotation back to draft bills its lines again,
        never twice: refused while they are on another quotation."""
        part = self._line(self.ticket_out, self.part, 2)
        order = self.env["sale.order"].browse(
            self.ticket_out.action_create_quotation()["res_id"]
        )
        order.action_cancel()
        order2 = self.env["sale.order"].browse(
            self.ticket_out.action_create_quotation()["res_id"]
        )
        with self.assertRaises(UserError) as cm:
            order.action_draft()
        self.assertIn(order2.name, str(cm.exception))
        self.assertEqual(order.state, "cancel")
        self.assertEqual(part.sale_order_id, order2)
        order2.action_cancel()
        order.action_draft()
        self.assertEqual(order.state, "draft")
        self.assertEqual(part.sale_order_id, order)
        with self.assertRaises(UserError):
            self.ticket_out.action_create_quotation()

    def test_costs_stay_with_the_company_of_the_ticket(self):
        """A contact who moves to another company later does not take the
        service costs of their old company with them."""
        ticket = self._make_ticket(self.lot_out, "2025-12-01")
        ticket.partner_id = self.contact_a
        line = self._line(ticket, self.part, 1, billing="warranty")
        billed = self._line(ticket, self.labour, 1)
        ticket.action_create_quotation()
        self.assertEqual((line | billed).partner_id, self.customer_a)
        self.contact_a.parent_id = self.customer_b
        self.env.flush_all()
        self.assertEqual(line.partner_id, self.customer_a)
        self.assertEqual(billed.partner_id, self.customer_a)
        self.assertFalse(
            self.env["helpdesk.ticket.cost.line"].search(
                [("partner_id", "=", self.customer_b.id)]
            )
        )
        # the ticket's own customer changed: its costs follow, but not a line
        # already billed to the old customer
        ticket.partner_id = self.customer_b
        self.assertEqual(line.partner_id, self.customer_b)
        self.assertEqual(billed.partner_id, self.customer_a)

    def test_billed_line_is_locked(self):
        line = self._line(self.ticket_out, self.part, 1)
        self.ticket_out.action_create_quotation()
        with self.assertRaises(UserError) as cm:
            line.quantity = 5
        self.assertRegex(str(cm.exception), "already on quotation")
        with self.assertRaises(UserError):
            line.unlink()
        self.assertEqual(line.quantity, 1)

    def test_no_customer_no_quotation(self):
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Anonymous", "description": "<p>x</p>"}
        )
        self._line(ticket, self.part, 1, billing="billable")
        with self.assertRaises(UserError) as cm:
            ticket.action_create_quotation()
        self.assertRegex(str(cm.exception), "no customer")
        self.assertFalse(ticket.cost_line_ids.sale_line_id)

    def test_bad_quantity_and_prices(self):
        with self.assertRaises(ValidationError) as cm:
            self._line(self.ticket_out, self.part, 0)
        self.assertRegex(str(cm.exception), "Test burr set.*quantity must be positive")
        with self.assertRaises(ValidationError) as cm:
            self._line(self.ticket_out, self.part, 1, unit_price=-5)
        self.assertRegex(str(cm.exception), "cannot be negative")
        self.assertFalse(self.ticket_out.cost_line_ids)
