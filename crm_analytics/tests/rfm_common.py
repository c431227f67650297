from datetime import date, datetime, time

from odoo import Command

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class RfmCommon(AccountTestInvoicingCommon):
    """Six customers of one company, their orders computed by hand in the
    tests (refresh date TODAY, period 24 months, lifespan 3 years, churn
    factor 2):

    ======== ============================== ====== ===== ========
    customer orders (date: amount / cost)   freq   mon   RFM
    ======== ============================== ====== ===== ========
    c1       04-21, 05-21, 06-20 2025:       3      3000  4 5 5
             1000 / 600 each
    c2       2024-06-20, 2025-06-20 (its     2      1000  4 3 3
             person): 500 / 400 each
    c3       2025-01-31: 2000 / 1000         1      2000  3 1 4
    c4       2024-12-31: EUR 300 / EUR 100   1       600  2 1 2
             (rate 0.5: 600 / 400 margin)
    c5       2023-03-01: 700 / 0             0         0  none
    c6       2024-11-01, 2024-12-01:         2       200  1 3 1
             100 / 50 each
    ======== ============================== ====== ===== ========
    """

    TODAY = date(2025, 6, 30)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.env.user.group_ids |= cls.env.ref("sales_team.group_sale_manager")
        cls.company.write(
            {
                "crm_rfm_period_months": 24,
                "crm_rfm_source": "sale",
                "crm_ltv_lifespan_years": 3.0,
                "crm_churn_factor": 2.0,
            }
        )
        cls.eur = cls.setup_other_currency("EUR", rates=[("2024-01-01", 0.5)])
        cls.eur_pricelist = cls.env["product.pricelist"].create(
            {"name": "EUR", "currency_id": cls.eur.id, "company_id": cls.company.id}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "RFM service", "type": "service", "list_price": 100.0}
        )
        Partner = cls.env["res.partner"]
        cls.c1, cls.c2, cls.c3, cls.c4, cls.c5, cls.c6 = Partner.create(
            [{"name": f"RFM customer {n}", "is_company": True} for n in range(1, 7)]
        )
        cls.c2_person = Partner.create({"name": "Anna Nowak", "parent_id": cls.c2.id})
        cls.c1_orders = cls._order(cls.c1, date(2025, 4, 21), 1000, 600)
        cls.c1_orders |= cls._order(cls.c1, date(2025, 5, 21), 1000, 600)
        cls.c1_orders |= cls._order(cls.c1, date(2025, 6, 20), 1000, 600)
        cls._order(cls.c2, date(2024, 6, 20), 500, 400)
        cls._order(cls.c2_person, date(2025, 6, 20), 500, 400)
        cls._order(cls.c3, date(2025, 1, 31), 2000, 1000)
        cls._order(cls.c4, date(2024, 12, 31), 300, 100, pricelist=cls.eur_pricelist)
        cls._order(cls.c5, date(2023, 3, 1), 700, 0)
        cls._order(cls.c6, date(2024, 11, 1), 100, 50)
        cls._order(cls.c6, date(2024, 12, 1), 100, 50)
        # a draft quotation never counts
        cls.env["sale.order"].create(
            {
                "partner_id": cls.c3.id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "price_unit": 9999})
                ],
            }
        )
        cls._age_orders()

    @classmethod
    def _order(cls, partner, order_date, amount, cost, pricelist=None, company=None):
        company = company or cls.company
        vals = {
            "partner_id": partner.id,
            "company_id": company.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": cls.product.id,
                        "product_uom_qty": 1,
                        "price_unit": amount,
                        "purchase_price": cost,
                        "tax_ids": [],
                    }
                )
            ],
        }
        if pricelist:
            vals["pricelist_id"] = pricelist.id
        order = cls.env["sale.order"].with_company(company).create(vals)
        order.action_confirm()
        order.date_order = datetime.combine(order_date, time(12, 0))
        return order

    @classmethod
    def _age_orders(cls):
        """Orders written a day ago: the next refresh does not see them as
        touched unless the test changes them."""
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE sale_order SET write_date = write_date - interval '1 day'"
        )

    def _refresh(self, full=False, today=None, company=None):
        return self.env["crm.customer.value"]._crm_refresh(
            company or self.company, full=full, today=today or self.TODAY
        )

    def _value(self, partner, company=None):
        return self.env["crm.customer.value"].search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", (company or self.company).id),
            ]
        )

    def _snapshot(self, company=None):
        """Every stored figure of the company's customers, for comparisons."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT partner_id, order_count, revenue, margin, first_order_date,
                   last_order_date, average_order, frequency, monetary,
                   repeat_customer, repeat_rate, typical_interval_days,
                   margin_available, value_basis, r_score, f_score, m_score,
                   rfm_score, segment_id, churn_risk, ltv, user_id, country_id
              FROM crm_customer_value WHERE company_id = %s
             ORDER BY partner_id
            """,
            [(company or self.company).id],
        )
        return self.env.cr.fetchall()
