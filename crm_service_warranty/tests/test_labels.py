from lxml import etree

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ServiceWarrantyCommon


@tagged("post_install", "-at_install")
class TestLabels(ServiceWarrantyCommon):
    """What a service user reads: our cost apart from the customer's price,
    full dates, no amount where there is none, Polish numbers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("pl_PL")
        cls.env["ir.module.module"]._load_module_terms(
            ["helpdesk_mgmt", "crm_service_warranty"], ["pl_PL"]
        )

    def test_cost_tab_says_whose_amount_it_is(self):
        names = ["cost_total", "warranty_price_total", "billable_total"]
        for lang, expected in (
            ("en_US", ["Our cost", "Free under warranty", "Customer pays"]),
            ("pl_PL", ["Nasz koszt", "Bezpłatnie w gwarancji", "Płaci klient"]),
        ):
            fields = (
                self.env["helpdesk.ticket"]
                .with_context(lang=lang)
                .fields_get(names, ["string"])
            )
            self.assertEqual([fields[name]["string"] for name in names], expected)
        lines = (
            self.env["helpdesk.ticket.cost.line"]
            .with_context(lang="pl_PL")
            .fields_get(
                ["unit_cost", "unit_price", "cost_total", "price_total"], ["string"]
            )
        )
        self.assertEqual(
            [field["string"] for field in lines.values()],
            [
                "Nasz koszt jedn.",
                "Cena jedn. dla klienta",
                "Nasz koszt",
                "Cena dla klienta",
            ],
        )
        arch = (
            self.env["helpdesk.ticket"]
            .with_context(lang="pl_PL")
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        sums = etree.fromstring(arch).xpath(
            "//field[@name='cost_line_ids']//field[@sum]/@sum"
        )
        self.assertEqual(sums, ["Nasz koszt", "Cena dla klienta", "Płaci klient"])

    def test_dates_show_their_year(self):
        """Odoo 19 drops the year of this year's dates unless the field is
        numeric: a warranty end read "10 mar" without saying which year."""
        views = self.env["ir.ui.view"].search(
            [
                ("model_data_id.module", "=", "crm_service_warranty"),
                ("type", "in", ("form", "list")),
            ]
        )
        self.assertTrue(views)
        checked = 0
        for view in views:
            model = self.env[view.model]
            for node in etree.fromstring(view.arch_db).iter("field"):
                field = model._fields.get(node.get("name"))
                if field and field.type in ("date", "datetime"):
                    checked += 1
                    self.assertIn(
                        "'numeric': true",
                        node.get("options") or "",
                        f"{view.xml_id}: {field.name}",
                    )
        self.assertGreater(checked, 15)

    def test_history_shows_no_amount_without_one(self):
        lot = self._lot("LBL-1")
        self._deliver(lot, self.customer_a, "2025-06-01 10:00:00")
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Noise",
                "description": "<p>x</p>",
                "lot_id": lot.id,
                "partner_id": self.customer_a.id,
            }
        )
        self.env["helpdesk.ticket.cost.line"].create(
            {"ticket_id": ticket.id, "product_id": self.part.id}
        )
        rows = self.env["crm.service.device.history"].search([("lot_id", "=", lot.id)])
        self.assertTrue({"delivery", "ticket", "cost"} <= set(rows.mapped("kind")))
        for row in rows:
            self.assertEqual(bool(row.currency_id), row.kind == "cost", row.kind)
        arch = self.env["crm.service.device.history"].get_views([(False, "list")])[
            "views"
        ]["list"]["arch"]
        amount = etree.fromstring(arch).xpath("//field[@name='amount']")[0]
        self.assertEqual(amount.get("invisible"), "not currency_id")

    def test_messages_in_the_readers_number_format(self):
        lot = self._lot("LBL-2")
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "x", "description": "<p>x</p>", "lot_id": lot.id}
        )
        with self.assertRaises(ValidationError) as cm:
            self.env["helpdesk.ticket.cost.line"].with_context(lang="pl_PL").create(
                {"ticket_id": ticket.id, "product_id": self.part.id, "quantity": -1.5}
            )
        self.assertIn("ilość musi być dodatnia, a nie -1,50", str(cm.exception))

    def test_read_only_field_message_in_polish(self):
        user = new_test_user(
            self.env,
            "sw_labels_pl",
            groups="base.group_user,helpdesk_mgmt.group_helpdesk_user",
            lang="pl_PL",
        )
        lot = self._lot("LBL-3")
        with self.assertRaises(UserError) as cm:
            # the web client sends the user's language in the context
            lot.with_user(user).with_context(lang=user.lang).write(
                {"return_date": "2025-01-01"}
            )
        self.assertIn("LBL-3", str(cm.exception))
        self.assertIn("Zwrócone dnia", str(cm.exception))
        self.assertIn("nie można ustawić ręcznie", str(cm.exception))
