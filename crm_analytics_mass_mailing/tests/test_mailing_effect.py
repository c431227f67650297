from datetime import date, datetime, time

from odoo import Command
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestMailingEffect(TransactionCase):
    """Segment S: a, b, c, d; a and b mailed (a by a mailing contact with its
    e-mail) on 2025-05-01. a orders 5 days after (100), b not; of the control
    c orders 10 days after (50), d 40 days after (outside the 30-day window).
    Mailed: 2, 1 ordered (50 %), 100; control: 2, 1 ordered (50 %), 50."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.crm_mailing_window_days = 30
        cls.product = cls.env["product.product"].create({"name": "Mailing product"})
        Partner = cls.env["res.partner"]
        cls.a, cls.b, cls.c, cls.d = Partner.create(
            [
                {
                    "name": f"Mailing {n}",
                    "is_company": True,
                    "email": f"{n}@example.com",
                }
                for n in "abcd"
            ]
        )

        def order(partner, day, amount):
            so = cls.env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "company_id": cls.company.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": cls.product.id,
                                "price_unit": amount,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
            )
            so.action_confirm()
            so.date_order = datetime.combine(day, time(12))

        for partner in (cls.a, cls.b, cls.c, cls.d):
            order(partner, date(2025, 1, 1), 10)
        order(cls.a, date(2025, 5, 6), 100)
        order(cls.c, date(2025, 5, 11), 50)
        order(cls.d, date(2025, 6, 10), 70)
        cls.env["crm.customer.value"]._crm_refresh(
            cls.company, full=True, today=date(2025, 6, 30)
        )
        cls.segment = cls.env["crm.rfm.segment"].create(
            {"name": "Mailing S", "sequence": 999}
        )
        cls.env.cr.execute(
            "UPDATE crm_customer_value SET segment_id = %s "
            "WHERE company_id = %s AND partner_id = ANY(%s)",
            [cls.segment.id, cls.company.id, (cls.a | cls.b | cls.c | cls.d).ids],
        )
        sent = datetime(2025, 5, 1, 9)
        cls.mailing = cls.env["mailing.mailing"].create(
            {
                "subject": "Spring offer",
                "mailing_model_id": cls.env["ir.model"]._get_id("res.partner"),
                "body_html": "<p>Hello</p>",
            }
        )
        cls.mailing.write({"state": "done", "sent_date": sent})
        contact = cls.env["mailing.contact"].create(
            {"name": "A", "email": "a@example.com"}
        )
        cls.env["mailing.trace"].create(
            [
                {
                    "mass_mailing_id": cls.mailing.id,
                    "model": "mailing.contact",
                    "res_id": contact.id,
                    "email": "a@example.com",
                    "trace_status": "sent",
                    "sent_datetime": sent,
                },
                {
                    "mass_mailing_id": cls.mailing.id,
                    "model": "res.partner",
                    "res_id": cls.b.id,
                    "email": "b@example.com",
                    "trace_status": "open",
                    "sent_datetime": sent,
                },
                # a bounce reached nobody
                {
                    "mass_mailing_id": cls.mailing.id,
                    "model": "res.partner",
                    "res_id": cls.d.id,
                    "email": "d@example.com",
                    "trace_status": "bounce",
                    "sent_datetime": sent,
                },
            ]
        )
        cls.env.flush_all()

    def test_mailed_against_control(self):
        effect = self.env["crm.mailing.effect"].search(
            [("mailing_id", "=", self.mailing.id), ("segment_id", "=", self.segment.id)]
        )
        self.assertEqual(
            (
                effect.mailed_count,
                effect.mailed_buyer_count,
                effect.mailed_revenue,
                effect.mailed_rate,
            ),
            (2, 1, 100, 50.0),
        )
        # the control: the other customers of the segment (c, d) and those
        # of the company outside it are in their own rows
        self.assertEqual(
            (
                effect.control_count,
                effect.control_buyer_count,
                effect.control_revenue,
                effect.control_rate,
                effect.uplift,
            ),
            (2, 1, 50, 50.0, 0.0),
        )
        # a group's rates from its sums
        [(rate, control)] = self.env["crm.mailing.effect"]._read_group(
            [
                ("mailing_id", "=", self.mailing.id),
                ("segment_id", "=", self.segment.id),
            ],
            [],
            ["mailed_rate:avg", "control_rate:avg"],
        )
        self.assertEqual((float(rate), float(control)), (50.0, 50.0))

    def test_window(self):
        self.company.crm_mailing_window_days = 45
        self.env.flush_all()
        self.env["crm.mailing.effect"].invalidate_model()
        effect = self.env["crm.mailing.effect"].search(
            [("mailing_id", "=", self.mailing.id), ("segment_id", "=", self.segment.id)]
        )
        # d's order 40 days after counts now
        self.assertEqual((effect.control_buyer_count, effect.control_revenue), (2, 120))
