from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import ServiceWarrantyCommon


@tagged("post_install", "-at_install")
class TestServiceAccess(ServiceWarrantyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.service = new_test_user(
            cls.env,
            "sw_service",
            groups="base.group_user,helpdesk_mgmt.group_helpdesk_user",
        )
        cls.salesman = new_test_user(
            cls.env,
            "sw_salesman",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        cls.lot = cls._lot("AC-0001")
        cls._deliver(cls.lot, cls.customer_a, "2020-01-10 10:00:00")
        cls.ticket = cls.env["helpdesk.ticket"].create(
            {
                "name": "Access",
                "description": "<p>x</p>",
                "lot_id": cls.lot.id,
                "partner_id": cls.customer_a.id,
            }
        )

    def test_read_only_fields_hold_over_rpc(self):
        """What the forms show read-only (set from deliveries, the warranty,
        the quotation) cannot be written by RPC or an import either."""
        seller = new_test_user(
            self.env,
            "sw_service_seller",
            groups="base.group_user,helpdesk_mgmt.group_helpdesk_user,"
            "sales_team.group_sale_salesman",
        )
        env = self.env(user=seller)
        lot = env["stock.lot"].browse(self.lot.id)
        with self.assertRaises(UserError) as cm:
            lot.write({"delivery_date": "2025-01-01", "warranty_effective_end": False})
        self.assertIn("AC-0001", str(cm.exception))
        self.assertIn("Delivery Date", str(cm.exception))
        with self.assertRaises(UserError):
            env["stock.lot"].create(
                {
                    "name": "AC-FAKE",
                    "product_id": self.device.id,
                    "return_date": "2025-01-01",
                }
            )
        ticket = env["helpdesk.ticket"].browse(self.ticket.id)
        self.assertFalse(ticket.under_warranty)
        with self.assertRaises(UserError):
            ticket.write({"under_warranty": True})
        line = env["helpdesk.ticket.cost.line"].create(
            {"ticket_id": ticket.id, "product_id": self.part.id}
        )
        self.assertEqual(line.billing, "billable")
        ticket.action_create_quotation()
        self.assertTrue(line.sale_line_id)
        # a billed line cannot be freed by hand (it would be billed twice)
        with self.assertRaises(UserError):
            line.write({"sale_line_id": False})
        self.assertTrue(line.sale_line_id)
        other = env["helpdesk.ticket"].create(
            {"name": "Other", "description": "<p>x</p>"}
        )
        free = env["helpdesk.ticket.cost.line"].create(
            {"ticket_id": ticket.id, "product_id": self.labour.id}
        )
        with self.assertRaises(UserError) as cm:
            free.write({"ticket_id": other.id})
        self.assertIn("Test labour hour", str(cm.exception))
        with self.assertRaises(UserError):
            free.write({"billable_total": 0})

    def test_service_staff_work_on_devices_and_costs(self):
        env = self.env(user=self.service)
        lot = env["stock.lot"].create({"name": "AC-NEW", "product_id": self.device.id})
        self.assertEqual(lot.name, "AC-NEW")
        ticket = env["helpdesk.ticket"].browse(self.ticket.id)
        line = env["helpdesk.ticket.cost.line"].create(
            {"ticket_id": ticket.id, "product_id": self.part.id, "quantity": 2}
        )
        line.quantity = 3
        self.assertAlmostEqual(ticket.billable_total, 300)
        history = env["crm.service.device.history"].search(
            [("lot_id", "=", self.lot.id)]
        )
        self.assertIn("ticket", history.mapped("kind"))
        self.assertEqual(env["stock.lot"].browse(self.lot.id).ticket_count, 1)
        # quoting is the salespeople's job
        with self.assertRaises(AccessError):
            ticket.action_create_quotation()
        self.assertFalse(line.sale_line_id)

    def test_service_staff_open_the_device_screens(self):
        """The Devices list and form work for service staff without stock rights."""
        env = self.env(user=self.service)
        self.assertFalse(self.service.has_group("stock.group_stock_user"))
        Lot = env["stock.lot"]
        for view in ("stock_lot_view_form_device", "stock_lot_view_list_device"):
            view_id = self.env.ref(f"crm_service_warranty.{view}").id
            arch = Lot.get_views([(view_id, "form" if "form" in view else "list")])
            fields = list(arch["models"]["stock.lot"]["fields"])
            data = Lot.browse(self.lot.id).read(fields)[0]
            self.assertEqual(data["name"], "AC-0001")
        self.assertEqual(Lot.browse(self.lot.id).customer_id, self.customer_a)

    def test_service_staff_open_a_serial_number_from_a_link(self):
        """A helpdesk user clicking the serial number in the scan dialog or on
        a cost line got an access error on stock moves: the link opened
        Inventory's form of the serial number."""
        Lot = self.env["stock.lot"].with_user(self.service)
        lot = Lot.browse(self.lot.id)
        action = lot.get_formview_action()
        device_form = self.env.ref("crm_service_warranty.stock_lot_view_form_device")
        self.assertEqual(action["views"], [(device_form.id, "form")])
        views = Lot.get_views([(device_form.id, "form")])
        fields = views["models"]["stock.lot"]["fields"]
        self.assertEqual(lot.web_read({name: {} for name in fields})[0]["id"], lot.id)
        # with Inventory rights, Inventory's form as before
        stock_user = new_test_user(
            self.env, "sw_stock", groups="base.group_user,stock.group_stock_user"
        )
        self.assertNotEqual(
            lot.with_user(stock_user).get_formview_action()["views"],
            [(device_form.id, "form")],
        )

    def test_salesman_reads_costs_but_does_not_change_them(self):
        line = self.env["helpdesk.ticket.cost.line"].create(
            {"ticket_id": self.ticket.id, "product_id": self.part.id, "quantity": 1}
        )
        env = self.env(user=self.salesman)
        as_salesman = env["helpdesk.ticket.cost.line"].browse(line.id)
        self.assertAlmostEqual(as_salesman.price_total, 100)
        with self.assertRaises(AccessError):
            as_salesman.quantity = 4
        with self.assertRaises(AccessError):
            env["helpdesk.ticket.cost.line"].create(
                {"ticket_id": self.ticket.id, "product_id": self.part.id}
            )
        customer = env["res.partner"].browse(self.customer_a.id)
        self.assertEqual(customer.service_device_count, 1)
        self.assertAlmostEqual(customer.service_cost_total, 40)
        with self.assertRaises(AccessError):
            env["crm.service.device.history"].search([])
        with self.assertRaises(AccessError):
            env["crm.service.scan"].create({})

    def test_salesman_with_service_rights_creates_the_quotation(self):
        self.salesman.group_ids += self.env.ref("helpdesk_mgmt.group_helpdesk_user")
        self.env["helpdesk.ticket.cost.line"].create(
            {"ticket_id": self.ticket.id, "product_id": self.part.id, "quantity": 1}
        )
        ticket = self.ticket.with_user(self.salesman)
        action = ticket.action_create_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.order_line.product_id, self.part)

    def test_customer_card_totals_over_companies_in_one_currency(self):
        """A user of two companies with different currencies saw on the
        customer card the sum of both companies' costs, each in its own
        currency, labelled with the current company's currency."""
        company = self.env.company
        other_currency = self.env.ref("base.EUR")
        if company.currency_id == other_currency:
            other_currency = self.env.ref("base.USD")
        other_currency.active = True
        other_company = self.env["res.company"].create(
            {"name": "Service abroad", "currency_id": other_currency.id}
        )
        self._fixed_rate(other_currency, 0.5)
        abroad = self.env["helpdesk.ticket"].create(
            {
                "name": "Abroad",
                "description": "<p>x</p>",
                "partner_id": self.customer_a.id,
                "company_id": other_company.id,
            }
        )
        self.env["helpdesk.ticket.cost.line"].create(
            [
                # 40 in the current company's currency
                {"ticket_id": self.ticket.id, "product_id": self.part.id},
                # 10 of the other currency = 20 in the current one
                {"ticket_id": abroad.id, "product_id": self.part.id, "unit_cost": 10},
            ]
        )
        partner = self.customer_a.with_context(
            allowed_company_ids=[company.id, other_company.id]
        )
        self.assertEqual(partner.service_currency_id, company.currency_id)
        self.assertAlmostEqual(partner.service_cost_total, 60)

    def test_cost_lines_of_another_company_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "Other service Co"})
        other_ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Other company",
                "description": "<p>x</p>",
                "company_id": other_company.id,
            }
        )
        other_line = self.env["helpdesk.ticket.cost.line"].create(
            {"ticket_id": other_ticket.id, "product_id": self.labour.id}
        )
        own_line = self.env["helpdesk.ticket.cost.line"].create(
            {"ticket_id": self.ticket.id, "product_id": self.labour.id}
        )
        lines = (
            self.env["helpdesk.ticket.cost.line"]
            .with_user(self.service)
            .search([("id", "in", [other_line.id, own_line.id])])
        )
        self.assertEqual(lines, own_line)
