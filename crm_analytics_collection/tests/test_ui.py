from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.base.models.ir_actions_report import IrActionsReport


@tagged("post_install", "-at_install")
class TestCollectionUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.ref("base.main_company")
        cls.accountant = new_test_user(
            cls.env,
            "crm_coll_tour",
            groups="base.group_user,account.group_account_invoice",
            company_id=company.id,
            lang="en_US",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Windykacja Testowa Sp. z o.o.",
                "is_company": True,
                "email": "ksiegowosc@windykacja.example.com",
            }
        )
        day = fields.Date.add(fields.Date.today(), days=-40)
        move = (
            cls.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.customer.id,
                    "invoice_date": day,
                    "invoice_date_due": fields.Date.add(day, days=10),
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Service", "price_unit": 1200.0, "tax_ids": []}
                        )
                    ],
                }
            )
        )
        move.action_post()

    def test_demand_tour(self):
        render = IrActionsReport._render_qweb_pdf
        printed = []

        def real_pdf(report, report_ref, res_ids=None, data=None):
            printed.append(res_ids)
            report = report.with_context(force_report_rendering=True)
            return render(report, report_ref, res_ids, data)

        with patch.object(IrActionsReport, "_render_qweb_pdf", real_pdf):
            self.start_tour(
                "/odoo", "crm_analytics_collection_demand_tour", login="crm_coll_tour"
            )
        demand = self.env["crm.payment.demand"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(demand), 1)
        self.assertEqual(demand.line_ids.days_overdue, 30)
        self.assertTrue(printed)
