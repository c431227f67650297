from datetime import date

from odoo import Command

from odoo.addons.crm_analytics.tests.common import AgingCommon


class CollectionCommon(AgingCommon):
    """A Polish company (PLN) with EUR rates around the dates of the tests."""

    AS_OF = date(2024, 6, 9)
    chart_template = "generic_coa"

    @classmethod
    def _create_company(cls, **create_values):
        # a Polish company in PLN on the generic chart (l10n_pl may be absent)
        create_values.setdefault("currency_id", cls.env.ref("base.PLN").id)
        create_values.setdefault("country_id", cls.env.ref("base.pl").id)
        return super()._create_company(**create_values)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("pl_PL")
        cls.company = cls.env.company
        assert cls.company.currency_id == cls.env.ref("base.PLN")
        Rate = cls.env["res.currency.rate"]
        for day, rate in (
            ("2024-03-28", 0.2),
            ("2024-03-29", 0.25),
            ("2024-05-31", 0.25),
        ):
            Rate.create(
                {
                    "name": day,
                    "rate": rate,
                    "currency_id": cls.eur.id,
                    "company_id": cls.company.id,
                }
            )
        Partner = cls.env["res.partner"]
        cls.business = Partner.create(
            {"name": "Handel Sp. z o.o.", "is_company": True, "vat": "PL5260250274"}
        )
        cls.consumer = Partner.create({"name": "Anna Nowak"})
        cls.hospital = Partner.create(
            {
                "name": "Szpital Miejski SP ZOZ",
                "is_company": True,
                "crm_debtor_type": "healthcare",
            }
        )
        cls.Aging = cls.env["crm.receivable.aging"]

    @classmethod
    def _refund(cls, invoice, amount, refund_date):
        refund = cls._invoice(
            invoice.partner_id, refund_date, amount, move_type="out_refund"
        )
        (invoice | refund).line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).reconcile()
        return refund

    @classmethod
    def _installment_term(cls):
        return cls.env["account.payment.term"].create(
            {
                "name": "50% in 30 days, 50% in 60 days",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 50, "nb_days": 30}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 50, "nb_days": 60}
                    ),
                ],
            }
        )

    def _interest(self, moves, as_of=None):
        """Interest per receivable item of the moves: {due date: (company
        currency, document currency)}."""
        lines = moves.line_ids.filtered(
            lambda line: (
                line.account_id.account_type == "asset_receivable" and line.balance > 0
            )
        )
        rows = self.Aging._crm_interest(as_of or self.AS_OF, lines.ids)
        by_id = {row["line_id"]: row for row in rows}
        return {
            line.date_maturity: (
                float(by_id[line.id]["interest"]),
                float(by_id[line.id]["interest_currency"]),
            )
            for line in lines
            if line.id in by_id
        }
